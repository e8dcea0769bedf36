// The trained check-worthiness model, read once — when suggestions are first needed — from the
// extension's own folder through vscode.workspace.fs (so it works the same in the desktop, in
// code-server and in the browser). A missing or damaged file is logged and shown once; the
// suggestions then come from the plain cue heuristic (see src/core/suggest/model.ts).
import * as vscode from 'vscode';
import { loadScorer, MODEL_PATH } from '../core/suggest/model';
import type { Scorer } from '../core/suggest/scorer';
import * as notify from './notify';

export type ScorerSource = () => Promise<Scorer>;

export function checkworthinessModel(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): ScorerSource {
  let loading: Promise<Scorer> | undefined;
  return () => loading ??= (async () => {
    const uri = vscode.Uri.joinPath(extensionUri, MODEL_PATH);
    const { scorer, problem } = await loadScorer(async () => new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri)), `(${MODEL_PATH} in the Factmark extension)`);
    if (problem) {
      log.warn(problem);
      void notify.warn(`Factmark: ${problem}`);
    } else {
      log.info(`Suggest Claims scores sentences with ${scorer.description}, suggesting from ${scorer.threshold} unless factmark.suggestions.threshold says otherwise.`);
    }
    return scorer;
  })();
}
