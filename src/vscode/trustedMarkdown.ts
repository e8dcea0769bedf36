// Markdown that core/present built from file text it escaped (claimMarkdown.ts,
// suggestionMarkdown.ts), shown in hovers and tooltips: trusted for the links to the commands
// named and nothing else; no HTML, no theme icons (a `$(…)` from a file stays text).
import * as vscode from 'vscode';

export function trustedMarkdown(text: string, commands: readonly string[] = []): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text);
  md.isTrusted = commands.length ? { enabledCommands: [...commands] } : false;
  md.supportHtml = false;
  md.supportThemeIcons = false;
  return md;
}
