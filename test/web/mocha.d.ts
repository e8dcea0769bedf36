// mocha's browser build (a UMD file): in a CommonJS bundle it exports the BrowserMocha object.
declare module 'mocha/mocha.js' {
  const mocha: BrowserMocha;
  export default mocha;
}
