// The extension's entry point in the browser's web worker extension host (package.json
// `browser`: vscode.dev, github.dev): the shared wiring without git (see platform.ts). Bundled
// by scripts/build.mjs for the browser, where a Node built-in fails the build.
import * as vscode from 'vscode';
import type { FactmarkApi } from './api';
import { activateOn, deactivateAll } from './activate';
import { WEB_PLATFORM } from './platform';

export type { FactmarkApi } from './api';

export function activate(context: vscode.ExtensionContext): FactmarkApi {
  const log = vscode.window.createOutputChannel('Factmark', { log: true });
  return activateOn(WEB_PLATFORM, context, log);
}

export const deactivate = deactivateAll;
