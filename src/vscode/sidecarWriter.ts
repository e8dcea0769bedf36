// Writes sidecars after changes, debounced (factmark.autoSaveDelay). Before each write the file
// is read again: when someone else changed it since our last read, the store merges by claim id
// first (and holds back on a conflict); a broken file is never written over.
import * as vscode from 'vscode';
import { Emitter } from '../core/events';
import type { ClaimStore } from '../core/store/claimStore';
import { StoreError } from '../core/store/types';
import { articleUri, openDocument } from './articles';
import { readTextFile, writeTextFile } from './fileText';
import { autoSaveDelay } from './settings';

export class SidecarWriter implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** One write at a time per article; `flush` waits for all of them. */
  private readonly chains = new Map<string, Promise<void>>();
  /** Store changes seen per article, to tell whether one arrived while a write was on its way. */
  private readonly generation = new Map<string, number>();
  private readonly failed = new Emitter<{ article: string; message: string }>();
  readonly onDidFail = this.failed.event;

  /** The article whose sidecar is being re-read by a write (its store events are ours). */
  busy?: string;

  constructor(private readonly store: ClaimStore, private readonly log: vscode.LogOutputChannel) {}

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

  /** Writes everything pending now and resolves when all writes are done. */
  async flush(): Promise<void> {
    for (const [article, timer] of [...this.timers]) {
      clearTimeout(timer);
      this.timers.delete(article);
      void this.enqueue(article);
    }
    await Promise.all([...this.chains.values()]);
  }

  pending(): boolean {
    return this.timers.size > 0;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.failed.dispose();
  }

  private enqueue(article: string): Promise<void> {
    const next = (this.chains.get(article) ?? Promise.resolve()).then(() => this.write(article)).catch((e) => {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`writing the sidecar of ${article}: ${message}`);
      this.failed.fire({ article, message });
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
      this.log.info(`${snap.sidecar} has unsaved edits in an editor; writing after it is saved`);
      return;
    }
    // Re-read: when the file changed since our last read the store merges (or reports a conflict).
    const onDisk = await readTextFile(sidecar);
    if (onDisk !== undefined || snap.sidecarState !== 'missing') {
      this.busy = article;
      try { this.store.loadSidecar(article, onDisk); } finally { this.busy = undefined; }
    }
    const after = this.store.get(article);
    if (!after || !after.dirty || after.sidecarState === 'broken' || after.sidecarState === 'conflict') return;
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
    await writeTextFile(sidecar, text);
    this.store.markSaved(article, text);
    if ((this.generation.get(article) ?? 0) !== generation) {
      // Edited while the write was on its way: what we wrote is not all there is.
      this.store.open(article, snap.sidecar, '').dirty = true;
    }
    this.log.info(`wrote ${snap.sidecar}`);
  }
}
