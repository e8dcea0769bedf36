// The trained check-worthiness model, read once — when suggestions are first needed — from the
// extension's own folder through vscode.workspace.fs (so it works the same in the desktop, in
// code-server and in the browser). A missing or damaged file is logged and shown once; the
// suggestions then come from the plain cue heuristic (see src/core/suggest/model.ts).
import * as vscode from 'vscode';
import { type LoadedScorer, loadScorer, MODEL_PATH } from '../core/suggest/model';
import type { Scorer } from '../core/suggest/scorer';
import * as notify from './notify';

export type ScorerSource = () => Promise<Scorer>;

/**
 * Reads `root`/models/checkworthiness.json as the extension reads its own model: a missing,
 * unreadable, mis-encoded (not UTF-8) or damaged file gives the cue heuristic and the problem.
 */
export function readCheckworthinessModel(root: vscode.Uri, where = `(${MODEL_PATH} in the Factmark extension)`): Promise<LoadedScorer> {
  const uri = vscode.Uri.joinPath(root, MODEL_PATH);
  return loadScorer(async () => new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri)), where);
}

export function checkworthinessModel(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): ScorerSource {
  let loading: Promise<Scorer> | undefined;
  return () => loading ??= (async () => {
    const { scorer, problem } = await readCheckworthinessModel(extensionUri);
    if (problem) {
      log.warn(problem);
      void notify.warn(`Factmark: ${problem}`);
    } else {
      log.info(`Suggest Claims scores sentences with ${scorer.description}, suggesting from ${scorer.threshold} unless factmark.suggestions.threshold says otherwise.`);
    }
    return scorer;
  })();
}
