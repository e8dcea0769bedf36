// The name written as `by`: what factmark.author and the "your name" box accept.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { validateAuthorName } from '../../src/core/authorName';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
const setting = [manifest.contributes.configuration].flat().map((c: { properties: Record<string, { pattern?: string; maxLength?: number }> }) => c.properties['factmark.author']).find(Boolean);

describe('author name', () => {
  it('accepts one line of plain text, trimmed, up to 100 characters', () => {
    for (const ok of ['Jane Doe', '  Zoë Ó Briain ', '李小龍', 'A'.repeat(100), 'J. Doe (desk)']) assert.strictEqual(validateAuthorName(ok), undefined, ok);
  });

  it('refuses empty names, line breaks, control and direction characters, and long names', () => {
    for (const bad of ['', '   ', 'Jane\nDoe', 'Jane\rDoe', 'Jane\u2028Doe', '\u001b[31mred', 'Jane\u0000', 'evil\u202Eeod', 'x\u2066y', 'A'.repeat(101)]) {
      assert.ok(validateAuthorName(bad), JSON.stringify(bad));
    }
  });

  it('the settings editor flags what Factmark ignores (package.json pattern and maxLength)', () => {
    assert.ok(setting?.pattern && setting.maxLength, 'factmark.author has no pattern');
    const re = new RegExp(setting.pattern);
    for (const v of ['Jane Doe', '李小龍', 'Jane\nDoe', '\u001b[31m', 'evil\u202Eeod', 'x\u2066y', 'A'.repeat(101)]) {
      const flagged: boolean = !re.test(v) || v.length > (setting.maxLength ?? 0);
      assert.strictEqual(flagged, validateAuthorName(v) !== undefined, JSON.stringify(v));
    }
  });
});
