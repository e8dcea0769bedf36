// The export formats on one fact-checked article (test/fixtures/export/factCheck.ts): W3C Web
// Annotations checked against the W3C test suite's JSON Schemas (read from ../shared, skipped
// when absent), ClaimReview expanded as JSON-LD and checked for what Google requires, the HTML
// and Markdown reports checked for escaping, and the CSV for quoting and formula injection.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { claimReviews, renderClaimReview } from '../../src/core/export/claimReview';
import { fromCodePoints, toCodePoints } from '../../src/core/export/codePoints';
import { renderCsv } from '../../src/core/export/csv';
import { escapeMarkdown } from '../../src/core/export/escape';
import { exportFileName, findFormat, FORMATS } from '../../src/core/export/formats';
import { renderHtmlReport } from '../../src/core/export/htmlReport';
import { renderMarkdownReport } from '../../src/core/export/markdownReport';
import { annotationCollection } from '../../src/core/export/webAnnotation';
import { DEFAULT_SCALE, findStatus, parseScale } from '../../src/core/statusScale';
import { ARTICLE, factCheck } from '../fixtures/export/factCheck';

const W3C_SCHEMAS = path.resolve(__dirname, '..', '..', '..', 'shared', 'standards', 'w3c-annotation-model', 'definitions');

describe('export: code points', () => {
  it('counts an emoji or a rare CJK character as one code point, and converts back', () => {
    const text = 'a😀b𠀋c日d';
    assert.strictEqual(text.length, 9);
    assert.deepStrictEqual([0, 1, 3, 4, 6, 7, 8, 9].map((o) => toCodePoints(text, o)), [0, 1, 2, 3, 4, 5, 6, 7]);
    for (let cp = 0; cp <= 7; cp++) assert.strictEqual(toCodePoints(text, fromCodePoints(text, cp)!), cp);
    assert.strictEqual(fromCodePoints(text, 8), undefined, 'past the end');
    assert.strictEqual(fromCodePoints(text, -1), undefined);
  });
});

