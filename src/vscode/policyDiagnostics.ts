// Claims that break the repository's policy (`requireSources`, `requireReviews` in
// .factmark.yaml) as diagnostics in the Problems panel, on the article at the claim's words: the
// same rules `factmark check` applies in CI (core/workflow/policyProblems.ts). Placed exactly
// when the article is open, on the line the sidecar last gave otherwise. Kept up to date from
// the store's events; typing waits for a pause. Each has a quick fix (Add Source, Approve…).
import * as vscode from 'vscode';
import { timed } from './perf';
import { mayReview } from '../core/workflow/reviews';
import { policyProblems, type PolicyProblem } from '../core/workflow/policyProblems';
import type { ArticleSnapshot, StoreChange } from '../core/store/types';
import type { Services } from './services';

export interface PolicyDiagnosticsHandle {
  /** The diagnostics shown on the article. */
  of(uri: vscode.Uri): readonly vscode.Diagnostic[];
  /**
   * Breaches found from an article's claims (`built`, a snapshot each) and placed again after
   * typing that changed none (`moved`), per article (another article's events never show in
   * its counts); tests count them.
   */
  countsOf(uri: vscode.Uri): { readonly built: number; readonly moved: number };
}

const TYPING_DELAY_MS = 300;

export function registerPolicyDiagnostics(context: vscode.ExtensionContext, services: Services): PolicyDiagnosticsHandle {
  const { store } = services;
  const collection = vscode.languages.createDiagnosticCollection('factmark-policy');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const counts = new Map<string, { built: number; moved: number }>();
  const countOf = (article: string) => {
    let c = counts.get(article);
    if (!c) counts.set(article, c = { built: 0, moved: 0 });
    return c;
  };

  const documentOf = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());

  /**
   * The breaches last found per article, with what they depend on: while the claims, their
   * states, the policy and the scale are the same, typing has only moved them, and they are
   * placed again from the store's claims (no snapshot of the article per pause in typing).
   */
  const found = new Map<string, { version: string; policy: typeof store.policy; scale: typeof store.scale; problems: PolicyProblem[] }>();
  const problemsOf = (article: string): PolicyProblem[] => {
    const version = store.stateVersion(article) as string;
    const { policy, scale } = store;
    // No rule in .factmark.yaml asks for anything: nothing to look at.
    if (!policy.requireSources && policy.requireReviews <= 0) { found.delete(article); return []; }
    const last = found.get(article);
    if (last && last.version === version && last.policy === policy && last.scale === scale) {
      countOf(article).moved++;
      return last.problems.map((p) => {
        const e = store.claim(article, p.claimId);
        const { start, end, ...rest } = p;
        return e?.start !== undefined && e.end !== undefined ? { ...rest, start: e.start, end: e.end } : rest;
      });
    }
    countOf(article).built++;
    const problems = policyProblems((store.get(article) as ArticleSnapshot).claims, policy, scale);
    found.set(article, { version, policy, scale, problems });
    return problems;
  };

  /** The article's diagnostics as they are now (undefined: none to show; an empty list is none too). */
  const diagnosticsOf = (article: string): [vscode.Uri, vscode.Diagnostic[] | undefined] => {
    const t = timers.get(article);
    if (t) { clearTimeout(t); timers.delete(article); }
    const uri = services.articleUri(article);
    const state = store.state(article);
    if (!state || state.sidecarState === 'broken' || state.articleMissing) { found.delete(article); return [uri, undefined]; }
    const doc = documentOf(uri);
    return [uri, problemsOf(article).map((p) => toDiagnostic(p, doc))];
  };
  /** Articles whose breaches the collection shows now (a list that is not empty). */
  const shown = new Set<string>();
  const update = (article: string) => timed('diagnostics', () => {
    const [uri, diagnostics] = diagnosticsOf(article);
    if (diagnostics?.length) shown.add(article); else shown.delete(article);
    if (diagnostics) collection.set(uri, diagnostics); else collection.delete(uri);
  });
  /**
   * Many articles (a batch: the workspace scan, a checkout, a new policy): one message to the
   * workbench, naming only the articles that have breaches now or had some (a scan of 5,000
   * articles with no rule in .factmark.yaml sends nothing, not 5,000 empty lists).
   */
  const updateMany = (articles: readonly string[]) => {
    const changes: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
    // (no rule asks for anything: an article showing none has none to show, nothing to look up)
    const none = !store.policy.requireSources && store.policy.requireReviews <= 0;
    for (const article of articles) {
      if (none && !shown.has(article)) {
        const t = timers.get(article);
        if (t) { clearTimeout(t); timers.delete(article); }
        found.delete(article);
        continue;
      }
      const [uri, diagnostics] = diagnosticsOf(article);
      if (diagnostics?.length) shown.add(article); else shown.delete(article);
      if (diagnostics?.length || collection.has(uri)) changes.push([uri, diagnostics?.length ? diagnostics : undefined]);
    }
    if (changes.length) collection.set(changes);
  };

  const later = (article: string) => {
    if (timers.has(article)) clearTimeout(timers.get(article));
    timers.set(article, setTimeout(() => update(article), TYPING_DELAY_MS));
  };

  const onStore = (e: StoreChange) => {
    if (e.kind === 'saved') return;
    if (e.kind === 'removed') { for (const a of e.articles) { found.delete(a); counts.delete(a); shown.delete(a); } collection.set(e.articles.map((a) => [services.articleUri(a), undefined])); return; }
    if (e.kind === 'anchors') { for (const a of e.articles) later(a); return; }
    if (e.articles.length === 1) update(e.articles[0]); else updateMany(e.articles);
  };

  const onDocument = (doc: vscode.TextDocument) => {
    const key = services.articleKey(doc.uri);
    if (store.get(key)) update(key);
  };

  context.subscriptions.push(
    collection,
    store.onDidChange(onStore),
    // Exact ranges once the text is at hand.
    vscode.workspace.onDidOpenTextDocument(onDocument),
    { dispose: () => { for (const t of timers.values()) clearTimeout(t); timers.clear(); } },
    vscode.languages.registerCodeActionsProvider(
      [{ language: 'markdown' }, { language: 'plaintext' }, { language: 'factmark-article' }],
      { provideCodeActions: (doc, _range, ctx) => quickFixes(services, doc, ctx.diagnostics) },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
  for (const a of store.articles()) update(a);

  return { of: (uri) => collection.get(uri) ?? [], countsOf: (uri) => ({ ...countOf(services.articleKey(uri)) }) };
}

function toDiagnostic(p: PolicyProblem, doc: vscode.TextDocument | undefined): vscode.Diagnostic {
  let range: vscode.Range;
  if (doc && p.start !== undefined && p.end !== undefined) range = new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end));
  else {
    const line = Math.max(0, (p.lineHint ?? 1) - 1);
    range = new vscode.Range(line, 0, line, 0);
  }
  const d = new vscode.Diagnostic(range, p.message, p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
  d.source = 'factmark';
  d.code = p.code;
  return d;
}

