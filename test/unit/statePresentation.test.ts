// What the user is told about a claim's state and a suggestion, and the messages built in the
// core: every state that needs work names its next step (an orphan: re-attach or delete) in the
// hover as well as in the details; suggestions explain themselves and link to Accept / Dismiss;
// counts cannot be read as claims; file problems read as one sentence with their place.
import * as assert from 'assert';
import { claimMarkdown, CLAIM_LINK_COMMANDS } from '../../src/core/present/claimMarkdown';
import { reattachQuestion, stateNotice } from '../../src/core/present/claimState';
import { notificationText } from '../../src/core/present/displayText';
import { count, suggestedSentences } from '../../src/core/present/phrases';
import { suggestionHoverMarkdown, SUGGESTION_LINK_COMMANDS } from '../../src/core/present/suggestionMarkdown';
import type { Claim } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar/sidecarYaml';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { ClaimStore } from '../../src/core/store/claimStore';
import { progressLines, progressOf, shortProgressLabel } from '../../src/core/store/progress';
import { StoreError, type ClaimEntry } from '../../src/core/store/types';

function entry(state: ClaimEntry['state'], reason = '', claim: Partial<Claim> = {}): ClaimEntry {
  const placed = state !== 'orphaned' && state !== 'unresolved';
  return {
    claim: { id: 'c1', quote: 'the words', before: '', after: '', status: 'accurate', sources: [], ...claim },
    state, reason, confidence: placed ? 1 : 0, start: placed ? 0 : undefined, end: placed ? 9 : undefined,
    currentText: state === 'changed' ? 'the new words' : undefined,
  };
}

/** The `command:` ids linked from Markdown, in order. */
function commandsLinked(md: string): string[] {
  return [...md.matchAll(/\]\(command:([a-zA-Z.]+)\?/g)].map((m) => m[1]);
}

const ref = { article: 'file:///w/a.md', id: 'c1' };

