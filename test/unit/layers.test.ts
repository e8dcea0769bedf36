// The layer rules, made able to fail: src/core is pure (no `vscode`, no Node built-in, nothing
// outside src/core but its three libraries), the CLI and src/node never reach VS Code, and the
// VS Code layer reaches Node only through the desktop entry (so the web bundle has none — which
// the last test checks on the bundle itself, built as scripts/build.mjs builds it).
import * as assert from 'assert';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import * as esbuild from 'esbuild';
import * as ts from 'typescript';
import { pathToFileURL } from 'url';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');

interface Import { file: string; spec: string; line: number; typeOnly?: boolean }

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  // Imports, re-exports, require() and import() calls, as the compiler sees them.
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map((f) => ({ file: path.relative(ROOT, file), spec: f.fileName, line: text.slice(0, f.pos).split('\n').length, typeOnly: isTypeOnly(text, f.pos) }));
}

/** Whether the statement naming the module at `pos` is `import type …` or `export type …` (it leaves no code). */
function isTypeOnly(text: string, pos: number): boolean {
  const statement = /(?:^|[;}\n])\s*((?:import|export)\b[^;]*)$/.exec(text.slice(0, pos))?.[1] ?? '';
  return /^(import|export)\s+type\s/.test(statement);
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}

const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec) || builtinModules.includes(spec.split('/')[0]);
const target = (i: Import) => (i.spec.startsWith('.') ? path.relative(ROOT, path.resolve(ROOT, path.dirname(i.file), i.spec)) : undefined);
const where = (i: Import) => `${i.file}:${i.line} imports '${i.spec}'`;

/** The files of a layer with every import they make. */
function layer(name: string): Import[] {
  const imports = filesUnder(path.join(SRC, name)).flatMap(importsOf);
  assert.ok(imports.length > 0, `no imports found in src/${name}: the test is not looking at the code`);
  return imports;
}

const under = (t: string | undefined, dir: string) => t !== undefined && (t === dir || t.startsWith(dir.split('/').join(path.sep) + path.sep));

/** Packages that hold nothing but types (schema-dts: schema.org's), so `import type` of them leaves no code. */
const TYPES_ONLY = ['schema-dts'];

/** The rules, as predicates over one import (true: it breaks the rule). */
const RULES = {
  /**
   * src/core: only src/core, the JSON Schema it validates against, `yaml`, Ajv's runtime helpers
   * (which the generated validator calls; Ajv itself only as `import type`: nothing compiles a
   * schema at run time), and types-only packages as `import type`.
   */
  core: (i: Import) => {
    const t = target(i);
    if (t === undefined) return !(i.spec === 'yaml' || /^ajv\/dist\/runtime\/[a-z0-9]+$/.test(i.spec) || ((TYPES_ONLY.includes(i.spec) || i.spec === 'ajv') && i.typeOnly));
    return !under(t, 'src/core') && !(under(t, 'schemas') && t.endsWith('.json'));
  },
  /** The CLI and src/node: never VS Code. */
  noVscode: (i: Import) => i.spec === 'vscode' || under(target(i), 'src/vscode'),
  /** src/node is below the CLI. */
  noCli: (i: Import) => under(target(i), 'src/cli'),
  /** The VS Code layer: no Node, except in the files only the desktop entry loads. */
  vscode: (i: Import) => (isBuiltin(i.spec) || under(target(i), 'src/node') || under(target(i), 'src/cli')) && !desktopOnly(i.file),
  /** Only the desktop entry may load src/vscode/desktop (the web entry passes WEB_PLATFORM instead). */
  desktopFolder: (i: Import) => under(target(i), 'src/vscode/desktop') && !desktopOnly(i.file),
};

/** Files of the VS Code layer that only the desktop (Node) entry point loads: its entry and src/vscode/desktop/. */
function desktopOnly(file: string): boolean {
  const f = file.split(path.sep).join('/');
  return f === 'src/vscode/extension.ts' || f.startsWith('src/vscode/desktop/');
}

