// `npm run bench`: prints timings and quality figures next to their targets. Nothing here is
// asserted; tests never depend on wall time.
import * as os from 'os';
import { run as anchoring } from './anchorBench';
import { run as extension } from './extensionBench';
import { run as revisions } from './revisionBench';
import { run as scale } from './scaleBench';
import { run as sidecar } from './sidecarBench';
import { run as suggestions } from './suggestBench';

const SECTIONS: [string, (log: (line: string) => void) => Promise<void>][] = [
  ['Anchoring and edit tracking', anchoring],
  ['Re-anchoring on real revisions', revisions],
  ['Sidecar YAML', sidecar],
  ['Claim suggestions', suggestions],
  ['Archive scale (issue 13): 100 / 1,000 / 5,000 articles', scale],
  ['Archive scale in the extension, real code-server (issue 13)', extension],
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  console.log(`Factmark bench — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
  for (const [title, run] of SECTIONS) {
    if (only.length && !only.some((o) => title.toLowerCase().includes(o.toLowerCase()))) continue;
    console.log(`\n## ${title}`);
    await run((line) => console.log(line));
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
