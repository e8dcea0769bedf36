// `npm test`: every suite in order, stopping at the first that fails, then one summary line
// per suite and a total in the plain form `N passed, N failed` that CI logs are read for.
import { spawn } from 'node:child_process';

const steps = [
  ['typecheck', 'typecheck'],
  ['build', 'build'],
  ['unit', 'test:unit'],
  ['grammar', 'test:grammar'],
  ['integration', 'test:integration'],
  ['web', 'test:web'],
  ['e2e', 'test:e2e'],
  ['vsix', 'test:vsix'],
];

/** Counts from the output of a step: mocha's "N passing/failing", the harness's "N passed, N failed", grammar ✓/✗ lines. */
function count(output) {
  let passed = 0, failed = 0;
  const harness = [...output.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
  if (harness) return { passed: Number(harness[1]), failed: Number(harness[2]) };
  const passing = [...output.matchAll(/^\s+(\d+) passing/gm)].pop();
  const failing = [...output.matchAll(/^\s+(\d+) failing/gm)].pop();
  if (passing || failing) return { passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0) };
  passed = (output.match(/^✓ /gm) ?? []).length;
  failed = (output.match(/^✖ .* failed$/gm) ?? []).length;
  return passed || failed ? { passed, failed } : undefined;
}

function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { output += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const summary = [];
let total = { passed: 0, failed: 0 };
let exitCode = 0;
for (const [name, script] of steps) {
  const started = Date.now();
  console.log(`\n=== ${name} (npm run ${script})`);
  const { code, output } = await run(script);
  const c = count(output);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  summary.push(`${name.padEnd(12)} ${code === 0 ? 'ok    ' : 'FAILED'} ${c ? `${c.passed} passed, ${c.failed} failed` : ''} (${seconds} s)`);
  if (c) total = { passed: total.passed + c.passed, failed: total.failed + c.failed };
  if (code !== 0) {
    exitCode = code;
    if (!c || c.failed === 0) total.failed += 1; // a step that failed without counting a test
    break;
  }
}
console.log(`\n=== summary\n${summary.join('\n')}`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exitCode = exitCode;
