// How a suggestion explains itself in the Claims panel's tooltip: the cues on one line, the
// model's strongest features for and against on another, every piece of article text escaped.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { HEURISTIC_SCORER, MODEL_PATH, modelScorer, parseModel, suggestClaims, suggestionMarkdown, suggestionReasons } from '../../src/core/suggest';

const MODEL = modelScorer(parseModel(fs.readFileSync(path.join(__dirname, '..', '..', MODEL_PATH), 'utf8')));

describe('suggestion explanations', () => {
  it('sorts the reasons into cues and the features for and against, as the scorer gave them', () => {
    const [s] = suggestClaims('We have lost 750,000 manufacturing jobs since 2008.', { scorer: MODEL });
    const r = suggestionReasons(s);
    assert.deepStrictEqual(r.cues, s.reasons.filter((x) => !x.startsWith('feature: ')));
    assert.deepStrictEqual(r.cues, ['figure: 750,000', 'date: 2008']);
    const features = s.features ?? [];
    assert.ok(features.length > 0);
    assert.deepStrictEqual([...r.forIt, ...r.against].length, features.length);
    // The same figures as the CLI's reasons ("feature: “since” +0.97").
    for (const f of [...r.forIt, ...r.against]) assert.ok(s.reasons.includes(`feature: ${f}`), f);
    assert.ok(r.forIt.every((f) => / \+\d\.\d\d$/.test(f)) && r.against.every((f) => / −\d\.\d\d$/.test(f)));
  });

  it('writes Markdown with the score, a line of cues and a line of weighed words', () => {
    const [s] = suggestClaims('He voted against the bill three times in 2019.', { scorer: MODEL });
    const md = suggestionMarkdown(s);
    const lines = md.split('\n\n');
    assert.strictEqual(lines[1], `**Check-worthiness ${s.score}** (0–1)`);
    assert.strictEqual(lines[2], '**Cues:** date\\: 2019', 'a count of occasions is no comparison');
    assert.match(lines[3], /^\*\*The model weighed most:\*\* “/);
  });

  it('shows no model line for the cue heuristic, and says when there are no cues', () => {
    const md = suggestionMarkdown(suggestClaims('The council cut 40% of its budget.', { scorer: HEURISTIC_SCORER })[0]);
    assert.ok(md.endsWith('**Cues:** figure\\: 40\\%'), md);
    assert.doesNotMatch(md, /model/);
    assert.match(suggestionMarkdown({ text: 'x', score: 0.5, reasons: [], features: [] }), /\*\*Cues:\*\* none/);
  });

  it('escapes article text in the sentence and in the cues: no link, image, HTML or command', () => {
    const text = 'Officials said “[click](command:workbench.action.terminal.new) <img src=x>” cost $5 million in 2020.';
    const md = suggestionMarkdown(suggestClaims(text, { scorer: MODEL, threshold: 0 })[0]);
    assert.doesNotMatch(md, /(?<!\\)\[click|(?<!\\)<img|(?<!\\)\(command/);
    assert.ok(md.includes('\\[click\\]\\(command\\:workbench'), md);
  });
});