/** What fixes each breach, as a command on the claim. */
const FIXES: Partial<Record<string, { title: string; command: string }>> = {
  'no-source': { title: 'Add Source…', command: 'factmark.addSource' },
  'no-explanation': { title: 'Edit Explanation…', command: 'factmark.editExplanation' },
  recheck: { title: 'Confirm the verdict (Set Status…)', command: 'factmark.setStatus' },
  disputed: { title: 'Show the dispute in Claim Details', command: 'factmark.showDetails' },
  'sign-off': { title: 'Approve Verdict', command: 'factmark.approveClaim' },
};

/**
 * Asked on every cursor move: answers from the claim at each of our diagnostics (the store's
 * lookup by offset), never from a snapshot of the article's claims.
 */
function quickFixes(services: Services, doc: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
  const ours = diagnostics.filter((d) => d.source === 'factmark' && typeof d.code === 'string' && FIXES[d.code]);
  if (!ours.length) return [];
  const article = services.articleKey(doc.uri);
  if (!services.store.has(article)) return [];
  const out: vscode.CodeAction[] = [];
  for (const d of ours) {
    const fix = FIXES[d.code as string];
    const entry = services.store.claimAt(article, doc.offsetAt(d.range.start));
    if (!fix || !entry) continue;
    // Only someone other than the rater can sign off; the rater is pointed at the details instead.
    const own = d.code === 'sign-off' && !mayReview(entry.claim, 'approve', services.store.scale, services.store.me()).ok;
    const { title, command } = own ? { title: 'Show Claim Details (someone else signs it off)', command: 'factmark.showDetails' } : fix;
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [d];
    action.command = { title, command, arguments: [{ article, id: entry.claim.id }] };
    out.push(action);
  }
  return out;
}
