// package.json's contributions against what the code does: every `when` clause names only
// context keys Factmark sets (or VS Code's own), situational commands are hidden from the
// Command Palette, the walkthrough's completion events are ones VS Code fires, and the welcome
// view's text is shown as written (viewsWelcome renders links, not Markdown).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { allContextKeys, FIRST_STEPS, stepCompletion } from '../../src/vscode/contextKeyNames';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const contributes = manifest.contributes;

/** Every `when` clause in menus, keybindings and views, with where it is. */
function whenClauses(): { where: string; when: string }[] {
  const out: { where: string; when: string }[] = [];
  for (const [menu, items] of Object.entries(contributes.menus as Record<string, { command: string; when?: string }[]>)) {
    for (const i of items) if (i.when) out.push({ where: `menus.${menu} ${i.command}`, when: i.when });
  }
  for (const k of contributes.keybindings as { command: string; when?: string }[]) if (k.when) out.push({ where: `keybinding ${k.command}`, when: k.when });
  return out;
}

/** VS Code's own context keys used in our clauses. */
const BUILT_IN = new Set(['editorTextFocus', 'editorLangId', 'resourceLangId', 'isWeb', 'focusedView', 'listFocus', 'inputFocus', 'view', 'viewItem']);

describe('package.json contributions', () => {
  it('when clauses use only context keys Factmark sets, or VS Code\'s own', () => {
    const ours = new Set(allContextKeys());
    for (const { where, when } of whenClauses()) {
      // The keys: what is left without quoted strings, regular expressions and compared values.
      const bare = when.replace(/'[^']*'|"[^"]*"|\/(?:\\.|[^/])+\//g, ' ').replace(/(==|!=|=~)\s*[^\s()&|]+/g, ' ');
      for (const id of bare.match(/[A-Za-z_][\w.]*/g) ?? []) {
        if (id === 'true' || id === 'false') continue;
        if (id.startsWith('factmark.')) assert.ok(ours.has(id) || id === 'factmark.claims', `${where}: ${id} is never set (when: ${when})`);
        else assert.ok(BUILT_IN.has(id), `${where}: unknown context key ${id} (when: ${when})`);
      }
    }
  });

  it('situational commands are hidden from the Command Palette until they apply', () => {
    const palette = new Map((contributes.menus.commandPalette as { command: string; when: string }[]).map((m) => [m.command, m.when]));
    const expected: Record<string, RegExp> = {
      'factmark.acceptWording': /factmark\.currentClaimState == changed/,
      'factmark.undoDelete': /^factmark\.canUndoDelete$/,
      'factmark.resolveConflicts': /^factmark\.hasConflicts$/,
      'factmark.editSource': /factmark\.currentClaimHasSources/,
      'factmark.removeSource': /factmark\.currentClaimHasSources/,
      'factmark.clearFilter': /^factmark\.filtered$/,
      'factmark.clearSuggestions': /^factmark\.hasSuggestions$/,
      'factmark.nextClaim': /factmark\.articleHasClaims/,
      'factmark.setStatus': /factmark\.currentClaimState \|\| factmark\.articleHasClaims/,
      'factmark.deleteClaim': /factmark\.currentClaimState \|\| factmark\.articleHasClaims/,
    };
    for (const [command, re] of Object.entries(expected)) assert.match(palette.get(command) ?? '(always shown)', re, command);
    // Each command of the palette menu is a contributed command.
    const ids = new Set((contributes.commands as { command: string }[]).map((c) => c.command));
    for (const c of palette.keys()) assert.ok(ids.has(c), `${c} is in the palette menu but not a command`);
  });

  it('each walkthrough step completes on an event VS Code fires, from a key Factmark sets', () => {
    // What VS Code 1.100's walkthrough service accepts (gettingStartedService: anything else is
    // dropped with "Unknown completionEvent"); onLanguage is not among them.
    const supported = /^(onCommand|onLink|onView|onSettingChanged|onContext|onExtensionInstalled|onStepSelected|onEvent):/;
    const steps = contributes.walkthroughs[0].steps as { id: string; completionEvents: string[] }[];
    assert.deepStrictEqual(steps.map((s) => s.id), [...FIRST_STEPS]);
    for (const s of steps) {
      assert.ok(s.completionEvents.length, `${s.id} has no completion event`);
      for (const e of s.completionEvents) assert.match(e, supported, `${s.id}: ${e}`);
      // The step's key and the walkthrough seen (firstSteps.ts: an expression already true when
      // VS Code reads the walkthrough never ticks).
      assert.ok(s.completionEvents.includes(`onContext:${stepCompletion(s.id as (typeof FIRST_STEPS)[number])}`),
        `${s.id} does not complete when Factmark records the step once the walkthrough is seen`);
    }
  });

  it('the welcome view has no Markdown it would show literally, and a Suggest Claims button', () => {
    const welcome = (contributes.viewsWelcome as { view: string; contents: string }[]).find((v) => v.view === 'factmark.claims');
    assert.ok(welcome);
    assert.ok(!/[`*_]/.test(welcome.contents.replace(/\[[^\]]*\]\([^)]*\)/g, '')), `literal Markdown in: ${welcome.contents}`);
    assert.match(welcome.contents, /^\[Suggest Claims\]\(command:factmark\.suggestClaims\)$/m);
    assert.match(welcome.contents, /^\[Mark Claim\]\(command:factmark\.markClaim\)$/m);
  });
});
