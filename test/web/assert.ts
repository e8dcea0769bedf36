// Node's `assert`, the part the suites use, for the browser (scripts/bundles.mjs aliases `assert`
// to this file in the web suite, so tests and helpers read the same as in the Node suites).
// Same semantics as Node's strict assertions on the values tests compare: primitives by
// Object.is, arrays and plain objects by their own enumerable keys, recursively.

export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

const show = (v: unknown): string => {
  try {
    const s = typeof v === 'string' ? JSON.stringify(v) : typeof v === 'undefined' ? 'undefined' : JSON.stringify(v) ?? String(v);
    return s.length > 400 ? `${s.slice(0, 400)}…` : s;
  } catch {
    return String(v);
  }
};

function fail(message: string | Error | undefined, fallback: string): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ? `${message}\n${fallback}` : fallback);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof RegExp && b instanceof RegExp) return String(a) === String(b);
  if (a instanceof Map && b instanceof Map) return a.size === b.size && [...a].every(([k, v]) => b.has(k) && deepEqual(v, b.get(k)));
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((v) => b.has(v));
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength), y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message, `expected a truthy value, got ${show(value)}`);
}

function strictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
}

function notStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fail(message, `expected anything but ${show(expected)}`);
}

function deepStrictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!deepEqual(actual, expected)) fail(message, `expected ${show(expected)}\n     got ${show(actual)}`);
}

function notDeepStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (deepEqual(actual, expected)) fail(message, `expected anything but ${show(expected)}`);
}

function match(value: string, re: RegExp, message?: string | Error): void {
  if (typeof value !== 'string' || !re.test(value)) fail(message, `expected ${show(value)} to match ${re}`);
}

function doesNotMatch(value: string, re: RegExp, message?: string | Error): void {
  if (typeof value !== 'string' || re.test(value)) fail(message, `expected ${show(value)} not to match ${re}`);
}

async function rejects(promise: Promise<unknown> | (() => Promise<unknown>), expected?: RegExp, message?: string): Promise<void> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    if (expected && !expected.test(e instanceof Error ? e.message : String(e))) fail(message, `rejected with ${show(String(e))}, which does not match ${expected}`);
    return;
  }
  fail(message, 'expected a rejection');
}

function throws(fn: () => unknown, expected?: RegExp, message?: string): void {
  try {
    fn();
  } catch (e) {
    if (expected && !expected.test(e instanceof Error ? e.message : String(e))) fail(message, `threw ${show(String(e))}, which does not match ${expected}`);
    return;
  }
  fail(message, 'expected an exception');
}

const assert = Object.assign(ok, { ok, strictEqual, notStrictEqual, deepStrictEqual, notDeepStrictEqual, match, doesNotMatch, rejects, throws, fail: (m?: string) => fail(m, 'failed'), AssertionError });
export { ok, strictEqual, notStrictEqual, deepStrictEqual, notDeepStrictEqual, match, doesNotMatch, rejects, throws };
export default assert;
