// The default statuses must be told apart without relying on colour alone, and their colours
// must stay apart where colour is all there is (an underline, a gutter bar): a distinct codicon
// per status; colours that differ pairwise (CIEDE2000) for normal colour vision and under
// simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009, severity 1), stand out
// from the backgrounds of VS Code's own light, dark and high-contrast themes (WCAG non-text
// contrast, 3:1), and tints behind the words that are visible yet keep the text readable.
// package.json's colour defaults must be these values (statusLook.ts is their one source).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_LOOKS, FALLBACK_SHAPES, statusShape, THEME_KINDS, type ThemeKind } from '../../src/core/present/statusLook';
import { DEFAULT_SCALE, parseScale } from '../../src/core/statusScale';
import { contrast, deltaE2000, deltaE2000Lab, lab, over, parseHex, simulate, type Vision } from './colourVision';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

/** The editor and side-bar backgrounds, and the editor text, of VS Code's built-in themes of each kind. */
const THEMES: Record<ThemeKind, { backgrounds: Record<string, string>; text: string[] }> = {
  light: { backgrounds: { 'Light Modern editor': '#ffffff', 'Light Modern side bar': '#f8f8f8', 'Light+ side bar': '#f3f3f3' }, text: ['#3b3b3b', '#000000'] },
  dark: { backgrounds: { 'Dark Modern editor': '#1f1f1f', 'Dark+ editor': '#1e1e1e', 'Dark Modern side bar': '#181818', 'Dark+ side bar': '#252526' }, text: ['#cccccc', '#d4d4d4'] },
  highContrast: { backgrounds: { 'High Contrast editor': '#000000' }, text: ['#ffffff'] },
  highContrastLight: { backgrounds: { 'High Contrast Light editor': '#ffffff' }, text: ['#292929'] },
};

const VISIONS: Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];
/** Least CIEDE2000 between any two statuses' colours: normal vision, and each simulated dichromacy. */
const MIN_DELTA_E: Record<Vision, number> = { normal: 15, protanopia: 8, deuteranopia: 8, tritanopia: 8 };
/** Least CIEDE2000 between a tint and the editor background (the Unverified tint measured 4.5 on white before). */
const MIN_TINT_DELTA_E = 10;

const camel = (key: string) => key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const label = (key: string) => DEFAULT_SCALE.statuses.find((s) => s.key === key)?.label ?? key;

describe('colour maths used to check the status colours', () => {
  it('CIEDE2000 gives the published test values (Sharma, Wu & Dalal 2005)', () => {
    const pairs: [number[], number[], number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
      [[50, 2.8361, -74.02], [50, 0, -82.7485], 3.4412],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[50, 2.5, 0], [61, -5, 29], 22.8977],
      [[50, 2.5, 0], [56, -27, -3], 31.903],
      [[50, 2.5, 0], [58, 24, 15], 19.4535],
      [[84.25, 5.74, 96], [84.46, 8.88, 96.49], 1.6743],
      [[84.25, 5.74, 96], [84.52, 5.75, 93.09], 0.5887],
    ];
    for (const [a, b, expected] of pairs) {
      assert.ok(Math.abs(deltaE2000Lab(a, b) - expected) < 1e-4, `${a} / ${b}: ${deltaE2000Lab(a, b)} is not ${expected}`);
      assert.ok(Math.abs(deltaE2000Lab(b, a) - expected) < 1e-4, 'not symmetric');
    }
  });

  it('contrast and CIELAB agree with WCAG and D65 white; the dichromacy simulations keep greys grey and merge red with green', () => {
    const white = parseHex('#ffffff').rgb;
    const black = parseHex('#000000').rgb;
    assert.ok(Math.abs(contrast(white, black) - 21) < 1e-9);
    assert.ok(Math.abs(contrast(parseHex('#767676').rgb, white) - 4.54) < 0.01);
    const [L, a, b] = lab(white);
    assert.ok(Math.abs(L - 100) < 1e-3 && Math.abs(a) < 1e-3 && Math.abs(b) < 1e-3, `white is ${[L, a, b]}`);
    for (const v of VISIONS) {
      const grey = simulate(parseHex('#808080').rgb, v);
      assert.ok(deltaE2000(grey, parseHex('#808080').rgb) < 1, `${v} changes a grey`);
    }
    const red = parseHex('#d13438').rgb;
    const green = parseHex('#2e9e44').rgb;
    for (const v of ['protanopia', 'deuteranopia'] as const) {
      assert.ok(deltaE2000(simulate(red, v), simulate(green, v)) < deltaE2000(red, green) / 3, `${v} keeps red and green apart`);
    }
    const blue = parseHex('#3b8eea').rgb;
    const yellow = parseHex('#d4a72c').rgb;
    assert.ok(deltaE2000(simulate(blue, 'tritanopia'), simulate(yellow, 'tritanopia')) < deltaE2000(blue, yellow), 'tritanopia keeps blue and yellow as far apart');
  });
});

