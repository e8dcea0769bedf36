// Lets mocha load TypeScript test files in plain Node: each .ts file is transpiled
// on require with esbuild (type-checking is the separate `npm run typecheck` step).
const fs = require('fs');
const { transformSync } = require('esbuild');

require.extensions['.ts'] = function loadTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: filename,
  });
  module._compile(code, filename);
};
