// Reads a sidecar: size and conflict-marker checks on the raw text, YAML parsing, schema
// validation with line/column from the YAML nodes, then the model. Never throws on bad input.
import type { Problem } from '../model';
import type { StatusScale } from '../statusScale';
import { preflight } from '../yaml/preflight';
import { YamlText } from '../yaml/yamlDocument';
import { claimContentKey, dataToSidecar } from './claimData';
import type { Data } from './claimData';
import { registerLayout } from './loadedSidecar';
import type { LoadResult } from './loadedSidecar';
import { validateSidecarData } from './validate';

export interface ParseOptions {
  /** When given, statuses missing from the scale are reported as warnings. */
  scale?: StatusScale;
  /** Refuse files longer than this many characters (default 20 MB). */
  maxLength?: number;
}

export function parseSidecar(source: string, file?: string, options: ParseOptions = {}): LoadResult {
  const fail = (problems: Problem[]): LoadResult => ({ ok: false, problems });
  const early = preflight(source, file, options.maxLength);
  if (early.length) return fail(early);
  if (isBlank(source)) {
    return fail([{ severity: 'error', code: 'empty-file', file, line: 1, column: 1,
      message: 'The sidecar is empty; it needs `factmark: 1`, `article:` and `claims:`. Delete the file if the article has no claims.' }]);
  }
  const parsed = YamlText.parse(source);
  if (!parsed.ok) return fail(parsed.issues.map((i) => ({ ...i, file, message: `YAML syntax: ${i.message}` })));
  const yaml = parsed.yaml;
  const alias = yaml.firstAlias();
  if (alias) {
    return fail([{ severity: 'error', code: 'yaml-alias', file, ...alias,
      message: 'Anchors and aliases (&name, *name) are not allowed in sidecars: each claim must stand on its own so it can be edited and merged alone.' }]);
  }
  const value = yaml.toValue();
  if (!value.ok) return fail([{ severity: 'error', code: 'yaml-syntax', file, line: 1, column: 1, message: value.message }]);

  const locate = (path: readonly (string | number)[], part?: 'key' | 'value') => yaml.locate(path, part);
  const found = validateSidecarData(value.value, { file, scale: options.scale, locate });
  const errors = found.filter((p) => p.severity === 'error');
  if (errors.length) return fail(errors);

  const sidecar = dataToSidecar(value.value as Data);
  const layout = registerLayout({
    yaml,
    eol: /\r\n/.test(source.slice(0, source.indexOf('\n') + 1)) ? '\r\n' : '\n',
    items: yaml.blockItems(['claims']),
    contentKeys: sidecar.claims.map(claimContentKey),
    ids: sidecar.claims.map((c) => c.id),
    dismissed: sidecar.dismissed ? [...sidecar.dismissed] : undefined,
    dismissedItems: yaml.blockItems(['dismissed']),
    factmark: sidecar.factmark,
    article: sidecar.article,
    published: sidecar.published ? { ...sidecar.published } : undefined,
    locate,
    file,
  });
  const warnings = [...parsed.warnings.map((w) => ({ ...w, file })), ...found];
  return { ok: true, loaded: { sidecar, source, warnings, layout } };
}

/** Nothing but whitespace and comments. */
function isBlank(source: string): boolean {
  return source.replace(/^\uFEFF/, '').split('\n').every((l) => { const t = l.trim(); return t === '' || t.startsWith('#'); });
}
