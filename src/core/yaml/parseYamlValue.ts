// A small way for other core modules (e.g. the config reader) to read YAML into plain data,
// with line/column for their own messages, without importing `yaml` themselves.
import type { Problem } from '../model';
import { preflight } from './preflight';
import { YamlText } from './yamlDocument';
import type { YamlPath, YamlPosition } from './yamlDocument';

export type { YamlPath, YamlPosition } from './yamlDocument';

export type YamlValueResult =
  | { ok: true; value: unknown; warnings: Problem[]; locate: (path: YamlPath, part?: 'key' | 'value') => YamlPosition }
  | { ok: false; problems: Problem[] };

export function parseYamlValue(source: string, file?: string): YamlValueResult {
  const early = preflight(source, file);
  if (early.length) return { ok: false, problems: early };
  const parsed = YamlText.parse(source);
  if (!parsed.ok) return { ok: false, problems: parsed.issues.map((i) => ({ ...i, file })) };
  const value = parsed.yaml.toValue();
  if (!value.ok) return { ok: false, problems: [{ severity: 'error', code: 'yaml-alias', file, line: 1, column: 1, message: value.message }] };
  return {
    ok: true,
    value: value.value,
    warnings: parsed.warnings.map((w) => ({ ...w, file })),
    locate: (path, part) => parsed.yaml.locate(path, part),
  };
}
