// Types of scripts/bundles.mjs, for the unit test that builds the web bundle with it.
import type { BuildOptions } from 'esbuild';

export interface Bundle extends BuildOptions {
  name: string;
  exists?: string;
  outfile?: string;
  outdir?: string;
}
export function bundles(options?: { production?: boolean }): Bundle[];
export function esbuildOptions(bundle: Bundle): BuildOptions;
export function outputOf(bundle: Bundle): string;
