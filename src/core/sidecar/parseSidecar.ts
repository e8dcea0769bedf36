// Reads a sidecar: size and conflict-marker checks on the raw text, YAML parsing (the fast reader
// for the layout Factmark writes, else the full parser), schema validation with line/column from
// the YAML nodes, then the model. Never throws on bad input.
import type { Problem } from '../model';
import type { StatusScale } from '../statusScale';
import { preflightHead, preflightScan } from '../yaml/preflight';
import { MAX_FULL_PARSE_VALUES } from '../limits';
import { fastYamlRead, fastYamlReadOnce } from '../yaml/fastYaml';
import { lineLocator } from '../yaml/lineLocate';
import { LineSplice } from '../yaml/lineSplice';
import { YamlText, type YamlIssue } from '../yaml/yamlDocument';
import { claimContentKey, dataToSidecar } from './claimData';
import type { Data } from './claimData';
import { registerLayout } from './loadedSidecar';
import type { LoadResult } from './loadedSidecar';
import { CLAIM_ERRORS, validateSidecarData, type Locator } from './validate';

export interface ParseOptions {
  /** When given, statuses missing from the scale are reported (as errors that do not stop the file from loading). */
  scale?: StatusScale;
  /** Refuse files longer than this many characters (default 20 MB). */
  maxLength?: number;
  /** Always use the full YAML parser (for the tests and the bench that compare the two readers). */
  fullParser?: boolean;
  /** Never the one pass: preflight, then the fast reader, as before it (for the tests and the bench that compare them). */
  twoPasses?: boolean;
  /**
   * Write changes through the whole yaml Document even when the fast reader read the file, as
   * before lineSplice.ts (for the tests and the bench that compare the two writers).
   */
  wholeDocumentWrites?: boolean;
}

export function parseSidecar(source: string, file?: string, options: ParseOptions = {}): LoadResult {
  const fail = (problems: Problem[]): LoadResult => ({ ok: false, problems });
  // preflight (src/core/yaml/preflight.ts) in two parts around the one pass: the size and the
  // conflict markers first, then the scan of every character only when the fast reader's one
  // pass cannot tell that it finds nothing (fastYamlReadOnce), so that every problem is the
  // one preflight gives, at the same line and column.
  const head = preflightHead(source, file, options.maxLength);
  if (head.length) return fail(head);
  // A BOM (kept in the text so that a write gives it back) is no part of the YAML.
  const bom = source.charCodeAt(0) === 0xfeff;
  // The layout Factmark writes is read by the fast reader, and the yaml Document is built only
  // when something needs it (a write, a message's line and column). A file with any problem at
  // all is read again by the full parser, so that what it reports is exactly what it always was.
  let full: ReturnType<typeof YamlText.parse> | undefined;
  const fullParse = () => (full ??= YamlText.parse(source));
  const once = options.fullParser || options.twoPasses ? undefined : fastYamlReadOnce(bom ? source.slice(1) : source);
  if (once?.certain) {
    // The scan would find nothing and count at most ONE_PASS_MAX_VALUES values: not large; the
    // text holds a mapping, so it is not blank.
    const result = fromValue(source, file, options, once.value, () => fullYaml(fullParse()), [], true, false);
    if (result.ok && !result.loaded.warnings.length) return result;
    return fromFullParse(source, file, options, fullParse());
  }
  const counted = { values: 0 };
  const early = preflightScan(source, file, {}, counted);
  if (early.length) return fail(early);
  if (isBlank(source)) {
    return fail([{ severity: 'error', code: 'empty-file', file, line: 1, column: 1,
      message: 'The sidecar is empty; it needs `factmark: 1`, `article:` and `claims:`. Delete the file if the article has no claims.' }]);
  }
  // Past MAX_FULL_PARSE_VALUES the full parser is never run to read the file (it would cost
  // seconds): a file the fast reader reads has its problems placed by its lines, and one it
  // cannot read is refused at the line where it leaves Factmark's layout.
  if (!options.fullParser) {
    const large = counted.values > MAX_FULL_PARSE_VALUES;
    // (the one pass's value when it read the text: the same reader, the same value)
    const fast = once ?? fastYamlRead(bom ? source.slice(1) : source);
    if ('value' in fast) {
      const result = fromValue(source, file, options, fast.value, () => fullYaml(fullParse()), [], true, large, large ? lineLocator(source) : undefined);
      if (large || (result.ok && !result.loaded.warnings.length)) return result;
    } else if (large) {
      return fail([notOurLayout(source, file, counted.values, fast.gaveUpAt + (bom ? 1 : 0))]);
    }
  }
  return fromFullParse(source, file, options, fullParse());
}

/** The file read by the full parser (`parsed`), with its problems and warnings. */
function fromFullParse(source: string, file: string | undefined, options: ParseOptions, parsed: ReturnType<typeof YamlText.parse>): LoadResult {
  const fail = (problems: Problem[]): LoadResult => ({ ok: false, problems });
  if (!parsed.ok) return fail(parsed.issues.map((i) => ({ ...i, file, message: `YAML syntax: ${i.message}` })));
  const yaml = parsed.yaml;
  const alias = yaml.firstAlias();
  if (alias) {
    return fail([{ severity: 'error', code: 'yaml-alias', file, ...alias,
      message: 'Anchors and aliases (&name, *name) are not allowed in sidecars: each claim must stand on its own so it can be edited and merged alone.' }]);
  }
  const value = yaml.toValue();
  if (!value.ok) return fail([{ severity: 'error', code: 'yaml-syntax', file, line: 1, column: 1, message: value.message }]);
  return fromValue(source, file, options, value.value, () => yaml, parsed.warnings, false, false) as LoadResult;
}