describe('export: W3C Web Annotations', () => {
  const { input } = factCheck();
  const collection = annotationCollection(input);
  const items = collection.first.items;

  it('gives one annotation per claim, motivation assessing, in article order', () => {
    assert.strictEqual(collection.total, 5);
    assert.deepStrictEqual(items.map((a) => a['factmark:claim'].id), ['q8bud2', 'h7k2qm', 'lb9x3d', 'f2n6wv', 'zr3o7k']);
    assert.ok(items.every((a) => a.motivation === 'assessing'));
    assert.strictEqual(items[0].id, 'https://news.example.org/checks/city-budget#claim-q8bud2');
  });

  it('counts TextPositionSelector start/end in code points, so emoji and CJK before a claim do not shift it', () => {
    const pos = items[0].target.selector.find((s) => s.type === 'TextPositionSelector');
    assert.ok(pos && pos.type === 'TextPositionSelector');
    const codePoints = [...ARTICLE];
    assert.strictEqual(codePoints.slice(pos.start, pos.end).join(''), 'the council approved a budget of £412 million');
    assert.ok(pos.start < ARTICLE.indexOf('the council approved'), 'UTF-16 and code-point offsets differ in this text');
    const second = items[1].target.selector.find((s) => s.type === 'TextPositionSelector');
    assert.ok(second && second.type === 'TextPositionSelector');
    assert.strictEqual(codePoints.slice(second.start, second.end).join(''), 'Spending on housing rises to £58 million');
  });

  it('gives edited or lost words only as a quote, never a position that points elsewhere', () => {
    for (const i of [2, 4]) {
      assert.deepStrictEqual(items[i].target.selector.map((s) => s.type), ['TextQuoteSelector'], items[i].id);
    }
    const q = items[0].target.selector[0];
    assert.ok(q.type === 'TextQuoteSelector');
    assert.deepStrictEqual([q.exact, q.suffix?.slice(0, 1)], ['the council approved a budget of £412 million', '.']);
    assert.ok(ARTICLE.includes(q.prefix + q.exact + q.suffix), 'prefix and suffix are the text around the words now');
  });

  it('puts verdict, explanation, tags and sources in bodies with fitting purposes', () => {
    const b = items[0].body;
    assert.deepStrictEqual(b.map((x) => [x.type, x.purpose]), [
      ['TextualBody', 'assessing'], ['TextualBody', 'commenting'], ['TextualBody', 'tagging'], ['TextualBody', 'tagging'], ['SpecificResource', 'linking'],
    ]);
    assert.strictEqual(b[0].type === 'TextualBody' && b[0].value, 'True');
    const src = b[4];
    assert.ok(src.type === 'SpecificResource');
    assert.strictEqual(src.source, 'https://example.org/minutes.pdf');
    assert.strictEqual(src.selector?.exact, 'A budget of £412,000,000 was approved');
    assert.deepStrictEqual(src.state, { type: 'TimeState', cached: 'https://web.archive.org/web/2026/https://example.org/minutes.pdf', sourceDate: '2026-11-26T00:00:00Z' });
  });

  describe('against the W3C test suite\'s JSON Schemas', function () {
    let check: (ref: string, value: unknown) => string | undefined;
    before(function () {
      if (!fs.existsSync(W3C_SCHEMAS)) {
        console.log(`      (skipped: the W3C annotation schemas are not at ${W3C_SCHEMAS})`);
        this.skip();
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Ajv = require('ajv-draft-04');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const addFormats = require('ajv-formats');
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      for (const f of fs.readdirSync(W3C_SCHEMAS)) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(W3C_SCHEMAS, f), 'utf8')));
      check = (ref, value) => {
        const validate = ajv.getSchema(ref);
        assert.ok(validate, `no schema ${ref}`);
        return validate(value) ? undefined : `${ref}: ${JSON.stringify(validate.errors?.slice(0, 3))}`;
      };
    });

    const expectValid = (ref: string, value: unknown) => assert.strictEqual(check(ref, value), undefined);

    it('the collection and its page', () => {
      expectValid('collections.json#/definitions/contextValueInArrayFound', collection['@context']);
      for (const d of ['annotationCollectionTypeValueFound', 'labelDefinition', 'totalFound', 'totalMoreThanZero', 'firstValidIfPresent', 'firstRequiredIfTotalMoreThanZero', 'lastFound']) {
        expectValid(`collections.json#/definitions/${d}`, collection);
      }
      for (const d of ['annotationPageTypeValueFound', 'startIndexFound', 'itemsFound']) expectValid(`collections.json#/definitions/${d}`, collection.first);
      expectValid('id.json#/definitions/idValueFound', collection);
    });

    it('every annotation, its bodies, targets, selectors and states', () => {
      for (const a of items) {
        for (const d of ['annotationTypeValueFound', 'motivationRecognizedIfPresent', 'motivationSingularIfPresent', 'bodyValueValidIfPresent']) expectValid(`annotations.json#/definitions/${d}`, a);
        for (const d of ['createdValidIfPresent', 'modifiedValidIfPresent', 'creatorValidIfPresent', 'generatorValidIfPresent']) expectValid(`otherProperties.json#/definitions/${d}`, a);
        expectValid('id.json#/definitions/idValueFound', a);
        expectValid('bodyTarget.json#/definitions/targetResourcesFound', a.target);
        expectValid('specificResource.json#/definitions/specificeResourceDetected', a.target);
        for (const s of a.target.selector) {
          expectValid(`specificResource.json#/definitions/${s.type === 'TextQuoteSelector' ? 'textQuoteSelectorDetected' : 'textPositionSelectorDetected'}`, s);
        }
        for (const b of a.body) {
          expectValid('bodyTarget.json#/definitions/bodyResourcesFound', b);
          expectValid('otherProperties.json#/definitions/purposeRecognizedIfPresent', b);
          if (b.type === 'TextualBody') expectValid('bodyTarget.json#/definitions/textualBodyFound', b);
          else {
            expectValid('specificResource.json#/definitions/specificeResourceDetected', b);
            if (b.state) expectValid('specificResource.json#/definitions/timeStateDetected', b.state);
          }
        }
      }
    });

    it('rejects what the model forbids (so the checks above can fail)', () => {
      const a = structuredClone(items[0]) as unknown as Record<string, unknown>;
      assert.ok(check('annotations.json#/definitions/motivationRecognizedIfPresent', { ...a, motivation: 'rating' }));
      assert.ok(check('specificResource.json#/definitions/textPositionSelectorDetected', { type: 'TextPositionSelector', start: '3', end: 9 }));
      assert.ok(check('otherProperties.json#/definitions/createdValidIfPresent', { ...a, created: 'Monday' }));
    });
  });
});

