// Test entry point of the packaged-extension suite (`npm run test:vsix`): the integration suite's
// run(), bundled by scripts/build.mjs into dist/test/vsix/ where it runs the *.test.js beside it.
export { run } from '../integration/index';
