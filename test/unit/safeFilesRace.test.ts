// A file deleted while it is being read (a checkout, `rm -r` of a folder) is missing, not
// broken: readConfined must say `missing` whichever of its steps (lstat, realpath, stat, open)
// meets the deletion, so that the extension forgets the sidecar instead of showing it as refused.
// The deletion is made to happen between two of readConfined's own steps by deleting the real
// file from inside the next fs call, then letting that call run for real. The same for
// readConfinedSync, whose synchronous calls are patched the same way. readConfined reads a
// regular file that is not a link without a stat of its real path (its lstat is that stat), so
// its stat is raced on a file read through a link, which takes the full steps.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readConfined, readConfinedSync } from '../../src/node/safeFiles';

/** The module object itself (the `fs` above is the compiler's copy, whose properties cannot be replaced). */
import nodeFs = require('fs');

type Step = 'lstat' | 'realpath' | 'stat' | 'open';

type Fn = (...args: unknown[]) => unknown;
type Holder = Record<string, unknown>;
const P = nodeFs.promises as unknown as Holder, F = nodeFs as unknown as Holder, R = nodeFs.realpathSync as unknown as Holder;

/**
 * Where each reader's calls live, to be wrapped: fs.promises for readConfined's full steps, and
 * for its short path (a regular file not a link) fs.promises' lstat and realpath and the callback
 * fs.open on a plain descriptor; fs (realpath: fs.realpathSync.native) for readConfinedSync.
 */
const readers = [
  { name: 'readConfined', read: readConfined, targets: { lstat: [[P, 'lstat']], realpath: [[P, 'realpath']], stat: [[P, 'stat']], open: [[P, 'open'], [F, 'open']] }, steps: ['lstat', 'realpath', 'stat', 'open'], statThroughLink: true },
  { name: 'readConfinedSync', read: readConfinedSync, targets: { lstat: [[F, 'lstatSync']], realpath: [[R, 'native']], stat: [[F, 'statSync']], open: [[F, 'openSync']] }, steps: ['realpath', 'stat', 'open'], statThroughLink: false },
] as const;

for (const reader of readers) describe(`${reader.name} and a file deleted while it is read`, () => {
  let dir: string;
  const targets = Object.entries(reader.targets).flatMap(([step, list]) => (list as readonly (readonly [Holder, string])[]).map(([holder, name]) => ({ step: step as Step, holder, name, original: holder[name] as Fn })));
  /** Runs `before` with a call's arguments, then the real call, in every function that makes `step`. */
  const patch = (step: Step, before: (args: unknown[]) => void) => {
    for (const t of targets) if (t.step === step) t.holder[t.name] = (...args: unknown[]) => { before(args); return t.original.apply(t.holder, args); };
  };

  beforeEach(() => { dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-race-'))); });
  afterEach(() => {
    for (const t of targets) t.holder[t.name] = t.original;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Deletes `victim` just before the first call of `step` on it, then makes the real call. */
  const deleteBefore = (step: Step, victim: string) => {
    let done = false;
    patch(step, (args) => {
      if (!done && String(args[0]) === victim) { done = true; fs.rmSync(victim, { force: true }); }
    });
    return () => done;
  };

  for (const step of reader.steps) {
    const viaLink = step === 'stat' && reader.statThroughLink;
    it(`deleted before its ${step}${viaLink ? ' (a file read through a link)' : ''}: missing, not refused`, async () => {
      const file = path.join(dir, 'a.md.claims.yaml');
      fs.writeFileSync(file, 'factmark: 1\nclaims: []\n');
      const happened = deleteBefore(step, file);
      const read = await reader.read(viaLink ? linkTo(file) : file, { root: dir, maxBytes: 1000, what: 'sidecar' });
      assert.ok(happened(), `the file was not deleted before ${step}: the test did not race`);
      assert.deepStrictEqual(read, { ok: false, missing: true });
    });
  }

  /** A link to `file` beside it, whose deletion will leave the link (then a dangling one) unless the link goes too. */
  const linkTo = (file: string) => {
    const link = path.join(dir, 'via-link.md.claims.yaml');
    fs.symlinkSync(file, link);
    return link;
  };

  /** Replaces `file` by a new one (a writer's atomic rename) just before each of the first `times` opens of it. */
  const replaceBeforeOpen = (file: string, times: number) => {
    let n = 0;
    patch('open', (args) => {
      if (n < times && String(args[0]) === file) {
        n++;
        const tmp = `${file}.tmp${n}`;
        fs.writeFileSync(tmp, `factmark: 1\nclaims: [] # version ${n}\n`);
        fs.renameSync(tmp, file);
      }
    });
    return () => n;
  };

  it('a file replaced by a rename between its stat and its open is read again: the new version', async () => {
    const file = path.join(dir, 'a.md.claims.yaml');
    fs.writeFileSync(file, 'factmark: 1\nclaims: []\n');
    const replaced = replaceBeforeOpen(file, 2);
    const read = await reader.read(file, { root: dir, maxBytes: 1000, what: 'sidecar' });
    assert.strictEqual(replaced(), 2, 'the test did not race');
    assert.ok(read.ok, JSON.stringify(read));
    assert.strictEqual(new TextDecoder().decode(read.bytes), 'factmark: 1\nclaims: [] # version 2\n');
  });

  it('a file replaced at every attempt is refused as changed, not read', async () => {
    const file = path.join(dir, 'a.md.claims.yaml');
    fs.writeFileSync(file, 'factmark: 1\nclaims: []\n');
    const replaced = replaceBeforeOpen(file, 100);
    const read = await reader.read(file, { root: dir, maxBytes: 1000, what: 'sidecar' });
    assert.ok(replaced() > 1 && replaced() < 100, `attempts: ${replaced()}`);
    assert.ok(!read.ok && !read.missing && read.problem.code === 'changed', JSON.stringify(read));
  });

  it('a sidecar that is a link to a file deleted meanwhile is still a dangling link (refused, kept)', async () => {
    const target = path.join(dir, 'target.yaml');
    const link = path.join(dir, 'b.md.claims.yaml');
    fs.writeFileSync(target, 'factmark: 1\nclaims: []\n');
    fs.symlinkSync(target, link);
    // The link stays and its target goes between the lstat and the realpath.
    patch('realpath', (args) => {
      if (String(args[0]) === link) fs.rmSync(target, { force: true });
    });
    const read = await reader.read(link, { root: dir, maxBytes: 1000, what: 'sidecar' });
    assert.ok(fs.lstatSync(link).isSymbolicLink() && !fs.existsSync(target));
    assert.ok(!read.ok && !read.missing && read.problem.code === 'dangling-link', JSON.stringify(read));
  });
});
