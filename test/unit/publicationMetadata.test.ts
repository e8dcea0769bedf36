// The metadata the exports need: where an article's fact-check was published (the sidecar's
// `published:` header, written into an existing file without touching anything else) and who
// publishes (`publisher:` in `.factmark.yaml`, edited without losing its comments).
import * as assert from 'assert';
import { loadConfig, setPublisher } from '../../src/core/config';
import { ClaimStore } from '../../src/core/store/claimStore';
import { serializeSidecar } from '../../src/core/sidecar/sidecarYaml';
import { DEFAULT_SCALE } from '../../src/core/statusScale';
import { copy, load } from '../fixtures/sidecars/fixtures';

const SIDECAR = `# Factmark claims for treaty.md — hand-edited
factmark: 1
article: treaty.md # the article beside this file
claims:
  - id: k3xq7d
    quote: "the agreement will remain effective for 20 years"
    before: "Ambassador Kazem Jalali, "
    after: "."
    status: accurate # checked against Article 25
    created: 2026-11-28T11:02:00Z
`;

const PUBLISHED = { url: 'https://factcheck.example.org/treaty', headline: 'What the treaty says: checked', date: '2026-11-30' };

describe('published: header', () => {
  it('is inserted after `article:` and nothing else in the file changes', () => {
    const loaded = load(SIDECAR);
    const next = copy(loaded.sidecar);
    next.published = PUBLISHED;
    const out = serializeSidecar(next, loaded);
    const at = SIDECAR.indexOf('claims:');
    assert.strictEqual(out, SIDECAR.slice(0, at)
      + 'published:\n  url: https://factcheck.example.org/treaty\n  headline: "What the treaty says: checked"\n  date: 2026-11-30\n'
      + SIDECAR.slice(at));
    assert.deepStrictEqual(load(out).sidecar.published, PUBLISHED);
  });

  it('is replaced in place when it changes, and removed with its lines when emptied', () => {
    const withHeader = serializeSidecar({ ...copy(load(SIDECAR).sidecar), published: PUBLISHED }, load(SIDECAR));
    const loaded = load(withHeader);
    const changed = serializeSidecar({ ...copy(loaded.sidecar), published: { ...PUBLISHED, date: '2026-12-01' } }, loaded);
    assert.strictEqual(changed, withHeader.replace('date: 2026-11-30', 'date: 2026-12-01'));
    const removed = serializeSidecar({ ...copy(loaded.sidecar), published: undefined }, loaded);
    assert.strictEqual(removed, SIDECAR);
  });

  it('keeps CRLF line ends', () => {
    const crlf = SIDECAR.replace(/\n/g, '\r\n');
    const loaded = load(crlf);
    const out = serializeSidecar({ ...copy(loaded.sidecar), published: { url: PUBLISHED.url } }, loaded);
    assert.ok(!/[^\r]\n/.test(out), 'no bare LF');
    assert.ok(out.includes('article: treaty.md # the article beside this file\r\npublished:\r\n  url: https://factcheck.example.org/treaty\r\nclaims:'), out);
  });

  it('is set through the store, written with the claims, and survives a merge with a change on disk', () => {
    const store = new ClaimStore({ scale: DEFAULT_SCALE, now: () => '2026-12-01T00:00:00Z' });
    store.open('treaty.md', 'treaty.md.claims.yaml', 'treaty.md');
    store.loadSidecar('treaty.md', SIDECAR);
    store.setArticleText('treaty.md', 'Ambassador Kazem Jalali, the agreement will remain effective for 20 years.');
    const events: string[] = [];
    store.onDidChange((e) => events.push(e.kind));
    store.setPublished('treaty.md', PUBLISHED);
    store.setPublished('treaty.md', { ...PUBLISHED });
    assert.deepStrictEqual(events, ['claims'], 'a second identical call changes nothing');
    assert.deepStrictEqual(store.get('treaty.md')?.published, PUBLISHED);
    // Meanwhile someone edited a claim's status on disk: both changes are kept.
    store.loadSidecar('treaty.md', SIDECAR.replace('status: accurate', 'status: mostly-accurate'));
    const written = store.serialize('treaty.md');
    const again = load(written).sidecar;
    assert.deepStrictEqual(again.published, PUBLISHED);
    assert.strictEqual(again.claims[0].status, 'mostly-accurate');
  });

  it('refuses to change a sidecar that does not parse', () => {
    const store = new ClaimStore({ scale: DEFAULT_SCALE });
    store.open('treaty.md', 'treaty.md.claims.yaml', 'treaty.md');
    store.loadSidecar('treaty.md', SIDECAR.replace('claims:', 'claims: [')); // broken
    assert.throws(() => store.setPublished('treaty.md', PUBLISHED), /has errors/);
  });
});

const CONFIG = `# Our desk's settings
initial: unverified   # new claims start here

# The scale is the default one.
`;

describe('publisher: in .factmark.yaml', () => {
  it('is read, with its problems at their line', () => {
    assert.deepStrictEqual(loadConfig('publisher:\n  name: The Example Times\n  url: https://example.org/\n').publisher,
      { name: 'The Example Times', url: 'https://example.org/' });
    const bad = loadConfig('publisher:\n  name: Desk\n  url: javascript:alert(1)\n  logo: x.png\n', '.factmark.yaml');
    assert.deepStrictEqual(bad.publisher, { name: 'Desk' }, 'the bad address is left out');
    assert.deepStrictEqual(bad.problems.map((p) => [p.severity, p.line, /url|logo/.exec(p.message)?.[0]]), [['warning', 4, 'logo'], ['error', 3, 'url']]);
    assert.strictEqual(loadConfig('publisher: Desk\n').problems[0].code, 'config-invalid');
  });

  it('is added to an existing file that keeps every comment and byte', () => {
    const r = setPublisher(CONFIG, { name: 'The Example Times', url: 'https://example.org/' });
    assert.ok(r.ok);
    assert.strictEqual(r.text, CONFIG + 'publisher:\n  name: The Example Times\n  url: https://example.org/\n');
    assert.deepStrictEqual(loadConfig(r.text).publisher, { name: 'The Example Times', url: 'https://example.org/' });
    const changed = setPublisher(r.text, { name: 'Example: Times' });
    assert.ok(changed.ok);
    assert.strictEqual(changed.text, CONFIG + 'publisher:\n  name: "Example: Times"\n');
    const removed = setPublisher(changed.text, undefined);
    assert.ok(removed.ok);
    assert.strictEqual(removed.text, CONFIG);
  });

  it('starts a new file with a comment when there is none', () => {
    const r = setPublisher(undefined, { name: 'Desk' });
    assert.ok(r.ok);
    assert.match(r.text, /^# Factmark settings.*\npublisher:\n {2}name: Desk\n$/);
  });

  it('never writes over a file that does not parse, has conflict markers, or is not a mapping', () => {
    for (const broken of ['initial: [unverified\n', '<<<<<<< HEAD\ninitial: a\n=======\ninitial: b\n>>>>>>> other\n', '- a list\n']) {
      const r = setPublisher(broken, { name: 'Desk' });
      assert.ok(!r.ok, broken);
      assert.ok(r.problems[0].line, 'the problem has a line');
    }
    const r = setPublisher(CONFIG, { url: 'ftp://example.org' });
    assert.ok(!r.ok && /http/.test(r.problems[0].message));
  });
});