/**
 * Validates the plain value and builds the model and the layout; the yaml text is asked for only
 * when needed. `fast`: the value came from the fast reader, whose flow lists are on one line and
 * so cannot hold comments: no list there is one the writer cannot change (see unspliceable).
 */
function fromValue(source: string, file: string | undefined, options: ParseOptions, data: unknown,
  yaml: () => YamlText, yamlWarnings: readonly YamlIssue[], fast: boolean, large: boolean, byLines?: Locator): LoadResult {
  const locate: Locator = byLines ?? ((path, part) => yaml().locate(path, part));
  const found = validateSidecarData(data, { file, scale: options.scale, locate });
  const errors = found.filter((p) => p.severity === 'error' && !CLAIM_ERRORS.has(p.code));
  if (errors.length) return { ok: false, problems: errors };

  const sidecar = dataToSidecar(data as Data);
  // What the writer compares a claim with to know it is unchanged: only a write needs it, and it
  // costs a JSON.stringify of every claim (a third of reading a sidecar), so it is made on first
  // use from the plain data, which nothing else holds and nobody changes, and the data dropped.
  let plain: Data | undefined = data as Data;
  let contentKeys: readonly string[] | undefined;
  const items = once(() => yaml().blockItems(['claims']));
  const dismissedItems = once(() => yaml().blockItems(['dismissed']));
  const lines = once(() => (fast && !options.wholeDocumentWrites ? LineSplice.of(source) : undefined));
  const readOnly = fast ? undefined
    : unspliceable(yaml(), 'claims', items()) ?? (sidecar.dismissed ? unspliceable(yaml(), 'dismissed', dismissedItems()) : undefined);
  const layout = registerLayout({
    get yaml() { return yaml(); },
    get lines() { return lines(); },
    large: large && !options.wholeDocumentWrites,
    eol: /\r\n/.test(source.slice(0, source.indexOf('\n') + 1)) ? '\r\n' : '\n',
    get items() { return items(); },
    get contentKeys() {
      if (!contentKeys) { contentKeys = dataToSidecar(plain!).claims.map(claimContentKey); plain = undefined; }
      return contentKeys;
    },
    ids: sidecar.claims.map((c) => c.id),
    dismissed: sidecar.dismissed ? [...sidecar.dismissed] : undefined,
    get dismissedItems() { return dismissedItems(); },
    factmark: sidecar.factmark,
    article: sidecar.article,
    published: sidecar.published ? { ...sidecar.published } : undefined,
    locate,
    file,
    // A large file whose lines the writer cannot follow is not changed (the whole Document would take seconds).
    get readOnly() { return readOnly?.message ?? (this.large && !this.lines ? LARGE_NOT_SPLICEABLE : undefined); },
  });
  const warnings = [...yamlWarnings.map((w) => ({ ...w, file })), ...found, ...(readOnly ? [{ ...readOnly, file }] : [])];
  return { ok: true, loaded: { sidecar, source, warnings, layout } };
}

/**
 * A list the writer would have to rewrite whole (flow style, `[...]`) that holds comments: the
 * rewrite would drop them, so changes to it are refused, with a warning that says so. (A flow
 * list without comments is rewritten as a block list; nothing in it is lost.)
 */
function unspliceable(yaml: YamlText, key: 'claims' | 'dismissed', items: unknown): Problem | undefined {
  if (items) return undefined;
  const at = yaml.firstCommentIn([key]);
  if (!at) return undefined;
  return { severity: 'warning', code: 'flow-list-comments', ...at,
    message: `\`${key}:\` is written as a flow list ([...]) with comments inside; Factmark cannot change it without losing them, so it will not. Write it as a block list (one "- " item a line), keeping the comments, to change claims here.` };
}

const LARGE_NOT_SPLICEABLE = `Factmark cannot find each claim's lines in this sidecar without the full YAML parser, which would take seconds on a file of more than ${MAX_FULL_PARSE_VALUES.toLocaleString('en')} values (about 1,000 claims), so it will not change it. Write its top-level keys and claims as Factmark does, or split the article.`;

/** A sidecar too large for the full parser that the fast reader could not read, at the place it stopped. */
function notOurLayout(source: string, file: string | undefined, values: number, at: number): Problem {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < at; i = source.indexOf('\n', i + 1)) { line++; lineStart = i + 1; }
  const n = (x: number) => x.toLocaleString('en');
  return { severity: 'error', code: 'large-unusual-layout', file, line, column: at - lineStart + 1,
    message: `The sidecar holds ${n(values)} values (lists, mappings, fields) and here it is not written the way Factmark writes sidecars (a tab, a folded or multi-line string, an anchor or tag, a flow mapping, or a YAML error). Factmark reads sidecars of more than ${n(MAX_FULL_PARSE_VALUES)} values (about 1,000 claims) only in its own layout, because the full YAML parser would take seconds on them: write this line as Factmark does, or split the article.` };
}

/** The full parse of a text the fast reader read: it cannot fail unless the fast reader is wrong. */
function fullYaml(parsed: ReturnType<typeof YamlText.parse>): YamlText {
  if (!parsed.ok) throw new Error(`Factmark's fast YAML reader accepted a file the full parser rejects (${parsed.issues[0]?.message}): a bug, please report it`);
  return parsed.yaml;
}

function once<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) { value = f(); done = true; }
    return value;
  };
}

/** Nothing but whitespace and comments. */
function isBlank(source: string): boolean {
  // Line by line up to the first that holds something (the second line, in a file Factmark wrote).
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const t = text.slice(start, end).trim();
    if (t !== '' && !t.startsWith('#')) return false;
    start = end + 1;
  }
  return true;
}
