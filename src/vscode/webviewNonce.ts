// The nonce a webview's CSP allows its own script or style by: 128 random bits from the Web Crypto
// API, which Node 20 and the browser's web worker both have (Node's `crypto` module would keep the
// web bundle from building).
export function randomNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
