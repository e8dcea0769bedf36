// The shim git runs as the merge driver when only the VS Code extension is installed
// (src/node/driverShim.ts), run for real with /bin/sh: node from PATH when it is recent enough,
// else VS Code's runtime with ELECTRON_RUN_AS_NODE=1 (here the test's own node stands in for it).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { driverShim, MIN_NODE_MAJOR, shellQuote } from '../../src/node/driverShim';

describe('merge driver shim', () => {
  let dir: string;
  let cli: string;
  let shim: string;
  before(() => {
    // Quotes, spaces and a dollar in every path the shim holds.
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-shim-')), `it's a "dir" $HOME`);
    fs.mkdirSync(dir);
    cli = path.join(dir, 'cli.js');
    // Stands in for the CLI: says how it was run.
    fs.writeFileSync(cli, 'console.log(JSON.stringify({ electron: process.env.ELECTRON_RUN_AS_NODE ?? null, args: process.argv.slice(2) }));\n');
    shim = path.join(dir, 'factmark');
    fs.writeFileSync(shim, driverShim({ cli, runtime: process.execPath, writtenBy: 'the tests\nrm -rf /' }), { mode: 0o755 });
  });
  after(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  const run = (PATH: string, ...args: string[]) => JSON.parse(execFileSync(shim, args, { encoding: 'utf8', env: { PATH } }));

  /** A folder holding a fake `node` that reports `version` (and runs nothing). */
  function fakeNode(version: string): string {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-fake-node-'));
    fs.writeFileSync(path.join(bin, 'node'), `#!/bin/sh\n[ "$1" = --version ] && echo ${version} && exit 0\necho '{"electron":"fake node ran"}'\n`, { mode: 0o755 });
    return bin;
  }

  it('quotes any value as one sh word', () => {
    for (const v of ["it's", 'a "b" c', '$(rm -rf /) `x` $HOME', 'line\nbreak', '', "''"]) {
      assert.strictEqual(execFileSync('/bin/sh', ['-c', `printf %s ${shellQuote(v)}`], { encoding: 'utf8' }), v);
    }
  });

  it('runs the CLI with node from PATH, passing git\'s arguments through as they are', () => {
    const args = ['merge-driver', '/tmp/a b', "it's", '$HOME'];
    assert.deepStrictEqual(run(path.dirname(process.execPath), ...args), { electron: null, args });
  });

  it('without node on PATH, runs it with VS Code\'s runtime as Node (ELECTRON_RUN_AS_NODE=1)', () => {
    assert.deepStrictEqual(run('/nonexistent', '--version'), { electron: '1', args: ['--version'] });
  });

  it(`passes over a node older than ${MIN_NODE_MAJOR}, and takes a newer one`, () => {
    const made: string[] = [];
    const with_ = (version: string) => { const d = fakeNode(version); made.push(d); return d; };
    try {
      for (const v of [`v${MIN_NODE_MAJOR - 2}.19.0`, `v${MIN_NODE_MAJOR - 10}.0.0`, 'v9.11.2', 'v4.0.0']) {
        assert.deepStrictEqual(run(with_(v), 'x'), { electron: '1', args: ['x'] }, `${v} was taken`);
      }
      for (const v of [`v${MIN_NODE_MAJOR}.0.0`, `v${MIN_NODE_MAJOR + 5}.1.0`, 'v30.2.1', 'v100.0.0']) {
        assert.deepStrictEqual(run(with_(v), 'x'), { electron: 'fake node ran' }, `${v} was passed over`);
      }
    } finally {
      for (const d of made) fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('keeps the writer\'s name on its comment line', () => {
    const text = fs.readFileSync(shim, 'utf8');
    assert.ok(text.startsWith('#!/bin/sh\n'));
    assert.ok(!text.split('\n').some((l) => l.startsWith('rm -rf')), 'a newline in the name made a command line');
  });
});
