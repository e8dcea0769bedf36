// Entry point of the VS Code extension. Kept thin: wiring only (see the files beside it).
import * as vscode from 'vscode';

export interface FactmarkApi {
  readonly version: string;
}

export function activate(context: vscode.ExtensionContext): FactmarkApi {
  return { version: String(context.extension.packageJSON.version) };
}

export function deactivate(): void {}
