// The repository config, `.factmark.yaml` at the repo root: the status scale (`statuses:`, see
// parseScale), the `initial` status, the desk's policy (`requireReviews`, `requireSources`,
// see workflow/repoPolicy.ts) and the `publisher` of the fact-checks (for ClaimReview). A missing
// or broken file gives the defaults, with problems (line/column) for what was wrong, so a typo
// never stops anyone from working.
import type { Problem, Publisher } from './model';
import { DEFAULT_SCALE, findStatus, parseScale } from './statusScale';
import type { StatusScale } from './statusScale';
import { didYouMean } from './sidecar/didYouMean';
import { DEFAULT_POLICY, POLICY_KEYS, readPolicy, type RepoPolicy } from './workflow/repoPolicy';
import { parseYamlValue } from './yaml/parseYamlValue';
import { preflight } from './yaml/preflight';
import { YamlText, setTopLevelKey } from './yaml/yamlDocument';
import type { YamlPath } from './yaml/parseYamlValue';

export const CONFIG_FILE = '.factmark.yaml';
const KNOWN_KEYS: string[] = ['statuses', 'initial', ...POLICY_KEYS, 'publisher'];

export interface LoadedConfig { scale: StatusScale; policy: RepoPolicy; problems: Problem[]; publisher?: Publisher }

type At = (path: YamlPath, part?: 'key' | 'value') => Pick<Problem, 'file' | 'line' | 'column'>;

/** `source` undefined means there is no config file. */
export function loadConfig(source?: string, file: string = CONFIG_FILE): LoadedConfig {
  const defaults = { scale: DEFAULT_SCALE, policy: DEFAULT_POLICY };
  if (source === undefined) return { ...defaults, problems: [] };
  const parsed = parseYamlValue(source, file);
  if (!parsed.ok) return { ...defaults, problems: parsed.problems };
  const { value, locate } = parsed;
  const problems: Problem[] = [...parsed.warnings];
  const at: At = (path, part) => ({ file, ...locate(path, part) });
  if (value === null || value === undefined) return { ...defaults, problems };
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ severity: 'error', code: 'config-invalid', ...at([]), message: `${file} must be a mapping with \`statuses:\` and \`initial:\`; using the default scale.` });
    return { ...defaults, problems };
  }
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (KNOWN_KEYS.includes(key)) continue;
    const hint = didYouMean(key, KNOWN_KEYS);
    problems.push({ severity: 'warning', code: 'unknown-field', ...at([key], 'key'),
      message: `Unknown setting "${key}" in ${file}.${hint ? ` Did you mean "${hint}"?` : ` Known settings: ${KNOWN_KEYS.join(', ')}.`}` });
  }
  const publisher = readPublisher(raw.publisher, at, file, problems);
  const scale = readScale(raw, at, file, problems);
  const policy = readPolicy(raw, at, file);
  problems.push(...policy.problems);
  return { scale, policy: policy.policy, problems, ...(publisher ? { publisher } : {}) };
}

/** The scale of the config mapping (the default one when it has none or it is invalid). */
function readScale(raw: Record<string, unknown>, at: At, file: string, problems: Problem[]): StatusScale {
  if (raw.statuses === undefined && raw.initial === undefined) return DEFAULT_SCALE;
  if (raw.statuses === undefined) {
    if (typeof raw.initial === 'string' && findStatus(DEFAULT_SCALE, raw.initial)) return { ...DEFAULT_SCALE, initial: raw.initial };
    problems.push({ severity: 'error', code: 'config-invalid', ...at(['initial']),
      message: `\`initial\` must be one of the status keys (${DEFAULT_SCALE.statuses.map((x) => x.key).join(', ')}) (in ${file}); using the default scale.` });
    return DEFAULT_SCALE;
  }
  const result = parseScale({ statuses: raw.statuses, initial: raw.initial });
  if (result.scale) return result.scale;
  for (const message of result.errors) {
    problems.push({ severity: 'error', code: 'config-invalid', ...at(pathOf(message)), message: `${message} (in ${file}); using the default scale.` });
  }
  return DEFAULT_SCALE;
}

