// Helpers for the claim tests: articles written into the workspace copy, the sidecar read back
// with an independent YAML reader, and waiting for what the extension does asynchronously.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { api, workspaceRoot } from './helpers';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface ClaimRef { article: string; id: string }

export function fileUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), relativePath);
}

export function sidecarOf(article: vscode.Uri): vscode.Uri {
  return article.with({ path: article.path + '.claims.yaml' });
}

export async function writeFile(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
}

export async function readFile(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

export interface SidecarYaml {
  factmark: number;
  article: string;
  claims: Array<Record<string, unknown> & { id: string; quote: string; status: string; sources?: Array<Record<string, unknown>> }>;
}

/** The sidecar as written to disk (after every pending write), parsed independently. */
export async function sidecarYaml(article: vscode.Uri): Promise<SidecarYaml> {
  await (await api()).flush();
  const text = await readFile(sidecarOf(article));
  assert.ok(text !== undefined, `${sidecarOf(article).path} was not written`);
  return parse(text) as SidecarYaml;
}

/** A fresh article in the workspace copy, opened in an editor. */
export async function openNewArticle(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = fileUri(name);
  await writeFile(uri, text);
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function select(editor: vscode.TextEditor, words: string, occurrence = 0): vscode.Selection {
  const text = editor.document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(words, at + 1);
  assert.ok(at >= 0, `"${words}" is not in the article`);
  const sel = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + words.length));
  editor.selection = sel;
  return sel;
}

/** Selects `words` and runs Mark Claim, returning the new claim's ref. */
export async function markWords(editor: vscode.TextEditor, words: string): Promise<ClaimRef> {
  select(editor, words);
  const ref = await vscode.commands.executeCommand<ClaimRef>('factmark.markClaim');
  assert.ok(ref && ref.id, 'Mark Claim returned no claim');
  return ref;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined | false;
  while (Date.now() < until) {
    last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The Claims panel's node id of a claim under its article, as VS Code hands it to a row's buttons and menus. */
export async function claimRow(ref: ClaimRef): Promise<string> {
  const tree = (await api()).views.tree;
  const roots = (await tree.provider.getChildren(undefined)) ?? [];
  const article = roots.find((n) => { const x = tree.node(n); return x?.kind === 'article' && x.article === ref.article; });
  assert.ok(article, 'the article is not in the panel');
  const rows = (await tree.provider.getChildren(article)) ?? [];
  const row = rows.find((n) => { const x = tree.node(n); return x?.kind === 'claim' && x.id === ref.id; });
  assert.ok(row, `claim ${ref.id} is not under its article`);
  return row;
}

export async function entryOf(ref: ClaimRef) {
  return (await api()).store.claim(ref.article, ref.id);
}

let counter = 0;
/** A file name no other test uses. */
export function uniqueName(stem: string): string {
  return `${stem}-${Date.now().toString(36)}-${counter++}.md`;
}

export const ARTICLE = `# Council approves the 2026 city budget

The council approved a budget of £412 million on Monday, up 6 per cent on last year.

Spending on housing rises to £58 million, the largest increase of any department.

The mayor said the city had "balanced the books without cutting a single library".

Bus fares will stay frozen until at least April 2027, the transport chair said.
`;

/** Makes `name` the current user (the factmark.author setting of the workspace). */
export async function actAs(factmark: Awaited<ReturnType<typeof api>>, name: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('factmark').update('author', name ?? undefined, vscode.ConfigurationTarget.Workspace);
  if (name) await waitFor(`the current user to be ${name}`, () => factmark.store.me() === name);
}

/** A sidecar as another tool (or a pull) brings it: one claim per quote, with its position in `text`. */
export function sidecarFor(name: string, text: string, claims: readonly { id: string; quote: string; status?: string }[]): string {
  return [
    'factmark: 1',
    `article: ${name}`,
    'claims:',
    ...claims.flatMap((c) => {
      const at = text.indexOf(c.quote);
      assert.ok(at >= 0, c.quote);
      return [
        `  - id: ${c.id}`,
        `    quote: ${JSON.stringify(c.quote)}`,
        `    before: ${JSON.stringify(text.slice(Math.max(0, at - 24), at))}`,
        `    after: ${JSON.stringify(text.slice(at + c.quote.length, at + c.quote.length + 24))}`,
        `    line: ${text.slice(0, at).split('\n').length}`,
        `    offset: ${at}`,
        `    status: ${c.status ?? 'unverified'}`,
        '    created: 2026-12-02T12:00:00Z',
        '    updated: 2026-12-02T12:00:00Z',
      ];
    }),
    '',
  ].join('\n');
}
