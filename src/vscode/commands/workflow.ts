// The newsroom workflow's commands: the reason prompt when a verdict changes (used by Set Status
// and the details view), Set Status and go to the next open claim, Approve / Dispute, Assign.
import * as vscode from 'vscode';
import type { Claim, ReviewVerdict } from '../../core/model';
import { oneLine, short, uiText } from '../../core/present/displayText';
import { findStatus, statusLabel } from '../../core/statusScale';
import type { ClaimStore } from '../../core/store/claimStore';
import { cleanName, nameKey } from '../../core/workflow/people';
import { approvalsNeeded, mayReview, summarizeReviews } from '../../core/workflow/reviews';
import { reasonFor } from '../../core/workflow/statusChange';
import * as notify from '../notify';
import { resolveClaim, showClaim, UserError, type CommandDeps, type Handler } from './shared';

/**
 * Asks why a settled claim's status changes, when it does: a reason is required to change one
 * verdict into another, optional when it goes back to an open status. Resolves to the reason
 * ('' when none is needed or none was given for an optional one), undefined when cancelled.
 */
export async function askReason(store: ClaimStore, claim: Claim, to: string): Promise<string | undefined> {
  const need = reasonFor(claim, to, store.scale);
  if (need === 'none') return '';
  const label = (k: string) => oneLine(findStatus(store.scale, k)?.label ?? k, 40);
  const reason = await vscode.window.showInputBox({
    title: `“${label(claim.status)}” → “${label(to)}”: why? — ${short(claim.quote, 40)}`,
    prompt: need === 'required'
      ? 'Changing a verdict is kept in the claim’s corrections log with its reason (required).'
      : 'The verdict is taken back; the change is kept in the corrections log. A reason is optional.',
    placeHolder: need === 'required' ? 'e.g. The published text says ten years, not twenty.' : 'Optional',
    ignoreFocusOut: true,
    validateInput: (v) => (need === 'required' && !v.trim() ? 'A reason is required to change a verdict.' : undefined),
  });
  return reason === undefined ? undefined : reason.trim();
}

/** Sets the status, asking for the reason when one is needed and not given. Undefined when cancelled. */
export async function setStatusWithReason(store: ClaimStore, article: string, claim: Claim, to: string, reason?: string): Promise<Claim | undefined> {
  const why = reason?.trim() || (await askReason(store, claim, to));
  if (why === undefined) return undefined;
  return store.setStatus(article, claim.id, to, { reason: why || undefined });
}

/** People named in the workspace's sidecars (raters, reviewers, assignees, authors) and the current user, for the Assign picker. */
export function knownPeople(deps: CommandDeps): string[] {
  const byKey = new Map<string, string>();
  const add = (n: string | undefined) => { const c = cleanName(n); if (c && !byKey.has(nameKey(c))) byKey.set(nameKey(c), oneLine(c, 80)); };
  add(deps.store.me());
  for (const a of deps.store.articles()) {
    for (const e of deps.store.get(a)?.claims ?? []) {
      const c = e.claim;
      add(c.assignee); add(c.rater); add(c.by);
      for (const r of c.reviews ?? []) add(r.by);
    }
  }
  return [...byKey.values()].sort((x, y) => x.localeCompare(y));
}

