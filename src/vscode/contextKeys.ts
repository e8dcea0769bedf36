// The `when`-clause context keys this layer owns (see package.json menus and keybindings).
import * as vscode from 'vscode';
import { ContextKeys } from './contextKeyNames';

export { ContextKeys } from './contextKeyNames';

type Key = (typeof ContextKeys)[keyof typeof ContextKeys];

/** Sets a context key only when its value changes (each set is a round trip to the workbench). */
export class ContextKeySetter {
  private readonly values = new Map<Key, unknown>();

  /** The value last set (for tests: what `when` clauses see). */
  get(key: Key): unknown {
    return this.values.get(key);
  }

  set(key: Key, value: boolean | string): void {
    if (this.values.get(key) === value) return;
    this.values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }
}