describe('export: ClaimReview', () => {
  const { input } = factCheck();
  const { items, notes, left } = claimReviews(input);

  it('gives one ClaimReview per settled claim and counts the open ones it leaves out', () => {
    assert.deepStrictEqual(items.map((r) => r.claimReviewed), [
      'the council approved a budget of £412 million',
      'Spending on housing rises to £58 million',
      'We have balanced the books without cutting a single library',
      'The stadium redevelopment will cost nothing to local taxpayers',
    ]);
    assert.strictEqual(left, 1);
    assert.match(renderClaimReview(input).summary, /^4 ClaimReviews .*1 open claim left out/);
  });

  it('has the properties Google requires and recommends', () => {
    for (const r of items as unknown as Record<string, any>[]) { // eslint-disable-line @typescript-eslint/no-explicit-any
      assert.strictEqual(r['@context'], 'https://schema.org');
      assert.strictEqual(r['@type'], 'ClaimReview');
      assert.strictEqual(r.url, 'https://news.example.org/checks/city-budget', 'url (required): the published fact-check');
      assert.ok(typeof r.claimReviewed === 'string' && r.claimReviewed.length, 'claimReviewed (required)');
      assert.strictEqual(r.reviewRating['@type'], 'Rating');
      assert.ok(r.reviewRating.alternateName, 'reviewRating.alternateName (required): the verdict shown');
      assert.deepStrictEqual([r.reviewRating.bestRating, r.reviewRating.worstRating], [5, 1]);
      assert.deepStrictEqual(r.author, { '@type': 'Organization', name: 'The Example Times', url: 'https://news.example.org/' });
      assert.strictEqual(r.datePublished, '2026-11-30');
      assert.strictEqual(r.itemReviewed['@type'], 'Claim');
    }
    const [accurate, housing] = items as unknown as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepStrictEqual([accurate.reviewRating.ratingValue, accurate.reviewRating.alternateName], [5, 'True']);
    assert.deepStrictEqual([housing.reviewRating.ratingValue, housing.reviewRating.alternateName], [2, 'Mostly false']);
    assert.deepStrictEqual(accurate.itemReviewed.author, { '@type': 'Person', name: 'Council leader' });
    // The earliest dated appearance is the first, whatever the order listed; the undated one last.
    assert.deepStrictEqual(accurate.itemReviewed.firstAppearance, { '@type': 'CreativeWork', url: 'https://social.example/@leader/1', datePublished: '2026-11-24T18:30:00Z' });
    assert.deepStrictEqual(accurate.itemReviewed.appearance.map((w: { url: string }) => w.url), ['https://council.example.org/webcast/2026-11-25', 'https://news.example.org/interview']);
    assert.strictEqual(accurate.itemReviewed.datePublished, '2026-11-24T18:30:00Z', 'when the claim was made');
    assert.deepStrictEqual(Object.keys(housing.itemReviewed).sort(), ['@type', 'author'], 'no appearance when none is known');
    assert.match(accurate.reviewRating.ratingExplanation, /minutes of the meeting/);
    assert.deepStrictEqual(notes.filter((n) => n.severity !== 'info'), []);
  });

  it('expands as JSON-LD to schema.org terms only (a misspelled property would be dropped)', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jsonld = require('jsonld');
    // A local schema.org context with just the terms ClaimReview markup uses: no internet here.
    const terms = ['ClaimReview', 'Rating', 'Claim', 'Organization', 'Person', 'url', 'claimReviewed', 'reviewRating', 'ratingValue', 'bestRating',
      'worstRating', 'alternateName', 'ratingExplanation', 'itemReviewed', 'author', 'name', 'datePublished', 'headline', 'appearance', 'firstAppearance', 'CreativeWork'];
    const context = { '@context': Object.fromEntries(terms.map((t) => [t, `https://schema.org/${t}`])) };
    const documentLoader = async (url: string) => {
      if (url.replace(/\/$/, '') !== 'https://schema.org') throw new Error(`no network: ${url}`);
      return { contextUrl: null, documentUrl: url, document: context };
    };
    const doc = JSON.parse(renderClaimReview(input).text);
    const expanded = await jsonld.expand(doc, { documentLoader });
    assert.strictEqual(expanded.length, 4);
    assert.deepStrictEqual(expanded[0]['@type'], ['https://schema.org/ClaimReview']);
    const compacted = await jsonld.compact(expanded[0], 'https://schema.org', { documentLoader });
    const { '@context': _c, ...withoutContext } = compacted;
    const { '@context': _d, ...original } = doc[0];
    assert.deepStrictEqual(withoutContext, original, 'every property survives expansion: all are schema.org terms');
    const misspelled = await jsonld.expand({ ...doc[0], claimReviewd: 'x' }, { documentLoader });
    assert.ok(!JSON.stringify(misspelled).includes('claimReviewd'), 'the check would catch a misspelling');
  });

  it('says what is missing: no url is an error, no publisher a warning; a long quote suggests a summary', () => {
    const bare = { ...factCheck().input, publisher: undefined, articles: [{ ...factCheck().input.articles[0], published: undefined }] };
    const r = claimReviews(bare);
    assert.ok(r.notes.some((n) => n.severity === 'error' && /requires `url`/.test(n.message)));
    assert.ok(r.notes.some((n) => n.severity === 'warning' && /publisher/.test(n.message)));
    assert.ok(r.items.every((i) => !('url' in i) && !('author' in i)));
    const long = claimReviews(input).notes.find((n) => /longer than 75/.test(n.message));
    assert.ok(!long, 'no quote is over 75 characters here');
    const summarised = factCheck();
    summarised.store.updateClaim('budget.md', 'zr3o7k', { summary: 'Stadium free for taxpayers' });
    const s = claimReviews({ ...summarised.input, articles: [{ ...summarised.input.articles[0], entries: summarised.store.get('budget.md')!.claims }] });
    assert.strictEqual(s.items[3].claimReviewed, 'Stadium free for taxpayers');
  });

  it('gives no number for a verdict without a rating, and the scale\'s own range', () => {
    const custom = parseScale({ initial: 'open', statuses: [
      { key: 'open', settled: false }, { key: 'accurate', label: 'Right', rating: 4 }, { key: 'inaccurate', label: 'Wrong', rating: 2 },
      { key: 'mostly-inaccurate', label: 'Unclear', settled: true }, { key: 'misleading', rating: 3 }, { key: 'unverified', settled: false },
    ] }).scale!;
    const r = claimReviews({ ...factCheck({ scale: custom }).input, scale: custom });
    const housing = r.items[1] as unknown as { reviewRating: Record<string, unknown> };
    assert.deepStrictEqual(housing.reviewRating.alternateName, 'Unclear');
    assert.ok(!('ratingValue' in housing.reviewRating));
    const right = r.items[0] as unknown as { reviewRating: Record<string, unknown> };
    assert.deepStrictEqual([right.reviewRating.ratingValue, right.reviewRating.bestRating, right.reviewRating.worstRating], [4, 4, 2]);
  });
});

