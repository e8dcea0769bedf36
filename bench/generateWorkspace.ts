// Generates a newsroom archive for the scale bench and tests: N articles of 5–20 KB of prose
// in desk/year/month folders, each with a valid sidecar of 10–30 claims written by Factmark's
// own writer (so the files are exactly what the extension would write). Deterministic: the
// same seed gives the same bytes.
//
//   node -r ./test/register.js bench/generateWorkspace.ts DIR [--articles 1000] [--seed 1] [--git]
//        [--suffix .article.md] [--claims 10000]  (one article with that many claims, for the keystroke bench)
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { captureSelectors } from '../src/core/anchoring/anchor';
import type { Claim, Sidecar, Source } from '../src/core/model';
import { SIDECAR_SUFFIX } from '../src/core/model';
import { serializeSidecar } from '../src/core/sidecar/sidecarYaml';
import { DEFAULT_SCALE } from '../src/core/statusScale';
import { seededRandom } from './seededRandom';

export interface GenerateOptions {
  articles: number;
  seed?: number;
  /** Claims per article (inclusive range). */
  claims?: [number, number];
  /** Article size in bytes (inclusive range). */
  bytes?: [number, number];
  /** Make the folder a git repository with one commit. */
  git?: boolean;
  /**
   * How article names end (default `.md`): `.article.md` opens them in Factmark's own
   * *Fact-check article* language, which VS Code's Markdown extension is not asked to hover.
   */
  suffix?: string;
}

export interface Generated {
  dir: string;
  articles: string[];
  claims: number;
  /** Claims with a status that is not settled (the Claims panel's badge counts these). */
  open: number;
  bytes: number;
}

