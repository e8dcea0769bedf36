// Writes sidecars after changes, debounced (factmark.autoSaveDelay). Before each write the file
// is read again: when someone else changed it since our last read, the store merges by claim id
// first (and holds back on a conflict); a broken file is never written over. Writes are atomic
// (see writeTextFile); a failed write leaves the claims dirty in memory and is retried later.
// A sidecar open in an editor with unsaved hand edits is never written under the user (nor saved
// for them): the write waits until the editor is saved (then merged with what it holds), reverted
// or closed. A sidecar refused on reading (a link out of the folder, not UTF-8…) is never written.
import * as vscode from 'vscode';
import { ChangedOnDiskError } from '../core/changedOnDisk';
import { Emitter } from '../core/events';
import type { ClaimStore } from '../core/store/claimStore';
import { StoreError } from '../core/store/types';
import { articleUri, baseName, openDocument } from './articles';
import * as notify from './notify';
import { FileRefusedError, readTextFile, writeTextFile } from './fileText';
import { autoSaveDelay } from './settings';

export class SidecarWriter implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** One write at a time per article; `flush` waits for all of them. */
  private readonly chains = new Map<string, Promise<void>>();
  /** Store changes seen per article, to tell whether one arrived while a write was on its way. */
  private readonly generation = new Map<string, number>();
  private readonly failed = new Emitter<{ article: string; message: string }>();
  /** Fires once when an article's writes start failing (not on every retry). */
  readonly onDidFail = this.failed.event;
  private readonly recovered = new Emitter<string>();
  /** Fires when an article whose writes failed has been written. */
  readonly onDidRecover = this.recovered.event;
  /** Articles whose last write failed, with the retry timer and the next delay. */
  private readonly failing = new Map<string, { timer?: ReturnType<typeof setTimeout>; delay: number; message: string }>();

  /** Sidecar URI → article, for sidecars whose write waits for their editor's unsaved edits. */
  private readonly waiting = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: ClaimStore, private readonly log: vscode.LogOutputChannel) {
    // Reverted or closed without saving: the disk is as we last read it, so our write may go.
    // (Saved: the sidecar's reload merges the hand edits first, then schedules the write.)
    const settled = (doc: vscode.TextDocument, closed: boolean) => {
      const article = this.waiting.get(doc.uri.toString());
      if (article === undefined || (!closed && doc.isDirty)) return;
      this.waiting.delete(doc.uri.toString());
      this.schedule(article);
    };
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => settled(e.document, false)),
      vscode.workspace.onDidCloseTextDocument((doc) => settled(doc, true)),
    );
  }

  /** Whether the article's write waits for unsaved edits in its sidecar's editor. */
  waitingForEditor(article: string): boolean {
    return [...this.waiting.values()].includes(article);
  }

  /** Notes a change of the article's claims and writes after the configured delay. */
  schedule(article: string): void {
    this.generation.set(article, (this.generation.get(article) ?? 0) + 1);
    const old = this.timers.get(article);
    if (old) clearTimeout(old);
    const delay = autoSaveDelay(articleUri(article));
    this.timers.set(article, setTimeout(() => {
      this.timers.delete(article);
      void this.enqueue(article);
    }, delay));
  }

  /** Writes everything pending now (failed writes too) and resolves when all writes are done. */
  async flush(): Promise<void> {
    for (const [article, timer] of [...this.timers]) {
      clearTimeout(timer);
      this.timers.delete(article);
      void this.enqueue(article);
    }
    for (const article of this.failing.keys()) this.retry(article);
    await Promise.all([...this.chains.values()]);
  }

  /** Tries a failed write again now (the Retry action). */
  retry(article: string): Promise<void> {
    const f = this.failing.get(article);
    if (f?.timer) { clearTimeout(f.timer); f.timer = undefined; }
    return this.enqueue(article);
  }

  /** Why the article's sidecar could not be written, while that is so. */
  failure(article: string): string | undefined {
    return this.failing.get(article)?.message;
  }

  pending(): boolean {
    return this.timers.size > 0;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const f of this.failing.values()) if (f.timer) clearTimeout(f.timer);
    this.failed.dispose();
    this.recovered.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private enqueue(article: string): Promise<void> {
    const next = (this.chains.get(article) ?? Promise.resolve()).then(() => this.write(article)).then(() => {
      const f = this.failing.get(article);
      if (!f) return;
      if (f.timer) clearTimeout(f.timer);
      this.failing.delete(article);
      this.recovered.fire(article);
    }, (e) => {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`writing the sidecar of ${article}: ${message}`);
      const f = this.failing.get(article);
      // Retried with growing pauses (10 s … 5 min); the claims stay dirty in memory meanwhile.
      const delay = f ? Math.min(f.delay * 2, 300_000) : 10_000;
      if (f?.timer) clearTimeout(f.timer);
      this.failing.set(article, { delay, message, timer: setTimeout(() => { const g = this.failing.get(article); if (g) g.timer = undefined; void this.enqueue(article); }, delay) });
      if (!f) this.failed.fire({ article, message });
    });
    this.chains.set(article, next);
    void next.then(() => { if (this.chains.get(article) === next) this.chains.delete(article); });
    return next;
  }

  private async write(article: string): Promise<void> {
    const snap = this.store.get(article);
    if (!snap || !snap.dirty) return;
    if (snap.sidecarState === 'broken' || snap.sidecarState === 'conflict') return; // the user decides first
    const sidecar = vscode.Uri.parse(snap.sidecar, true);
    const editor = openDocument(sidecar);
    if (editor?.isDirty) {
      // Writing to disk under unsaved hand edits would make VS Code ask which version wins.
      if (!this.waiting.has(snap.sidecar)) {
        this.log.info(`${snap.sidecar} has unsaved edits in an editor; writing after it is saved, reverted or closed`);
        notify.statusMessage(`Factmark: ${baseName(sidecar)} has unsaved edits; the claims are written when you save or revert it`, 6000);
      }
      this.waiting.set(snap.sidecar, article);
      return;
    }
    // Someone else may write between our re-read and our rename (another window, a tool): then
    // nothing is written, and we read and merge again.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.writeOnce(article, snap.sidecar, sidecar);
        return;
      } catch (e) {
        if (!(e instanceof ChangedOnDiskError) || attempt >= 3) throw e;
        this.log.info(`${snap.sidecar} changed while we wrote it; reading it again`);
      }
    }
  }

  private async writeOnce(article: string, sidecarKey: string, sidecar: vscode.Uri): Promise<void> {
    const snap = this.store.get(article);
    if (!snap) return;
    // Re-read: when the file changed since our last read the store merges (or reports a conflict);
    // what the merge leaves unsaved is written just below, so the load schedules nothing.
    let onDisk: string | undefined;
    const read = this.store.sidecarRead();
    try {
      onDisk = await readTextFile(sidecar);
    } catch (e) {
      if (!(e instanceof FileRefusedError)) throw e;
      if (this.store.sidecarReadOvertaken(article, read)) throw overtaken(sidecar);
      // Refused (it became a link out of the folder, a FIFO, not UTF-8…): never written over.
      this.log.warn(`${sidecarKey}: ${e.message}; not written`);
      this.store.sidecarUnreadable(article, [e.problem], read);
      return;
    }
    if (this.store.sidecarReadOvertaken(article, read)) throw overtaken(sidecar);
    // A sidecar let go (a rename while it was) is the base again if it is the text let go; any other is taken as changed on disk.
    const restored = typeof onDisk === 'string' && this.store.articleSidecarDropped(article) && this.store.restoreArticleSidecar(article, onDisk, read);
    if (!restored && (onDisk !== undefined || snap.sidecarState !== 'missing')) {
      if (this.store.loadSidecar(article, onDisk, read).changed) this.log.info(`${sidecarKey} changed on disk since it was last read; merged by claim id before writing`);
    }
    const after = this.store.get(article);
    if (!after || !after.dirty) return;
    if (after.sidecarState === 'broken' || after.sidecarState === 'conflict') {
      this.log.info(`${sidecarKey} not written: it is ${after.sidecarState === 'broken' ? 'broken on disk' : 'in conflict with the disk'}; the user decides first`);
      return;
    }
    const generation = this.generation.get(article) ?? 0;
    let text: string;
    try {
      text = this.store.serialize(article);
    } catch (e) {
      if (e instanceof StoreError) { this.log.warn(e.message); return; }
      throw e;
    }
    if (text === onDisk) {
      this.store.markSaved(article, text);
      return;
    }
    await writeTextFile(sidecar, text, { expected: onDisk });
    this.store.markSaved(article, text);
    if ((this.generation.get(article) ?? 0) !== generation) {
      // Edited while the write was on its way: what we wrote is not all there is.
      this.store.markDirty(article);
    }
    this.log.info(`wrote ${sidecarKey}`);
  }
}

/**
 * A read of the file that started after the writer's was taken in first: the writer's found the
 * file as it was before. Read again (the write loop's retry), as for a file changed under a write.
 */
function overtaken(sidecar: vscode.Uri): ChangedOnDiskError {
  return new ChangedOnDiskError(`${baseName(sidecar)} was read again meanwhile`);
}
