// The one way this layer speaks to the user in VS Code's plain-text UI: notifications, error
// messages, modal confirmations, status bar messages and progress titles all pass through here,
// and every message goes through uiText (src/core/present/displayText.ts) as a whole. Messages
// quote claim ids, statuses, file names and parser messages from files someone else wrote; in a
// notification VS Code turns `[label](command:…)` into a link that runs the command, and in the
// status bar `$(name)` into an icon — through here neither can come from a file. Our own button
// labels are ours and pass as they are. A unit test (notify.test.ts) fails when another file of
// src/vscode calls vscode.window.show*Message, setStatusBarMessage or withProgress itself.
import * as vscode from 'vscode';
import { notificationText, uiDetail, uiText } from '../core/present/displayText';
import type { ErrorLocation } from '../core/store/types';

type Level = 'info' | 'warning' | 'error';

export interface AskOptions {
  modal?: boolean;
  /** Shown under the message in a modal dialog; line breaks are kept. */
  detail?: string;
}

function show<T extends string>(level: Level, message: string, options: AskOptions, actions: T[]): Thenable<T | undefined> {
  const text = uiText(message);
  const opts: vscode.MessageOptions = { modal: options.modal, ...(options.detail !== undefined ? { detail: uiDetail(options.detail) } : {}) };
  switch (level) {
    case 'info': return vscode.window.showInformationMessage(text, opts, ...actions);
    case 'warning': return vscode.window.showWarningMessage(text, opts, ...actions);
    default: return vscode.window.showErrorMessage(text, opts, ...actions);
  }
}

/** An information notification; resolves to the action picked, if any. */
export function info<T extends string>(message: string, ...actions: T[]): Thenable<T | undefined> {
  return show('info', message, {}, actions);
}

export function warn<T extends string>(message: string, ...actions: T[]): Thenable<T | undefined> {
  return show('warning', message, {}, actions);
}

export function error<T extends string>(message: string, ...actions: T[]): Thenable<T | undefined> {
  return show('error', message, {}, actions);
}

/** A warning with options (a modal confirmation with a detail). */
export function ask<T extends string>(message: string, options: AskOptions, ...actions: T[]): Thenable<T | undefined> {
  return show('warning', message, options, actions);
}

/** A passing message in the status bar; `icon` is our own codicon name (never text from a file). */
export function statusMessage(text: string, ms: number, icon?: string): vscode.Disposable {
  return vscode.window.setStatusBarMessage((icon ? `$(${icon}) ` : '') + uiText(text, 200), ms);
}

/** vscode.window.withProgress, with the title and every reported message neutralised. */
export function withProgress<R>(
  options: vscode.ProgressOptions,
  task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>,
): Thenable<R> {
  return vscode.window.withProgress({ ...options, title: options.title === undefined ? undefined : uiText(options.title, 200) }, (progress, token) =>
    task({ report: (v) => progress.report({ ...v, message: v.message === undefined ? undefined : uiText(v.message, 200) }) }, token));
}

// Notifications about files: named by their workspace path (never a `file:///` URI), with an
// Open File button that goes to the line and column. They are warnings, not errors: VS Code keeps
// an error that has buttons on screen until it is clicked, so it would stay up after the file
// was fixed; a warning goes by itself, and the Problems panel, the status bar and the Claims
// panel keep saying what is wrong for as long as it is.

export const OPEN_FILE = 'Open File';

/** Opens a file at a 1-based line and column (the start of the file when absent). */
export async function openAt(uri: vscode.Uri, line?: number, column?: number): Promise<vscode.TextEditor> {
  const l = Math.max(0, (line ?? 1) - 1);
  const c = Math.max(0, (column ?? 1) - 1);
  return vscode.window.showTextDocument(uri, { selection: new vscode.Range(l, c, l, c), preview: false });
}

/**
 * Says `message` (through uiText, like every message here) with Open File first, then
 * `actions`; resolves to the action chosen other than Open File, which it handles itself.
 */
export async function fileProblem(message: string, where: ErrorLocation, ...actions: string[]): Promise<string | undefined> {
  const choice = await warn(message, OPEN_FILE, ...actions);
  if (choice === OPEN_FILE) {
    await openAt(vscode.Uri.parse(where.file, true), where.line, where.column);
    return undefined;
  }
  return choice;
}

/** A problem's place and message: "line 5, column 1: Missing closing quote" (no trailing colon). */
export function problemText(p: { line?: number; column?: number; message: string } | undefined): string {
  if (!p) return '';
  const where = p.line ? `line ${p.line}${p.column ? `, column ${p.column}` : ''}: ` : '';
  return where + notificationText(p.message, 200).replace(/[.:;,\s]+$/, '');
}