describe('default status colours and shapes', () => {
  const keys = DEFAULT_SCALE.statuses.map((s) => s.key);

  it('every default status has a look, and package.json\'s colour defaults are exactly those', () => {
    assert.deepStrictEqual(Object.keys(DEFAULT_LOOKS).sort(), [...keys].sort());
    const colours = new Map((manifest.contributes.colors as { id: string; defaults: Record<string, string> }[]).map((c) => [c.id, c.defaults]));
    for (const key of keys) {
      const look = DEFAULT_LOOKS[key];
      for (const t of THEME_KINDS) {
        assert.strictEqual(colours.get(`factmark.status.${camel(key)}`)?.[t], look.color[t], `factmark.status.${camel(key)} in ${t}`);
        assert.strictEqual(colours.get(`factmark.status.${camel(key)}.background`)?.[t], look.background[t], `factmark.status.${camel(key)}.background in ${t}`);
        assert.match(look.color[t], /^#[0-9a-f]{6}$/);
        assert.match(look.background[t], /^#[0-9a-f]{8}$/);
      }
      assert.strictEqual(DEFAULT_SCALE.statuses.find((s) => s.key === key)?.color, look.color.light, `the scale's colour of ${key} is not its light-theme colour`);
    }
  });

  it('every default status has a codicon of its own', () => {
    const icons = keys.map((k) => DEFAULT_LOOKS[k].icon);
    assert.strictEqual(new Set(icons).size, icons.length, `shared shapes: ${icons.join(', ')}`);
    for (const i of icons) assert.match(i, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const t of THEME_KINDS) {
    describe(`in ${t} themes`, () => {
      const colour = (k: string) => parseHex(DEFAULT_LOOKS[k].color[t]).rgb;

      it('each colour stands out from the editor and side-bar backgrounds (at least 3:1)', () => {
        for (const [where, bg] of Object.entries(THEMES[t].backgrounds)) {
          for (const k of keys) {
            const c = contrast(colour(k), parseHex(bg).rgb);
            assert.ok(c >= 3, `${label(k)} ${DEFAULT_LOOKS[k].color[t]} on the ${where} ${bg}: ${c.toFixed(2)}:1`);
          }
        }
      });

      for (const v of VISIONS) {
        it(`every two statuses stay apart for ${v === 'normal' ? 'normal colour vision' : `simulated ${v}`} (CIEDE2000 at least ${MIN_DELTA_E[v]})`, () => {
          const close: string[] = [];
          for (let i = 0; i < keys.length; i++) {
            for (let j = i + 1; j < keys.length; j++) {
              const d = deltaE2000(simulate(colour(keys[i]), v), simulate(colour(keys[j]), v));
              if (d < MIN_DELTA_E[v]) close.push(`${label(keys[i])} / ${label(keys[j])}: ${d.toFixed(1)}`);
            }
          }
          assert.deepStrictEqual(close, []);
        });
      }

      it(`each tint behind the words is visible (CIEDE2000 at least ${MIN_TINT_DELTA_E} from the editor background) and its text readable`, () => {
        const bg = Object.values(THEMES[t].backgrounds)[0];
        const minText = t.startsWith('highContrast') ? 7 : 4.5;
        for (const k of keys) {
          const tint = over(DEFAULT_LOOKS[k].background[t], bg);
          const d = deltaE2000(tint, parseHex(bg).rgb);
          assert.ok(d >= MIN_TINT_DELTA_E, `${label(k)}'s tint ${DEFAULT_LOOKS[k].background[t]} on ${bg}: ${d.toFixed(1)}`);
          for (const text of THEMES[t].text) {
            const c = contrast(parseHex(text).rgb, tint);
            assert.ok(c >= minText, `${text} text on ${label(k)}'s tint: ${c.toFixed(2)}:1`);
          }
        }
      });
    });
  }
});

describe('shapes of a repository\'s own statuses', () => {
  it('a status may name a codicon; one that names none gets a figure of its own by its place in the scale', () => {
    const parsed = parseScale({
      statuses: [
        { key: 'todo', label: 'To do', color: '#8a8a8a' },
        { key: 'verified', label: 'Verified', color: '#2e9e44', rating: 5, icon: 'verified-filled' },
        { key: 'wrong', label: 'Wrong', color: '#d13438', rating: 1 },
        { key: 'accurate', label: 'Right', color: '#2e9e44', rating: 5 },
      ],
    });
    assert.ok(parsed.scale, parsed.errors.join('; '));
    const shapes = parsed.scale.statuses.map((s, i) => statusShape(s.key, i, s.icon));
    assert.deepStrictEqual(shapes, [{ shape: FALLBACK_SHAPES[0] }, { codicon: 'verified-filled' }, { shape: FALLBACK_SHAPES[2] }, { codicon: DEFAULT_LOOKS.accurate.icon }]);
    assert.strictEqual(new Set(FALLBACK_SHAPES).size, FALLBACK_SHAPES.length);
  });

  it('refuses an icon that is not a codicon name', () => {
    const bad = parseScale({ statuses: [{ key: 'a', icon: '$(zap)' }, { key: 'b', icon: '../x.svg' }, { key: 'c', icon: 7 }] });
    assert.deepStrictEqual(bad.errors, ['statuses[0].icon must be a codicon name such as pass-filled', 'statuses[1].icon must be a codicon name such as pass-filled', 'statuses[2].icon must be a codicon name such as pass-filled']);
  });
});