const PEOPLE = ['Amina Diallo', 'Carlos Mendes', 'Hannah Weber', 'Kenji Sato', 'Maria Rossi', 'Olu Adeyemi', 'Priya Nair', 'Sean Murphy', 'Yasmin Haddad', 'Lars Eriksen'];
const ROLES = ['the finance minister', 'the mayor', 'a council spokesperson', 'the health secretary', 'the opposition leader', 'the transport commissioner', 'the union president'];
const PLACES = ['Lisbon', 'Accra', 'Leeds', 'Osaka', 'Bologna', 'Lagos', 'Kochi', 'Cork', 'Beirut', 'Bergen'];
const THINGS = ['housing budget', 'bus network', 'flood barrier', 'school meals scheme', 'hospital extension', 'tram line', 'library service', 'recycling plan', 'bridge repair', 'youth centre'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const FILLER = [
  'Residents at a public meeting asked how the work would be paid for.',
  'The details were published in a report to the council on Tuesday evening.',
  'Critics said the plan left many questions unanswered.',
  'Officials declined to comment further before the vote.',
  'The figures have not been independently audited.',
  'Campaigners welcomed the announcement but said it came late.',
];

function sentences(rand: () => number): () => { text: string; checkable: boolean } {
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
  const num = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const claims = [
    () => `${pick(PEOPLE)}, ${pick(ROLES)}, said the ${pick(THINGS)} would cost £${num(2, 950)} million over ${num(2, 30)} years.`,
    () => `Spending on the ${pick(THINGS)} in ${pick(PLACES)} rose by ${num(2, 60)} per cent between ${num(2001, 2012)} and ${num(2013, 2025)}.`,
    () => `According to ${pick(PEOPLE)}, ${num(100, 9000).toLocaleString('en')} households will benefit by ${pick(MONTHS)} ${num(2025, 2031)}.`,
    () => `The ${pick(THINGS)} was first promised in ${num(1995, 2020)} and has been delayed ${num(2, 9)} times since.`,
    () => `“We have not cut a single ${pick(THINGS)} in ${num(3, 12)} years,” ${pick(PEOPLE)} told reporters in ${pick(PLACES)}.`,
    () => `Unemployment in ${pick(PLACES)} fell to ${num(2, 14)}.${num(0, 9)} per cent last ${pick(MONTHS)}, the lowest since ${num(1990, 2015)}.`,
  ];
  return () => (rand() < 0.55 ? { text: pick(claims)(), checkable: true } : { text: pick(FILLER), checkable: false });
}

interface Article { text: string; claims: { start: number; end: number }[] }

/** Prose of about `bytes` bytes, and where the claimable sentences are. */
export function article(rand: () => number, bytes: number, claims: number, title: string): Article {
  const next = sentences(rand);
  let text = `# ${title}\n\n`;
  const spots: { start: number; end: number }[] = [];
  while (text.length < bytes || spots.length < claims) {
    const n = 2 + Math.floor(rand() * 4);
    const para: string[] = [];
    for (let i = 0; i < n; i++) {
      const s = next();
      const at = text.length + para.join(' ').length + (para.length ? 1 : 0);
      if (s.checkable) spots.push({ start: at, end: at + s.text.length });
      para.push(s.text);
    }
    text += para.join(' ') + '\n\n';
  }
  // Claims spread over the article, in article order.
  const chosen: { start: number; end: number }[] = [];
  const step = spots.length / claims;
  for (let i = 0; i < claims; i++) chosen.push(spots[Math.floor(i * step)]);
  return { text, claims: chosen };
}

const ID_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

export function sidecarOf(rand: () => number, name: string, a: Article): Sidecar {
  const statuses = DEFAULT_SCALE.statuses.map((s) => s.key);
  const selectors = captureSelectors(a.text, a.claims);
  const ids = new Set<string>();
  const claims: Claim[] = selectors.map((sel) => {
    let id = '';
    do { id = Array.from({ length: 6 }, () => ID_ALPHABET[Math.floor(rand() * ID_ALPHABET.length)]).join(''); } while (ids.has(id));
    ids.add(id);
    const status = statuses[Math.floor(rand() * statuses.length)];
    const settled = DEFAULT_SCALE.statuses.find((s) => s.key === status)?.settled;
    const sources: Source[] = settled
      ? [{ url: `https://example.org/records/${id}`, title: 'Council budget book', accessed: '2026-10-02', stance: rand() < 0.7 ? 'supports' : 'refutes', excerpt: 'Table 4.2, capital programme.' }]
      : [];
    const day = 1 + Math.floor(rand() * 28);
    const date = `2026-10-${String(day).padStart(2, '0')}T09:${String(Math.floor(rand() * 60)).padStart(2, '0')}:00Z`;
    return {
      id, quote: sel.quote, before: sel.before, after: sel.after, line: sel.line, offset: sel.offset, status,
      ...(settled ? { explanation: 'Checked against the published budget book and the minutes.\nThe figure is for the whole programme.' } : {}),
      sources,
      ...(rand() < 0.3 ? { tags: ['budget', 'council'] } : {}),
      updated: date, by: 'Desk Bench', created: date,
    };
  });
  return { factmark: 1, article: name, claims };
}

export function generateWorkspace(dir: string, o: GenerateOptions): Generated {
  const rand = seededRandom(o.seed ?? 1);
  const [cMin, cMax] = o.claims ?? [10, 30];
  const [bMin, bMax] = o.bytes ?? [5_000, 20_000];
  fs.mkdirSync(dir, { recursive: true });
  const out: Generated = { dir, articles: [], claims: 0, open: 0, bytes: 0 };
  for (let i = 0; i < o.articles; i++) {
    const desk = ['politics', 'business', 'health', 'transport', 'local'][i % 5];
    const year = 2020 + Math.floor(i / 600) % 7;
    const month = String(1 + (Math.floor(i / 50) % 12)).padStart(2, '0');
    const name = `story-${String(i).padStart(5, '0')}${o.suffix ?? '.md'}`;
    const rel = path.join(desk, String(year), month, name);
    const bytes = bMin + Math.floor(rand() * (bMax - bMin + 1));
    const claims = cMin + Math.floor(rand() * (cMax - cMin + 1));
    const a = article(rand, bytes, claims, `Story ${i}: the ${THINGS[i % THINGS.length]}`);
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, a.text);
    const sidecar = sidecarOf(rand, name, a);
    fs.writeFileSync(file + SIDECAR_SUFFIX, serializeSidecar(sidecar));
    out.open += sidecar.claims.filter((c) => !DEFAULT_SCALE.statuses.find((s) => s.key === c.status)?.settled).length;
    out.articles.push(rel.split(path.sep).join('/'));
    out.claims += claims;
    out.bytes += a.text.length;
  }
  if (o.git) gitInit(dir);
  return out;
}

