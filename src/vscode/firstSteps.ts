// The five first steps of the walkthrough (open an article, mark, rate, cite, review), recorded
// where the user actually takes them — a command from the palette, a key, a hover link, the
// Claims panel or the Claim Details form — and published as context keys, which the
// walkthrough's `onContext:` completion events tick. (`onCommand:` events fire only for commands
// the workbench runs, not for a form's buttons or commands run from the extension host, and
// `onLanguage:` is not a completion event at all.) The keys are set for steps taken in this
// window (VS Code remembers a completed step itself); which steps were ever taken is kept across
// sessions, so that the hint after a first mark is not repeated once the user knows how to rate.
//
// VS Code (1.100) reads a walkthrough's completion events only when its walkthrough service
// starts, which may be as late as the first time a walkthrough is opened; an `onContext:`
// expression already true then is taken as "true at start" and never ticks its step in that
// window. So each step's expression also asks for `factmark.walkthroughShown`, which is set once
// the walkthrough's editor is seen open (the service has read the steps by then): steps taken
// before it tick as it opens, later ones as they are taken.
import * as vscode from 'vscode';
import { FIRST_STEPS, stepContextKey, WALKTHROUGH_SHOWN, type FirstStep } from './contextKeyNames';

export type { FirstStep } from './contextKeyNames';

const STATE_KEY = 'factmark.firstSteps';

export class FirstSteps {
  /** Ever taken (any session). */
  private readonly known: Set<FirstStep>;
  /** Taken in this window: their context keys are set. */
  private readonly now = new Set<FirstStep>();

  constructor(private readonly state: vscode.Memento) {
    const saved = state.get<unknown>(STATE_KEY);
    this.known = new Set(Array.isArray(saved) ? FIRST_STEPS.filter((s) => saved.includes(s)) : []);
  }

  /** Whether the user ever took the step. */
  has(step: FirstStep): boolean {
    return this.known.has(step);
  }

  /** Records that the user took a step (later calls cost a set lookup). */
  did(step: FirstStep): void {
    if (this.now.has(step)) return;
    this.now.add(step);
    void vscode.commands.executeCommand('setContext', stepContextKey(step), true);
    if (!this.known.has(step)) {
      this.known.add(step);
      void this.state.update(STATE_KEY, [...this.known]);
    }
  }

  /** The steps taken in this window, in walkthrough order (for tests). */
  taken(): FirstStep[] {
    return FIRST_STEPS.filter((s) => this.now.has(s));
  }
}

/**
 * Whether a tab may be Factmark's walkthrough: the workbench's own Welcome editor, which has no
 * input type the API knows. The extension host sees it labelled "Welcome" (its "Walkthrough:
 * Factmark" title is not reported as a tab change: seen in code-server 1.100), so the label is
 * not asked for; webview panels such as the Desk are not it.
 */
function isWalkthroughTab(tab: vscode.Tab): boolean {
  const i = tab.input;
  const known = i instanceof vscode.TabInputText || i instanceof vscode.TabInputTextDiff || i instanceof vscode.TabInputCustom
    || i instanceof vscode.TabInputWebview || i instanceof vscode.TabInputNotebook || i instanceof vscode.TabInputNotebookDiff
    || i instanceof vscode.TabInputTerminal;
  return !known;
}

/** Sets `factmark.walkthroughShown` once the walkthrough is open in this window (see above). */
export function watchWalkthrough(context: vscode.ExtensionContext): void {
  let shown = false;
  const look = () => {
    if (shown || !vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => isWalkthroughTab(t)))) return;
    shown = true;
    void vscode.commands.executeCommand('setContext', WALKTHROUGH_SHOWN, true);
    watching.dispose();
  };
  const watching = vscode.window.tabGroups.onDidChangeTabs(look);
  context.subscriptions.push(watching);
  look();
}
