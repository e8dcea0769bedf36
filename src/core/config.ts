// The repository config, `.factmark.yaml` at the repo root: the status scale (`statuses:`, see
// parseScale) and the `initial` status. A missing or broken file gives the default scale, with
// problems (line/column) for what was wrong, so a typo never stops anyone from working.
import type { Problem } from './model';
import { DEFAULT_SCALE, findStatus, parseScale } from './statusScale';
import type { StatusScale } from './statusScale';
import { didYouMean } from './sidecar/didYouMean';
import { parseYamlValue } from './yaml/parseYamlValue';
import type { YamlPath } from './yaml/parseYamlValue';

export const CONFIG_FILE = '.factmark.yaml';
const KNOWN_KEYS = ['statuses', 'initial'];

export interface LoadedConfig { scale: StatusScale; problems: Problem[] }

/** `source` undefined means there is no config file. */
export function loadConfig(source?: string, file: string = CONFIG_FILE): LoadedConfig {
  if (source === undefined) return { scale: DEFAULT_SCALE, problems: [] };
  const parsed = parseYamlValue(source, file);
  if (!parsed.ok) return { scale: DEFAULT_SCALE, problems: parsed.problems };
  const { value, locate } = parsed;
  const problems: Problem[] = [...parsed.warnings];
  const at = (path: YamlPath, part?: 'key' | 'value') => ({ file, ...locate(path, part) });
  if (value === null || value === undefined) return { scale: DEFAULT_SCALE, problems };
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({ severity: 'error', code: 'config-invalid', ...at([]), message: `${file} must be a mapping with \`statuses:\` and \`initial:\`; using the default scale.` });
    return { scale: DEFAULT_SCALE, problems };
  }
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (KNOWN_KEYS.includes(key)) continue;
    const hint = didYouMean(key, KNOWN_KEYS);
    problems.push({ severity: 'warning', code: 'unknown-field', ...at([key], 'key'),
      message: `Unknown setting "${key}" in ${file}.${hint ? ` Did you mean "${hint}"?` : ` Known settings: ${KNOWN_KEYS.join(', ')}.`}` });
  }
  if (raw.statuses === undefined && raw.initial === undefined) return { scale: DEFAULT_SCALE, problems };
  if (raw.statuses === undefined) {
    if (typeof raw.initial === 'string' && findStatus(DEFAULT_SCALE, raw.initial)) return { scale: { ...DEFAULT_SCALE, initial: raw.initial }, problems };
    problems.push({ severity: 'error', code: 'config-invalid', ...at(['initial']),
      message: `\`initial\` must be one of the status keys (${DEFAULT_SCALE.statuses.map((x) => x.key).join(', ')}) (in ${file}); using the default scale.` });
    return { scale: DEFAULT_SCALE, problems };
  }
  const result = parseScale({ statuses: raw.statuses, initial: raw.initial });
  if (result.scale) return { scale: result.scale, problems };
  for (const message of result.errors) {
    problems.push({ severity: 'error', code: 'config-invalid', ...at(pathOf(message)), message: `${message} (in ${file}); using the default scale.` });
  }
  return { scale: DEFAULT_SCALE, problems };
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