/** One article with `claims` claims (the keystroke and re-decorate bench). */
export function generateBigArticle(dir: string, claims: number, seed = 7): string {
  const rand = seededRandom(seed);
  const a = article(rand, claims * 110, claims, `One article, ${claims.toLocaleString('en')} claims`);
  const file = path.join(dir, 'big-article.md');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, a.text);
  fs.writeFileSync(file + SIDECAR_SUFFIX, serializeSidecar(sidecarOf(rand, 'big-article.md', a)));
  return file;
}

/** Bump when the generator's output changes, so that cached archives are made again. */
const GENERATOR_VERSION = 2;

/**
 * A generated archive kept in the temp folder between runs (the bench and the integration suite
 * read it, never write it): made again when missing, incomplete or from another generator.
 */
export function cachedWorkspace(o: GenerateOptions): Generated {
  const key = `${GENERATOR_VERSION}-${o.articles}-${o.seed ?? 1}-${(o.claims ?? [10, 30]).join('_')}-${(o.bytes ?? [5_000, 20_000]).join('_')}${o.git ? '-git' : ''}${o.suffix && o.suffix !== '.md' ? `-${o.suffix.replace(/[^a-z0-9]+/gi, '_')}` : ''}`;
  const dir = path.join(os.tmpdir(), `factmark-archive-${key}`);
  const stamp = path.join(dir, '.factmark-generated.json');
  try {
    return JSON.parse(fs.readFileSync(stamp, 'utf8')) as Generated;
  } catch { /* not there yet, or half made */ }
  fs.rmSync(dir, { recursive: true, force: true });
  const g = generateWorkspace(dir, o);
  fs.writeFileSync(stamp, JSON.stringify(g));
  return g;
}

export function gitInit(dir: string): void {
  const git = (...args: string[]) => execFileSync('git', ['-c', 'init.defaultBranch=main', '-c', 'user.name=Factmark Bench', '-c', 'user.email=bench@factmark.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'Generated archive');
}

// Run as a script (`node -r ./test/register.js bench/generateWorkspace.ts DIR …`), not when bundled into the bench
// (dist/bench.js), where `require.main === module` holds too and the bench's arguments are not ours.
if (require.main === module && /generateWorkspace\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  const args = process.argv.slice(2);
  const flag = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : undefined; };
  const articles = Number(flag('--articles') ?? 1000);
  const seed = Number(flag('--seed') ?? 1);
  const big = flag('--claims');
  const suffix = flag('--suffix');
  const gi = args.indexOf('--git');
  const git = gi >= 0 && !!args.splice(gi, 1);
  const dir = args[0];
  if (!dir) { console.error('usage: generateWorkspace.ts DIR [--articles N] [--seed S] [--git] [--suffix .article.md] [--claims N]'); process.exit(2); }
  if (big) console.log(generateBigArticle(dir, Number(big), seed));
  else {
    const g = generateWorkspace(dir, { articles, seed, git, suffix });
    console.log(`${g.articles.length} articles, ${g.claims} claims, ${(g.bytes / 1e6).toFixed(1)} MB of prose in ${dir}`);
  }
}