/** `publisher: { name, url }`: who publishes the fact-checks (ClaimReview `author`). Bad parts are reported and left out. */
function readPublisher(value: unknown, at: At, file: string, problems: Problem[]): Publisher | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ severity: 'error', code: 'config-invalid', ...at(['publisher']), message: `\`publisher\` must be a mapping with \`name:\` and \`url:\` (in ${file}).` });
    return undefined;
  }
  const raw = value as Record<string, unknown>;
  const out: Publisher = {};
  for (const key of Object.keys(raw)) {
    if (key === 'name' || key === 'url') continue;
    problems.push({ severity: 'warning', code: 'unknown-field', ...at(['publisher', key], 'key'), message: `Unknown setting "publisher.${key}" in ${file}. Known: name, url.` });
  }
  if (typeof raw.name === 'string' && raw.name.trim()) out.name = raw.name.trim();
  else if (raw.name !== undefined) problems.push({ severity: 'error', code: 'config-invalid', ...at(['publisher', 'name']), message: `\`publisher.name\` must be the organisation's name (in ${file}).` });
  if (typeof raw.url === 'string' && isHttpUrl(raw.url)) out.url = raw.url;
  else if (raw.url !== undefined) problems.push({ severity: 'error', code: 'config-invalid', ...at(['publisher', 'url']), message: `\`publisher.url\` must be an http(s) address (in ${file}).` });
  return out.name || out.url ? out : undefined;
}

export function isHttpUrl(s: string): boolean {
  return /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(s);
}

/** parseScale names the offending entry at the start of its message: `statuses[2].key …`, `` `initial` …``. */
function pathOf(message: string): YamlPath {
  const m = /^`?(statuses|initial)`?(?:\[(\d+)\])?(?:\.(\w+))?/.exec(message);
  if (!m) return [];
  const path: (string | number)[] = [m[1]];
  if (m[2] !== undefined) path.push(Number(m[2]));
  if (m[3] !== undefined) path.push(m[3]);
  return path;
}

export type ConfigEdit = { ok: true; text: string } | { ok: false; problems: Problem[] };

/**
 * The text of `.factmark.yaml` with `publisher:` set (or removed when empty): the rest of the
 * file, comments included, is kept byte for byte. A file that does not parse is never written
 * over: its problems come back instead. `source` undefined: there is no file yet.
 */
export function setPublisher(source: string | undefined, publisher: Publisher | undefined, file: string = CONFIG_FILE): ConfigEdit {
  const value = publisher && (publisher.name || publisher.url)
    ? { ...(publisher.name ? { name: publisher.name } : {}), ...(publisher.url ? { url: publisher.url } : {}) }
    : undefined;
  if (value?.url !== undefined && !isHttpUrl(value.url)) {
    return { ok: false, problems: [{ severity: 'error', code: 'config-invalid', file, message: `The publisher's address must start with http:// or https:// (got "${value.url}").` }] };
  }
  const text = source ?? `# Factmark settings for this repository — ${CONFIG_URL}\n`;
  const early = preflight(text, file);
  if (early.length) return { ok: false, problems: early };
  const parsed = YamlText.parse(text);
  if (!parsed.ok) return { ok: false, problems: parsed.issues.map((i) => ({ ...i, file, message: `YAML syntax: ${i.message}; ${file} was not changed.` })) };
  if (!parsed.yaml.isBlockMapping()) {
    return { ok: false, problems: [{ severity: 'error', code: 'config-invalid', file, line: 1, column: 1, message: `${file} is not a mapping of settings; it was not changed.` }] };
  }
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  return { ok: true, text: setTopLevelKey(parsed.yaml, 'publisher', value, PLAIN_STYLE, eol) };
}

const CONFIG_URL = 'https://github.com/factmark/factmark#the-status-scale';
const PLAIN_STYLE = { doubleQuoted: new Set<string>(), literal: new Set<string>(), flow: new Set<string>() };
