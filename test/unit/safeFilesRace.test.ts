// A file deleted while it is being read (a checkout, `rm -r` of a folder) is missing, not
// broken: readConfined must say `missing` whichever of its steps (lstat, realpath, stat, open)
// meets the deletion, so that the extension forgets the sidecar instead of showing it as refused.
// The deletion is made to happen between two of readConfined's own steps by deleting the real
// file from inside the next fs call, then letting that call run for real.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readConfined } from '../../src/node/safeFiles';

type Step = 'realpath' | 'stat' | 'open';

describe('readConfined and a file deleted while it is read', () => {
  let dir: string;
  const originals = { realpath: fs.promises.realpath, stat: fs.promises.stat, open: fs.promises.open };

  beforeEach(() => { dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-race-'))); });
  afterEach(() => {
    Object.assign(fs.promises, originals);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Deletes `victim` just before the first call of `step` on it, then makes the real call. */
  const deleteBefore = (step: Step, victim: string) => {
    let done = false;
    const original = originals[step] as (...args: unknown[]) => Promise<unknown>;
    (fs.promises as unknown as Record<Step, unknown>)[step] = async (...args: unknown[]) => {
      if (!done && String(args[0]) === victim) { done = true; fs.rmSync(victim, { force: true }); }
      return original.apply(fs.promises, args);
    };
    return () => done;
  };

  for (const step of ['realpath', 'stat', 'open'] as const) {
    it(`deleted before its ${step}: missing, not refused`, async () => {
      const file = path.join(dir, 'a.md.claims.yaml');
      fs.writeFileSync(file, 'factmark: 1\nclaims: []\n');
      const happened = deleteBefore(step, file);
      const read = await readConfined(file, { root: dir, maxBytes: 1000, what: 'sidecar' });
      assert.ok(happened(), `the file was not deleted before ${step}: the test did not race`);
      assert.deepStrictEqual(read, { ok: false, missing: true });
    });
  }

  it('a sidecar that is a link to a file deleted meanwhile is still a dangling link (refused, kept)', async () => {
    const target = path.join(dir, 'target.yaml');
    const link = path.join(dir, 'b.md.claims.yaml');
    fs.writeFileSync(target, 'factmark: 1\nclaims: []\n');
    fs.symlinkSync(target, link);
    // The link stays and its target goes between the lstat and the realpath.
    (fs.promises as unknown as Record<Step, unknown>).realpath = async (...args: unknown[]) => {
      if (String(args[0]) === link) fs.rmSync(target, { force: true });
      return (originals.realpath as (...a: unknown[]) => Promise<unknown>).apply(fs.promises, args);
    };
    const read = await readConfined(link, { root: dir, maxBytes: 1000, what: 'sidecar' });
    assert.ok(fs.lstatSync(link).isSymbolicLink() && !fs.existsSync(target));
    assert.ok(!read.ok && !read.missing && read.problem.code === 'dangling-link', JSON.stringify(read));
  });
});
