// What the hover and the Claims panel show from a sidecar: hostile text stays text.
import * as assert from 'assert';
import fc from 'fast-check';
import { claimMarkdown, CLAIM_LINK_COMMANDS } from '../../src/core/present/claimMarkdown';
import { isFiltering, matchesFilter } from '../../src/core/present/claimFilter';
import { escapeMarkdown, mdBlock, oneLine, safeHttpUrl, short, stripBidi, truncate, withoutIcons } from '../../src/core/present/displayText';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import type { ClaimEntry } from '../../src/core/store/types';
import type { Claim } from '../../src/core/model';

const PUNCT = /[!-/:-@[-`{-~]/;

/** Drops backslash escapes; what is left must hold no Markdown punctuation from the input. */
function unescaped(md: string): string {
  return md.replace(/\\[!-/:-@[-`{-~]/g, '');
}

/** Every link target in the Markdown (an escaped `]` or `(` does not start one). */
function links(md: string): string[] {
  const out: string[] = [];
  const re = /(?<!\\)\]\((?<!\\\()([^)\s]*)\)/g;
  for (let m = re.exec(md); m; m = re.exec(md)) out.push(m[1]);
  return out;
}

function entry(claim: Partial<Claim>, rest: Partial<ClaimEntry> = {}): ClaimEntry {
  return {
    claim: { id: 'c1', quote: 'the words', before: '', after: '', status: 'inaccurate', sources: [], ...claim },
    state: 'anchored', reason: 'found where it was', confidence: 1, start: 0, end: 9, ...rest,
  };
}

const HOSTILE = [
  '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '[click](command:workbench.action.terminal.new)',
  '[x](javascript:alert(1))', 'javascript:alert(1)', '![i](https://evil.example/t.png)', '$(zap) **bold** _em_ `code`',
  '    indented code', '# heading', '| a | b |', '&lt;b&gt;', 'https://autolink.example', '<https://angle.example>',
  'Bidi \u202Egnp.exe\u202C trick', '- list\n1. item\n> quote',
].join('\n');