export function workflowCommands(deps: CommandDeps, pickStatus: (claim: Claim) => Promise<string | undefined>): Record<string, Handler> {
  const { store } = deps;

  const review = (verdict: ReviewVerdict) => async (arg?: unknown, note?: string) => {
    const found = await resolveClaim(deps, arg);
    if (!found) return undefined;
    const c = found.entry.claim;
    const changed = found.entry.state !== 'anchored' && found.entry.state !== 'moved';
    const may = mayReview(c, verdict, store.scale, store.me(), changed);
    if (!may.ok) throw new UserError(may.message);
    const label = statusLabel(deps.store.scale, c.status);
    let text = note;
    if (text === undefined && verdict === 'dispute') {
      text = await vscode.window.showInputBox({
        title: `Dispute “${oneLine(label, 40)}” — ${short(c.quote, 40)}`,
        prompt: `Why is “${oneLine(label, 40)}” wrong? The rater${c.rater ? `, ${oneLine(c.rater, 40)},` : ''} sees your note in the claim's reviews.`,
        placeHolder: 'e.g. Article 26 makes the term renewable.',
        ignoreFocusOut: true,
      });
      if (text === undefined) return undefined;
    }
    const after = store.review(found.ref.article, found.ref.id, verdict, { note: text });
    const s = summarizeReviews(after, store.policy.requireReviews);
    const need = approvalsNeeded(store.policy.requireReviews);
    notify.statusMessage(verdict === 'approve'
      ? `Factmark: signed off “${label}” — ${s.approvedBy.length} of ${need} sign-off${need === 1 ? '' : 's'}`
      : `Factmark: disputed “${label}”`, 4000);
    return found.ref;
  };

  return {
    'factmark.approveClaim': review('approve'),
    'factmark.disputeClaim': review('dispute'),

    /** Set Status, then the next claim that still needs work, in one step. */
    'factmark.setStatusAndNext': async (arg?: unknown, statusKey?: string, reason?: string) => {
      const found = await resolveClaim(deps, arg);
      if (!found) return undefined;
      const key = statusKey ?? (await pickStatus(found.entry.claim));
      if (!key) return undefined;
      const after = await setStatusWithReason(store, found.ref.article, found.entry.claim, key, reason);
      if (!after) return undefined;
      // From the claim just rated (its article shown, the cursor on it), whichever panel it was picked in.
      const editor = await showClaim(deps, found.ref);
      const entry = store.claim(found.ref.article, found.ref.id);
      if (entry?.start !== undefined) {
        const at = editor.document.positionAt(entry.start);
        editor.selection = new vscode.Selection(at, at);
      }
      return vscode.commands.executeCommand('factmark.nextOpenClaim');
    },

    'factmark.assignClaim': async (arg?: unknown, name?: string | null) => {
      const found = await resolveClaim(deps, arg);
      if (!found) return undefined;
      const c = found.entry.claim;
      let assignee: string | undefined;
      if (name !== undefined) assignee = name === null ? undefined : cleanName(name);
      else {
        const picked = await pickAssignee(deps, c);
        if (picked === undefined) return undefined;
        assignee = picked === null ? undefined : picked;
      }
      if ((assignee ?? '') === (c.assignee ?? '')) return found.ref;
      store.updateClaim(found.ref.article, found.ref.id, { assignee });
      notify.statusMessage(assignee ? `Factmark: ${short(c.quote, 40)} assigned to ${oneLine(assignee, 40)}` : `Factmark: ${short(c.quote, 40)} unassigned`, 3000);
      return found.ref;
    },
  };
}

interface PersonItem extends vscode.QuickPickItem { name?: string | null }

/** A name, null for "nobody", undefined when cancelled. Typing a new name offers it. */
function pickAssignee(deps: CommandDeps, claim: Claim): Promise<string | null | undefined> {
  const me = deps.store.me();
  const people = knownPeople(deps);
  const qp = vscode.window.createQuickPick<PersonItem>();
  const base: PersonItem[] = [
    ...people.map((p) => ({ label: uiText(p, 80), name: p, description: [me && nameKey(p) === nameKey(me) ? 'me' : '', claim.assignee && nameKey(p) === nameKey(claim.assignee) ? 'current' : ''].filter(Boolean).join(' · ') || undefined, iconPath: new vscode.ThemeIcon('person') })),
    ...(claim.assignee ? [{ label: 'Nobody', description: 'remove the assignee', name: null, iconPath: new vscode.ThemeIcon('close') }] : []),
  ];
  qp.items = base;
  qp.title = uiText(`Assign ${short(claim.quote, 50)}`);
  qp.placeholder = 'Who is to check this claim? Pick a name, or type a new one';
  return new Promise((resolve) => {
    let done = false;
    const finish = (v: string | null | undefined) => { if (done) return; done = true; resolve(v); qp.hide(); };
    qp.onDidChangeValue((v) => {
      const typed = cleanName(v);
      const known = typed && people.some((p) => nameKey(p) === nameKey(typed));
      qp.items = typed && !known ? [{ label: uiText(typed, 80), description: 'assign to this name', name: typed, iconPath: new vscode.ThemeIcon('add') }, ...base] : base;
    });
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (item) finish(item.name);
      else { const typed = cleanName(qp.value); if (typed) finish(typed); }
    });
    qp.onDidHide(() => { finish(undefined); qp.dispose(); });
    qp.show();
  });
}
