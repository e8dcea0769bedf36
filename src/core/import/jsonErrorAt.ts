// Where JSON text first goes wrong, for a message with line and column: V8's JSON.parse says
// what is wrong but (in Node 20) not where. A small scanner of the JSON grammar, used only
// after JSON.parse has failed.

/** Offset of the first character that cannot continue valid JSON (the length for early end). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const fail = (): never => { throw i; };
  const literal = (word: string) => { if (text.startsWith(word, i)) i += word.length; else fail(); };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) { i++; return; }
      if (c < 32) fail();
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) { i++; fail(); } i += 6; continue; }
        if (!'"\\/bfnrt'.includes(e ?? '')) { i++; fail(); }
        i += 2;
        continue;
      }
      i++;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || !m[0] || m[0] === '-') fail();
    i += m![0].length;
  };
  // Containers are tracked on a stack, not by recursion, so deep nesting cannot overflow.
  const stack: ('[' | '{')[] = [];
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c); i++; ws();
      if (text[i] === (c === '{' ? '}' : ']')) { stack.pop(); i++; return false; }
      if (c === '{') { if (text[i] !== '"') fail(); string(); ws(); if (text[i] !== ':') fail(); i++; }
      return true; // a value follows
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c >= '0' && c <= '9')) number();
    else fail();
    return false;
  };
  try {
    let more = value();
    for (;;) {
      if (more) { more = value(); continue; }
      ws();
      const top = stack[stack.length - 1];
      if (!top) break;
      if (text[i] === ',') {
        i++; ws();
        if (top === '{') { if (text[i] !== '"') fail(); string(); ws(); if (text[i] !== ':') fail(); i++; }
        more = true;
      } else if (text[i] === (top === '{' ? '}' : ']')) { stack.pop(); i++; }
      else fail();
    }
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? at : -1;
  }
}