describe('displayed text', () => {
  it('escapes every Markdown punctuation character and nothing else', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const e = escapeMarkdown(s);
      assert.ok(!PUNCT.test(unescaped(e)));
      assert.strictEqual(e.replace(/\\([!-/:-@[-`{-~])/g, '$1'), s);
    }), { seed: 7, numRuns: 500 });
  });

  it('strips bidi controls and collapses lines for labels', () => {
    assert.strictEqual(stripBidi('a\u202Eb\u2066c\u200Fd'), 'abcd');
    assert.strictEqual(oneLine('  two\n\tlines\u202E  ', 80), 'two lines');
    assert.strictEqual(short('  said\n"we will"\u202E ', 60), '“said "we will"”');
    assert.strictEqual(short('x'.repeat(100), 10), `“${'x'.repeat(9)}…”`);
  });

  it('keeps quick picks from turning $(name) into icons', () => {
    assert.strictEqual(withoutIcons('$(alert) pay $(x)'), '$\u200b(alert) pay $\u200b(x)');
    assert.strictEqual(withoutIcons('costs $5 (or $ 6)'), 'costs $5 (or $ 6)');
  });

  it('truncates without splitting a surrogate pair', () => {
    const s = 'ab😀cd';
    for (let max = 1; max <= s.length; max++) {
      const t = truncate(s, max);
      assert.ok(t.length <= max, `${t} longer than ${max}`);
      assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(t), `lone high surrogate in ${JSON.stringify(t)}`);
    }
    assert.strictEqual(truncate('x'.repeat(10_000), 100).length, 100);
  });

  it('keeps paragraphs of an explanation without making code blocks', () => {
    const md = mdBlock('First line\n    indented\n\nSecond paragraph');
    assert.ok(!/^ {4}/m.test(md));
    assert.strictEqual(md.split('\n\n').length, 2);
  });

  it('accepts only http(s) addresses as link targets', () => {
    assert.strictEqual(safeHttpUrl('https://example.org/a b(c)'), 'https://example.org/a%20b%28c%29');
    for (const bad of ['javascript:alert(1)', 'command:factmark.markClaim', 'file:///etc/passwd', 'data:text/html,x', 'ftp://x.org', 'not a url', '']) {
      assert.strictEqual(safeHttpUrl(bad), undefined, bad);
    }
  });
});

describe('claim Markdown', () => {
  const hostile = entry({
    explanation: HOSTILE, claimant: HOSTILE, tags: ['<b>', '[t](command:x)'], by: '<i>',
    sources: [
      { url: 'https://example.org/report?a=1&b=(2)', title: HOSTILE, stance: 'refutes', excerpt: HOSTILE },
      { url: 'javascript:alert(1)', title: 'Evil' },
      { url: 'command:workbench.action.terminal.new' },
      { url: 'https://ok.example', archive: 'javascript:alert(2)' },
    ],
  }, { state: 'changed', currentText: HOSTILE, reason: HOSTILE });
  const ref = { article: 'file:///ws/a.md', id: 'c1' };

  it('links only to http(s) sources and to our own commands', () => {
    const md = claimMarkdown(hostile, DEFAULT_SCALE, { ref });
    const targets = links(md);
    assert.ok(targets.length >= 3, `expected source and command links, got ${targets.join(' ')}`);
    for (const t of targets) {
      if (t.startsWith('command:')) assert.ok((CLAIM_LINK_COMMANDS as readonly string[]).includes(t.slice(8).split('?')[0]), t);
      else assert.match(t, /^https?:\/\//);
    }
    assert.ok(targets.includes('https://example.org/report?a=1&b=%282%29'));
    assert.ok(!targets.some((t) => t.startsWith('javascript') || t.includes('terminal')));
  });

  it('leaves no HTML, emphasis, images or icons from the sidecar', () => {
    const md = claimMarkdown(hostile, DEFAULT_SCALE, { ref });
    const bare = unescaped(md.replace(/\]\([^)\s]*\)/g, ']'));
    assert.ok(!/</.test(bare), 'a < survives unescaped');
    assert.ok(!/\$\(/.test(bare), 'a theme icon survives');
    assert.ok(!/!\[/.test(bare), 'an image survives');
    assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(md), 'a bidi control survives');
    assert.ok(!/^ {4}/m.test(md), 'an indented code block survives');
  });

  it('says the status, its definition, the state and the old and new words', () => {
    const md = claimMarkdown(entry({ quote: 'grew by 15%' }, { state: 'changed', currentText: 'grew by 51%', reason: 'one word differs' }), DEFAULT_SCALE);
    assert.match(md, /\*\*False\*\* — Not accurate\\\./);
    assert.match(md, /re\\-check/);
    assert.ok(md.includes('grew by 15\\%') && md.includes('grew by 51\\%'));
    assert.ok(!md.includes('command:'), 'no command links without a ref');
  });

  it('shows a status that is not on the scale as such', () => {
    assert.match(claimMarkdown(entry({ status: 'sort-of' }), DEFAULT_SCALE), /not a status of this scale/);
  });

  it('bounds the size of what it shows', () => {
    const big = 'word '.repeat(200_000);
    const md = claimMarkdown(entry({ explanation: big, claimant: big, sources: Array.from({ length: 500 }, (_, i) => ({ url: `https://e.org/${i}`, title: big })) }), DEFAULT_SCALE);
    assert.ok(md.length < 20_000, `${md.length} characters`);
    assert.match(md, /and 492 more/);
  });
});

describe('claim filter', () => {
  const e = entry({ quote: 'Budget of £412 million', explanation: 'See the book', tags: ['housing'], sources: [{ url: 'https://council.example/budget', title: 'Budget book' }] });
  it('matches by status and by words anywhere in the claim', () => {
    assert.ok(!isFiltering({}) && isFiltering({ text: 'x' }) && isFiltering({ statuses: ['mixed'] }));
    assert.ok(matchesFilter(e, {}));
    assert.ok(matchesFilter(e, { statuses: ['inaccurate', 'mixed'] }));
    assert.ok(!matchesFilter(e, { statuses: ['mixed'] }));
    for (const t of ['£412', 'BUDGET', 'housing', 'council.example', 'the book']) assert.ok(matchesFilter(e, { text: t }), t);
    assert.ok(!matchesFilter(e, { text: 'library' }));
    assert.ok(!matchesFilter(e, { statuses: ['inaccurate'], text: 'library' }));
  });
});