describe('claim states: what they mean and what to do next', () => {
  it('an orphan says it is gone in plain words, not the matcher\'s, and offers re-attach and delete', () => {
    const n = stateNotice(entry('orphaned', 'not found, not even approximately'));
    assert.ok(n);
    assert.strictEqual(n.title, '⚠ Not found in the article.');
    assert.ok(!/not even approximately|not found,/i.test(`${n.detail} ${n.next}`), `the matcher's words are repeated: ${n.detail}`);
    assert.match(n.next, /re-attach/i);
    assert.match(n.next, /delete/i);
    assert.deepStrictEqual(n.actions, ['reattach', 'delete']);
  });

  it('an orphan whose article file is missing is told to follow the article, and can be deleted', () => {
    const n = stateNotice(entry('orphaned', 'not found, not even approximately'), { articleMissing: true });
    assert.match(n?.detail ?? '', /article file is missing/);
    assert.deepStrictEqual(n?.actions, ['delete']);
  });

  it('keeps a reason that says more than "not found"', () => {
    assert.strictEqual(stateNotice(entry('orphaned', 'the claim has no quote'))?.detail, 'The claim has no quote.');
  });

  it('changed and ambiguous claims offer their own fixes; placed claims need no notice', () => {
    assert.deepStrictEqual(stateNotice(entry('changed'))?.actions, ['acceptWording', 'reattach']);
    assert.deepStrictEqual(stateNotice(entry('ambiguous', 'found 2 times'))?.actions, ['confirmPlace', 'reattach']);
    assert.strictEqual(stateNotice(entry('ambiguous', 'found 2 times'))?.detail, 'found 2 times');
    assert.strictEqual(stateNotice(entry('anchored')), undefined);
    assert.strictEqual(stateNotice(entry('moved')), undefined);
  });

  it('the hover links the state\'s next steps first, then the usual ones, all of them trusted ids', () => {
    const orphan = claimMarkdown(entry('orphaned', 'not found, not even approximately'), DEFAULT_SCALE, { ref });
    assert.deepStrictEqual(commandsLinked(orphan),
      ['factmark.reattach', 'factmark.deleteClaim', 'factmark.setStatus', 'factmark.addSource', 'factmark.showDetails', 'factmark.openInSidecar']);
    assert.match(orphan, /\[Re-attach to selection\]/);
    assert.match(orphan, /\[Delete claim\]/);
    assert.ok(!orphan.includes('not even approximately'), orphan);
    const changed = claimMarkdown(entry('changed'), DEFAULT_SCALE, { ref });
    assert.deepStrictEqual(commandsLinked(changed).slice(0, 2), ['factmark.acceptWording', 'factmark.reattach']);
    const unsure = claimMarkdown(entry('ambiguous', 'found 2 times'), DEFAULT_SCALE, { ref });
    assert.deepStrictEqual(commandsLinked(unsure).slice(0, 2), ['factmark.confirmPlace', 'factmark.reattach']);
    assert.match(unsure, /\[Confirm place\]\(command:factmark\.confirmPlace\?%5B%7B%22article%22/);
    const plain = claimMarkdown(entry('anchored'), DEFAULT_SCALE, { ref });
    assert.ok(!commandsLinked(plain).includes('factmark.deleteClaim'), 'a placed claim offers Delete in its hover');
    for (const md of [orphan, changed, unsure, plain]) {
      for (const id of commandsLinked(md)) assert.ok((CLAIM_LINK_COMMANDS as readonly string[]).includes(id), `${id} is linked but not trusted`);
    }
  });
});

describe('a verdict given for other words', () => {
  it('a placed claim marked recheck says its verdict is not re-confirmed, in the hover too; without the mark nothing is said', () => {
    const n = stateNotice(entry('anchored', '', { recheck: true }));
    assert.ok(n);
    assert.match(n.title, /Verdict not re-confirmed/);
    assert.match(n.next, /set the status again/i);
    assert.deepStrictEqual(n.actions, []);
    assert.match(claimMarkdown(entry('moved', '', { recheck: true }), DEFAULT_SCALE, { ref }), /Verdict not re\\?-confirmed/);
    assert.doesNotMatch(claimMarkdown(entry('moved'), DEFAULT_SCALE, { ref }), /re\\?-confirmed/);
    // A changed claim says that its words changed, which is the more urgent thing.
    assert.match(stateNotice(entry('changed', '', { recheck: true }))!.title, /words changed/);
  });

  it('re-attaching a placed claim asks with its words now and the words it would be on; the same words need no re-check', () => {
    const other = reattachQuestion('grew by 15%', 'grew by 15% last year', true);
    assert.match(other.detail, /Now on: “grew by 15%”\nWould be on: “grew by 15% last year”/);
    assert.match(other.detail, /re-check/);
    assert.strictEqual(other.recheck, true);
    assert.strictEqual(reattachQuestion('grew by 15%', 'grew by 15% last year', false).recheck, false);
    const same = reattachQuestion('the “new” deal', 'the "new" deal', true);
    assert.strictEqual(same.recheck, false);
    assert.match(same.message, /same words/);
    // Words from the file stay on one line and short, whatever they hold.
    const long = reattachQuestion('a\nb', 'x'.repeat(5000), true);
    assert.ok(!long.detail.includes('a\nb') && long.detail.length < 600, long.detail);
  });
});

describe('a suggested sentence explains itself', () => {
  const s = { start: 10, end: 60, text: 'The council said [x](command:evil) it spent £3m in 2025.', score: 0.91, reasons: ['figure: £3m', 'date: 2025', 'attribution: said'], features: [{ feature: 'w:spent', label: 'spent', weight: 0.8 }, { feature: 'w:said', label: 'said', weight: -0.2 }] };
  const sref = { article: 'file:///w/a.md', start: 10, end: 60 };

  it('lists its reasons and links Accept and Dismiss to the suggestion, nothing else', () => {
    const md = suggestionHoverMarkdown(s, { ref: sref });
    assert.match(md, /^\*\*Suggested claim\*\*/);
    for (const r of s.reasons) assert.ok(md.includes(r.split(':')[0]), `reason ${r} missing`);
    const shown = md.replace(/\\(.)/g, '$1'); // as rendered, Markdown escapes removed
    assert.ok(shown.includes('spent +0.80') && shown.includes('said −0.20'), `the model's words are missing:\n${md}`);
    assert.match(md, /Check-worthiness 0\.91/);
    assert.deepStrictEqual(commandsLinked(md), ['factmark.acceptSuggestion', 'factmark.dismissSuggestion']);
    for (const id of commandsLinked(md)) assert.ok((SUGGESTION_LINK_COMMANDS as readonly string[]).includes(id));
    const arg = JSON.parse(decodeURIComponent(/acceptSuggestion\?([^)]+)\)/.exec(md)?.[1] ?? ''));
    assert.deepStrictEqual(arg, [sref]);
    assert.ok(!md.includes('(command:evil)'), 'the sentence\'s own link became a link');
  });

  it('without a ref it has no links (a panel row without actions)', () => {
    assert.deepStrictEqual(commandsLinked(suggestionHoverMarkdown(s)), []);
  });
});