describe('export: HTML report', () => {
  const { input } = factCheck();
  const html = renderHtmlReport(input).text;

  it('is one self-contained page: no script, no remote resource, its own CSP', () => {
    assert.ok(!/<script/i.test(html));
    assert.deepStrictEqual(attributes(html).filter((a) => /^(src|srcset|poster|data|action|formaction|background|style)$/.test(a)), [], 'no attribute that loads anything');
    assert.ok(!/url\(|@import/i.test(html), 'no CSS that loads anything');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;/);
  });

  it('escapes every text from the sidecar and links only to http(s) addresses', () => {
    const tags = new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1].toLowerCase()));
    const allowed = ['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'h4', 'p', 'main', 'section', 'strong', 'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span',
      'svg', 'g', 'text', 'rect', 'ol', 'ul', 'li', 'blockquote', 'q', 'dl', 'dt', 'dd', 'a', 'code', 'br'];
    assert.deepStrictEqual([...tags].filter((t) => !allowed.includes(t)), [], 'only Factmark\'s own elements');
    assert.deepStrictEqual([...new Set(attributes(html))].sort(), ['aria-hidden', 'aria-label', 'charset', 'class', 'content', 'fill', 'height', 'href', 'http-equiv', 'id', 'initial-scale', 'lang', 'name', 'rel', 'role', 'rx', 'scope', 'text-anchor', 'viewbox', 'width', 'x', 'xmlns', 'y'],
      'only Factmark\'s own attributes: no event handler, no style');
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    assert.ok(hrefs.length >= 4);
    assert.deepStrictEqual(hrefs.filter((h) => !/^https?:\/\//.test(h)), []);
    assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62; *leader*'), 'the hostile claimant is shown as text');
    assert.ok(html.includes('&#60;script&#62;alert(2)&#60;/script&#62;'));
    assert.ok(html.includes('Click &#60;b&#62;me&#60;/b&#62; <span class="unlinked">(javascript:alert(3))</span>'), 'a javascript: source is text, not a link');
    assert.ok(!html.includes('\u202e'), 'a bidi override is made visible');
    assert.ok(html.includes('\\u{202e}Mostly true\\u{202c}'));
  });

  it('shows verdicts with definitions in article order, who rated and reviewed, sources, corrections and a chart', () => {
    const quotes = [...html.matchAll(/<blockquote class="quote">([^<]*)<\/blockquote>/g)].map((m) => m[1]);
    assert.deepStrictEqual(quotes.map((q) => q.slice(0, 12)), ['the council ', 'Spending on ', 'We have bala', 'Bus fares wi', 'The stadium ']);
    // The scale's colours (the default scale's are chosen in core/present/statusLook.ts).
    const colour = (key: string) => findStatus(DEFAULT_SCALE, key)!.color.toLowerCase();
    assert.ok(html.includes(`<span class="badge c-${colour('accurate').slice(1)}">True</span> <span class="definition">Accurate, with nothing significant missing.</span>`));
    assert.match(html, /<dt>Rated by<\/dt><dd>Jane Doe on 2026-11-29<\/dd>/);
    assert.match(html, /<dt>Made in<\/dt><dd><a href="https:\/\/council\.example\.org\/webcast\/2026-11-25" rel="noopener noreferrer">[^<]+<\/a> \(2026-11-25\)<br><a href="https:\/\/social\.example\/@leader\/1"[^>]*>[^<]+<\/a> \(2026-11-24\)<br>/);
    assert.match(html, /Approved by Ann Lee on 2026-11-29/);
    assert.match(html, /Disputed by Bo Kim on 2026-11-29 <span class="older">\(of an earlier verdict, Mostly true\)/);
    assert.match(html, /Verdict changed from Mostly true to Mostly false by Sam Roe — The annex shows £48m\./);
    assert.match(html, /<a href="https:\/\/web\.archive\.org[^"]*" rel="noopener noreferrer">archived copy<\/a>/);
    assert.match(html, /The words of this claim are no longer in the article/);
    assert.match(html, /The article now says: <q>We have balanced the books without cutting one single library<\/q>/);
    assert.match(html, /<strong>4 of 5 claims<\/strong> checked; 1 still open/);
    const bars = [...html.matchAll(/<rect [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    assert.deepStrictEqual(bars, ['unverified', 'accurate', 'misleading', 'mostly-inaccurate', 'inaccurate'].map(colour), 'one bar per status with claims, in scale order');
    assert.match(html, /role="img" aria-label="Verdicts: Unverified: 1, True: 1, Misleading: 1, Mostly false: 1, False: 1"/);
  });

  it('takes a nonce and a CSP for the preview webview', () => {
    const page = renderHtmlReport(input, { csp: "default-src 'none'; style-src 'nonce-abc123'", styleNonce: 'abc123' }).text;
    assert.match(page, /<style nonce="abc123">/);
    assert.ok(!renderHtmlReport(input, { styleNonce: '"><script>' }).text.includes('<script>'), 'a nonce is used only when it is plain base64');
  });
});

describe('export: Markdown report', () => {
  const { input } = factCheck();
  const md = renderMarkdownReport(input).text;

  it('escapes text so that nothing from the sidecar becomes a link, markup or emphasis', () => {
    assert.ok(!/<(img|script|b)\b/i.test(md), md);
    const links = [...md.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((m) => m[1]);
    assert.ok(links.length >= 4);
    assert.deepStrictEqual(links.filter((l) => !/^<https?:\/\/[^<>\s]+>$/.test(l)), [], 'links only to http(s) addresses, in angle brackets');
    assert.ok(md.includes('\\[£48m\\](javascript&#58;alert(1))'));
    assert.ok(md.includes('https&#58;//evil.example/x'), 'a bare address is not autolinked');
    assert.ok(md.includes('&lt;img src=x onerror=alert(1)> \\*leader\\*'));
    assert.ok(!md.includes('\u202e'));
  });

  it('has the summary table, a text chart and each claim with verdict, definition, rater, reviews and sources', () => {
    assert.match(md, /^# Fact-check: City budget: the claims checked\n/);
    assert.match(md, /\| Verdict \| Claims \|\n\|---\|---:\|\n\| Unverified \| 1 \|\n\| True \| 1 \|/);
    assert.match(md, /```text\nUnverified {4}█+ 1\n/);
    assert.match(md, /### 1\. True: “the council approved a budget of £412 million”\n\n\*\*True\*\* — Accurate, with nothing significant missing\.\n/);
    assert.match(md, /- \*\*Rated by:\*\* Jane Doe on 2026-11-29/);
    assert.match(md, /- \*\*Made in:\*\* \[[^\]]+\]\(<https:\/\/council\.example\.org\/webcast\/2026-11-25>\) \(2026-11-25\), \[/);
    assert.match(md, /- \*\*Disputed\*\* by Bo Kim on 2026-11-29 \(of an earlier verdict, Mostly true\)/);
    assert.match(md, /1\. \[Council minutes, 25 November\]\(<https:\/\/example\.org\/minutes\.pdf>\) · \*supports\* · accessed 2026-11-26 · \[archived copy\]/);
    assert.match(md, / {3}> A budget of £412,000,000 was approved/);
    assert.match(md, /The minutes of the meeting record £412m\.\n\nThe vote was 31 to 12\./);
  });

  it('escapes every Markdown special character', () => {
    assert.strictEqual(escapeMarkdown('*a* _b_ `c` [d](e) <f> # g | h ~i~ 1. j & www.x.org'), '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) &lt;f> # g \\| h \\~i\\~ 1. j &amp; www&#46;x.org');
    assert.deepStrictEqual(['# h', '  - x', '+ y', '> q', '12. n', '3) m', 'line\n# two'].map(escapeMarkdown),
      ['\\# h', '  \\- x', '\\+ y', '\\> q', '12\\. n', '3\\) m', 'line # two']);
  });
});

describe('export: CSV', () => {
  const { input } = factCheck();
  const csv = renderCsv(input).text;
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''));

  it('has one row per claim, with a BOM and CRLF, and quoted cells that read back exactly', () => {
    assert.ok(csv.startsWith('\uFEFFarticle,id,line,quote,'));
    assert.strictEqual(rows.length, 6);
    const head = rows[0];
    const col = (name: string) => head.indexOf(name);
    assert.deepStrictEqual(rows.slice(1).map((r) => r[col('id')]), ['q8bud2', 'h7k2qm', 'lb9x3d', 'f2n6wv', 'zr3o7k']);
    assert.strictEqual(rows[1][col('explanation')], 'The minutes of the meeting record £412m.\n\nThe vote was 31 to 12.\n');
    assert.strictEqual(rows[2][col('source titles')], 'Click <b>me</b>\nHousing plan | =HYPERLINK("http://evil")');
    assert.strictEqual(rows[1][col('line')], '3');
    assert.strictEqual(rows[1][col('appearances')], 'https://council.example.org/webcast/2026-11-25 (2026-11-25)\nhttps://social.example/@leader/1 (2026-11-24)\nhttps://news.example.org/interview');
    assert.strictEqual(rows[5][col('caution')], 'The words of this claim are no longer in the article.');
  });

  it('never lets a cell start a formula', () => {
    const head = rows[0];
    assert.strictEqual(rows[2][head.indexOf('tags')], "'=cmd|' /C calc'!A0, housing");
    for (const r of rows) for (const cell of r) assert.ok(!/^[=+\-@]/.test(cell), cell);
  });
});

describe('export: formats', () => {
  it('names output files after the article', () => {
    assert.strictEqual(exportFileName('news/budget.md', findFormat('html')!), 'news/budget.report.html');
    assert.strictEqual(exportFileName('.hidden', findFormat('csv')!), '.hidden.claims.csv');
    assert.deepStrictEqual(FORMATS.map((f) => f.id), ['html', 'markdown', 'claimreview', 'w3c', 'csv']);
  });

  it('is deterministic', () => {
    for (const f of FORMATS) assert.strictEqual(f.render(factCheck().input).text, f.render(factCheck().input).text, f.id);
  });
});

/** The attribute names of every element (text from files is escaped, so every `<` starts one of ours). */
function attributes(html: string): string[] {
  return [...html.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap((t) => [...t[0].matchAll(/\s([a-zA-Z-]+)=/g)].map((m) => m[1].toLowerCase()));
}

/** RFC 4180 reader for the test (quoted cells with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  return rows;
}