describe('layer rules', () => {
  it('src/core imports neither vscode nor a Node built-in, and nothing outside src/core but yaml, Ajv\'s runtime helpers, the schema and types-only packages', () => {
    assert.deepStrictEqual(layer('core').filter(RULES.core).map(where), []);
  });

  it('the CLI and src/node never reach VS Code', () => {
    assert.deepStrictEqual([...layer('cli'), ...layer('node')].filter(RULES.noVscode).map(where), []);
  });

  it('src/node is the Node side of the core: it never reaches into the CLI', () => {
    assert.deepStrictEqual(layer('node').filter(RULES.noCli).map(where), []);
  });

  it('the VS Code layer reaches Node built-ins, src/node and the CLI only from the files that the desktop entry alone loads', () => {
    assert.deepStrictEqual(layer('vscode').filter(RULES.vscode).map(where), []);
    assert.deepStrictEqual(layer('vscode').filter(RULES.desktopFolder).map(where), []);
  });

  it('the web bundle (package.json `browser`) builds for the browser from none of the Node code', async function () {
    this.timeout(60_000);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    // scripts/bundles.mjs is ESM: import() it for real (a transpiled import() would become require()).
    const load = new Function('url', 'return import(url)') as (url: string) => Promise<typeof import('../../scripts/bundles.mjs')>;
    const { bundles, esbuildOptions } = await load(pathToFileURL(path.join(ROOT, 'scripts', 'bundles.mjs')).href);
    const here = process.cwd();
    process.chdir(ROOT);
    let result: esbuild.BuildResult<{ metafile: true; write: false }>;
    try {
      const web = bundles().find((e) => e.name === 'web');
      assert.ok(web, 'scripts/bundles.mjs has no web entry');
      assert.strictEqual(`./${web.outfile}`, manifest.browser, 'package.json `browser` is not the web bundle');
      result = await esbuild.build({ ...esbuildOptions(web), write: false, metafile: true, logLevel: 'silent' });
    } finally {
      process.chdir(here);
    }
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.includes('src/vscode/activate.ts') && inputs.includes('src/core/store/claimStore.ts'), 'the bundle is not the extension');
    assert.deepStrictEqual(inputs.filter((f) => /^src\/(node|cli|vscode\/desktop)\//.test(f) || f === 'src/vscode/extension.ts'), []);
    const output = result.outputFiles.find((f) => f.path.endsWith('.js'));
    assert.ok(output);
    const required = new Set([...output.text.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]));
    // `vscode` is the host's; ajv's `require("ajv/dist/runtime/…")` are strings its helpers carry for its code generator, not calls.
    assert.deepStrictEqual([...required].filter((r) => r !== 'vscode' && !r.startsWith('ajv/dist/runtime/')), []);
    // The sidecar validator is generated ahead of time: neither Ajv's compiler nor `new Function`
    // (which a web extension host's content security policy may forbid) is in the bundle.
    assert.deepStrictEqual(inputs.filter((f) => f.includes('node_modules/ajv/') && !f.includes('node_modules/ajv/dist/runtime/')), []);
    assert.doesNotMatch(output.text, /\bnew Function\b/);
  });

  it('a Node built-in fails the web build (so the test above cannot pass by accident)', async function () {
    this.timeout(60_000);
    const failed = await esbuild.build({
      stdin: { contents: "import { execFile } from 'child_process'; export const x = execFile;", resolveDir: ROOT, loader: 'ts' },
      bundle: true, platform: 'browser', format: 'cjs', write: false, logLevel: 'silent', external: ['vscode'],
    }).then(() => undefined, (e: Error) => e.message);
    assert.match(String(failed), /child_process/);
  });

  it('the rules catch what they are meant to catch', () => {
    const probe = (file: string, source: string) => ts.preProcessFile(source, true, true).importedFiles.map((f) => ({ file, spec: f.fileName, line: 1, typeOnly: isTypeOnly(source, f.pos) }));
    const core = probe('src/core/x/probe.ts', "import * as fs from 'fs';\nimport type { Uri } from 'vscode';\nconst p = require('node:path');\nexport { x } from '../../vscode/api';\nimport { y } from '../model';\nimport s from '../../../schemas/claims.schema.json';\nimport { parse } from 'yaml';\nimport type { ClaimReview } from 'schema-dts';\nimport { Rating } from 'schema-dts';\nexport type { Thing } from 'schema-dts';\nimport Ajv from 'ajv';\nimport type { ErrorObject } from 'ajv';\nimport standalone from 'ajv/dist/standalone';\nimport equal from 'ajv/dist/runtime/equal';\n");
    assert.deepStrictEqual(core.filter(RULES.core).map((i) => i.spec), ['fs', 'vscode', 'node:path', '../../vscode/api', 'schema-dts', 'ajv', 'ajv/dist/standalone']);
    const vs = probe('src/vscode/probe.ts', "import * as cp from 'child_process';\nimport { gitSync } from '../node/git';\nimport { x } from '../core/model';\nimport * as vscode from 'vscode';\nimport { nodePlatform } from './desktop/nodePlatform';\n");
    assert.deepStrictEqual(vs.filter(RULES.vscode).map((i) => i.spec), ['child_process', '../node/git']);
    assert.deepStrictEqual(vs.filter(RULES.desktopFolder).map((i) => i.spec), ['./desktop/nodePlatform']);
    const desktop = probe('src/vscode/desktop/probe.ts', "import * as cp from 'child_process';\nimport { gitSync } from '../../node/git';\n");
    assert.deepStrictEqual(desktop.filter(RULES.vscode), []);
    const cli = probe('src/cli/probe.ts', "import * as vscode from 'vscode';\nimport { x } from '../vscode/api';\nimport { y } from '../core/model';\n");
    assert.deepStrictEqual(cli.filter(RULES.noVscode).map((i) => i.spec), ['vscode', '../vscode/api']);
  });
});