describe('counted phrases and progress', () => {
  it('says "suggested sentences without a claim", never "unchecked sentences"', () => {
    assert.strictEqual(suggestedSentences(7), '7 suggested sentences without a claim');
    assert.strictEqual(suggestedSentences(1), '1 suggested sentence without a claim');
    assert.strictEqual(count(0, 'claim'), '0 claims');
  });

  it('the status bar\'s label stays short; the tooltip lines carry every status and the re-checks', () => {
    const claims = [
      entry('anchored', '', { status: 'accurate' }), entry('changed', '', { status: 'accurate' }),
      entry('orphaned', '', { status: 'mostly-inaccurate' }), entry('anchored', '', { status: 'unverified' }),
    ];
    const p = progressOf(claims, DEFAULT_SCALE);
    assert.strictEqual(shortProgressLabel(p), '3/4 checked · 2 to re-check');
    assert.deepStrictEqual(progressLines(p, DEFAULT_SCALE), [
      '3 of 4 claims checked, 1 still open',
      '1 unverified · 2 true · 1 mostly false',
      '1 needs re-check · 1 orphaned (words not found)',
    ]);
  });
});

describe('messages about files', () => {
  it('a YAML syntax error carries its line and column apart, not repeated in the message', () => {
    const r = parseSidecar('factmark: 1\narticle: a.md\nclaims:\n  - id: a\n    quote: "unclosed\n', 'a.md.claims.yaml');
    assert.strictEqual(r.ok, false);
    const p = r.problems[0];
    assert.ok(p.line && p.column, 'no line or column');
    assert.ok(!/at line \d+|column \d+/.test(p.message), `the message repeats the place: ${p.message}`);
    assert.ok(!/[:\s]$/.test(p.message), `the message ends in "${p.message.slice(-1)}"`);
  });

  it('a store error about a broken sidecar names it as the caller says, with the place to open', () => {
    const store = new ClaimStore({ scale: DEFAULT_SCALE, displayName: (f) => f.replace('file:///work/', '') });
    const article = 'file:///work/news/a.md';
    store.open(article, `${article}.claims.yaml`, 'a.md');
    store.loadSidecar(article, 'factmark: 1\narticle: a.md\nclaims: [\n');
    store.setArticleText(article, 'The words.');
    let error: unknown;
    try { store.addClaim(article, 0, 3); } catch (e) { error = e; }
    assert.ok(error instanceof StoreError, String(error));
    assert.ok(!error.message.includes('file://'), error.message);
    assert.match(error.message, /^news\/a\.md\.claims\.yaml has errors \(line \d+, column \d+: [^)]*[^:.)]\)\. Fix the file first/);
    assert.deepStrictEqual({ file: error.location?.file, hasLine: !!error.location?.line }, { file: `${article}.claims.yaml`, hasLine: true });
  });

  it('text from a file cannot become a link in a notification', () => {
    const t = notificationText('bad [click](command:workbench.action.terminal.new) and [x] (https://e.example)\nnext line');
    assert.ok(!/\]\(/.test(t) && !/\]\s+\(/.test(t), t);
    assert.ok(!t.includes('\n'));
  });
});
