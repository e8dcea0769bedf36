// package.json's contributions and the code agree: one list of command ids (src/vscode/commandIds.ts)
// is exactly what package.json contributes, and every command that a menu, a key, a link or the
// code runs is one of them (or VS Code's own).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CLAIM_LINK_COMMANDS } from '../../src/core/present/claimMarkdown';
import { COMMAND_IDS } from '../../src/vscode/commandIds';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const contributed: string[] = contributes.commands.map((c: { command: string }) => c.command);
const viewIds: string[] = Object.values(contributes.views as Record<string, { id: string }[]>).flat().map((v) => v.id);

/** VS Code's own commands that our menus and links may run. */
const isBuiltIn = (id: string) => id.startsWith('workbench.');
/** `<view id>.focus`: VS Code registers one for every contributed view. */
const isViewFocus = (id: string) => viewIds.some((v) => id === `${v}.focus`);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}

describe('package.json and the command table', () => {
  it('every factmark.* setting is window-scoped (settings.ts reads them without a resource, which is exact only then)', () => {
    const properties = contributes.configuration.properties as Record<string, { scope?: string }>;
    assert.ok(Object.keys(properties).length > 5);
    for (const [key, p] of Object.entries(properties)) assert.ok(p.scope === undefined || p.scope === 'window', `${key} has scope ${p.scope}: read it with its resource in settings.ts`);
  });

  it('contributes exactly the commands of commandIds.ts, each once', () => {
    assert.strictEqual(new Set(COMMAND_IDS).size, COMMAND_IDS.length, 'an id is listed twice in commandIds.ts');
    assert.strictEqual(new Set(contributed).size, contributed.length, 'a command is contributed twice');
    assert.deepStrictEqual([...contributed].sort(), [...COMMAND_IDS].sort());
  });

  it('every command has a title and the Factmark category', () => {
    for (const c of contributes.commands) {
      assert.ok(typeof c.title === 'string' && c.title.trim(), `${c.command} has no title`);
      assert.strictEqual(c.category, 'Factmark', `${c.command}'s category`);
    }
  });

  it('menus and keybindings run only contributed commands', () => {
    const used: string[] = [
      ...contributes.keybindings.map((k: { command: string }) => k.command),
      ...Object.values(contributes.menus as Record<string, { command: string }[]>).flat().map((m) => m.command),
    ];
    assert.ok(used.length > 20, 'the test found the menus');
    for (const id of used) assert.ok(contributed.includes(id), `${id} is in a menu or keybinding but not contributed`);
  });

  it('command links in the walkthrough and the welcome view run contributed or built-in commands', () => {
    const links = [...JSON.stringify(manifest).matchAll(/command:([A-Za-z0-9_.-]+)/g)].map((m) => m[1]);
    assert.ok(links.includes('factmark.markClaim'), 'the test found the links');
    for (const id of links) assert.ok(contributed.includes(id) || isBuiltIn(id), `a link runs ${id}, which nobody contributes`);
  });

  it('the commands the code runs by name exist (hover links, executeCommand)', () => {
    const run = new Set<string>(CLAIM_LINK_COMMANDS);
    for (const file of sourceFiles(path.join(ROOT, 'src'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/executeCommand\(\s*['"`](factmark\.[A-Za-z0-9_.]+)['"`]/g)) run.add(m[1]);
    }
    assert.ok(run.size > CLAIM_LINK_COMMANDS.length, 'the test found executeCommand calls');
    for (const id of run) assert.ok(contributed.includes(id) || isViewFocus(id), `the code runs ${id}, which is neither a contributed command nor a view's focus command`);
  });
});
