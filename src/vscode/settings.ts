// Typed access to the `factmark.*` settings (package.json `contributes.configuration`).
// Read on demand, never at module scope, so that a change applies without a reload.
import * as vscode from 'vscode';
import { validateAuthorName } from '../core/authorName';
import { SIDECAR_SUFFIX } from '../core/model';

/**
 * Every `factmark.*` setting is window-scoped (package.json declares no other scope; a unit test
 * holds that): a folder's own value is never applied, so a read for a resource gives what a read
 * without one gives, and costs more, since VS Code logs a warning for each (54 ms of a warm start
 * at 5,000 articles, once per folder of them). So none is read with a resource.
 */
function config(_scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('factmark');
}

/** Milliseconds between a change and the sidecar write (0 = at once). */
export function autoSaveDelay(scope?: vscode.ConfigurationScope): number {
  const v = config(scope).get<number>('autoSaveDelay', 300);
  return typeof v === 'number' && v >= 0 ? Math.min(v, 10000) : 300;
}

/** `.claims.yaml` unless the user chose another suffix (validated by the settings schema). */
export function sidecarSuffix(scope?: vscode.ConfigurationScope): string {
  const v = config(scope).get<string>('sidecarSuffix', SIDECAR_SUFFIX);
  return typeof v === 'string' && /^\.[A-Za-z0-9._-]+$/.test(v) ? v : SIDECAR_SUFFIX;
}

/** The `by` name the user set; empty (or not one line of plain text) means "ask git". */
export function authorSetting(scope?: vscode.ConfigurationScope): string | undefined {
  const v = config(scope).get<string>('author', '');
  return typeof v === 'string' && !validateAuthorName(v) ? v.trim() : undefined;
}

/** Whether opening an article suggests its check-worthy sentences at once. */
export function suggestOnOpen(scope?: vscode.ConfigurationScope): boolean {
  return config(scope).get<boolean>('suggestions.onOpen', false) === true;
}

/**
 * The check-worthiness score (0–1) a sentence needs to be suggested; undefined — the model's
 * own threshold — when the value is not a number from 0 to 1 (a score of the old 0–20 scale,
 * say, which the settings editor also flags).
 */
export function suggestThreshold(scope?: vscode.ConfigurationScope): number | undefined {
  const v = config(scope).get<number>('suggestions.threshold');
  return typeof v === 'number' && v >= 0 && v <= 1 ? v : undefined;
}

/** Whether a second start of the same workspace restores unchanged articles from the start-up cache (factmark.startupCache). */
export function startupCacheEnabled(): boolean {
  return config().get<boolean>('startupCache', true) !== false;
}
