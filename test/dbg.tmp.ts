import { builtCli } from './fixtures/builtCli';
import { spawnSync } from 'child_process';
const CLI = builtCli();
const d = process.argv[2];
for (const cmd of [`node ${CLI} check --fail-on orphaned | head -1`, `node ${CLI} check --fail-on orphaned | tail -3`, `node ${CLI} check --fail-on orphaned > /dev/null`]) {
const p = spawnSync('bash', ['-c', `set -o pipefail; ${cmd}`], { cwd: d, encoding: 'utf8' });
console.log(JSON.stringify(p.stdout), JSON.stringify(p.stderr), p.status);
}
