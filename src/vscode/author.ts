// The `by` name written on claims: the factmark.author setting, else git's user.name (where the
// extension can run git: the desktop, in a trusted folder on disk). Where neither is there — in
// the browser (vscode.dev, github.dev), or git has no name — claims are written without `by`
// and Factmark asks once, at the first change, for a name to keep in the setting.
import * as vscode from 'vscode';
import { validateAuthorName } from '../core/authorName';
import * as notify from './notify';
import { authorSetting } from './settings';

/** globalState key: the user chose not to be asked for a name again. */
const DONT_ASK = 'factmark.author.dontAsk';
const SET_NAME = 'Set My Name…';
const NEVER = "Don't Ask Again";

export class AuthorName {
  private gitName?: string;
  private asked = false;
  /**
   * The setting as last read: reading it is a configuration lookup, and the name is asked for
   * on every cursor move (may I review this claim?) and by every row of the Claims panel.
   * Forgotten when the setting changes (settingChanged, from the configuration listener).
   */
  private setting?: { readonly name: string | undefined };

  constructor(private readonly memento: vscode.Memento, private readonly lookUpGitName: () => Promise<string | undefined>) {}

  /** Asks git once (the platform decides whether it can). */
  async init(): Promise<void> {
    this.gitName = await this.lookUpGitName();
  }

  /** The name for `by` now; undefined (and, once per session, a question) when nobody said. */
  get(): string | undefined {
    this.setting ??= { name: authorSetting() };
    const name = this.setting.name ?? this.gitName;
    if (name === undefined) this.askOnce();
    return name;
  }

  /** factmark.author changed: the next get() reads it again. */
  settingChanged(): void {
    this.setting = undefined;
  }

  private askOnce(): void {
    if (this.asked || this.memento.get<boolean>(DONT_ASK)) return;
    this.asked = true;
    void (async () => {
      const choice = await notify.info(
        'Factmark records who changed each claim (`by` in the sidecar) but does not know your name here. Set it once, for every workspace?',
        SET_NAME, NEVER);
      if (choice === NEVER) return void (await this.memento.update(DONT_ASK, true));
      if (choice !== SET_NAME) return;
      const name = await vscode.window.showInputBox({
        title: 'Factmark: Your Name',
        prompt: 'Written as `by` on the claims you mark and rate (the factmark.author setting).',
        placeHolder: 'Jane Doe',
        ignoreFocusOut: true,
        validateInput: validateAuthorName,
      });
      if (name !== undefined && !validateAuthorName(name)) {
        await vscode.workspace.getConfiguration('factmark').update('author', name.trim(), vscode.ConfigurationTarget.Global);
      }
    })();
  }
}
