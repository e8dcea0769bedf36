// How each status of the default scale looks: a codicon whose shape tells the statuses apart
// without colour (a tick for true, a cross for false, a question mark for unproven…), and a
// colour per kind of theme. The colours are VS Code theme colours (package.json
// `contributes.colors`, `factmark.status.<key>` and `.background`, which themes may override);
// the values here are their defaults, and the unit test checks that package.json says the same.
//
// They were chosen so that every pair of statuses stays apart (CIEDE2000) for normal colour vision
// and under simulated protanopia, deuteranopia and tritanopia, every colour stands out from the
// editor's background (WCAG non-text contrast), and every tint behind the words is visible while
// the text on it stays readable: test/unit/statusColours.test.ts measures all of it.
// A repository's own scale (.factmark.yaml) gives its colours and may name a codicon per status.

export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';
export const THEME_KINDS: readonly ThemeKind[] = ['light', 'dark', 'highContrast', 'highContrastLight'];

export interface StatusLook {
  /** A codicon id (https://microsoft.github.io/vscode-codicons/). */
  readonly icon: string;
  /** Icons, underline, gutter and overview-ruler marks: `#rrggbb` per kind of theme. */
  readonly color: Readonly<Record<ThemeKind, string>>;
  /** The tint behind the words: `#rrggbbaa` per kind of theme. */
  readonly background: Readonly<Record<ThemeKind, string>>;
}

const look = (icon: string, light: string, dark: string, bg: [string, string, string, string]): StatusLook => ({
  icon,
  color: { light, dark, highContrast: dark, highContrastLight: light },
  background: { light: bg[0], dark: bg[1], highContrast: bg[2], highContrastLight: bg[3] },
});

/** By status key of the default scale (statusScale.ts). */
export const DEFAULT_LOOKS: Readonly<Record<string, StatusLook>> = {
  'unverified': look('circle-large-outline', '#717274', '#7d736e', ['#71727460', '#7d736e6c', '#7d736e64', '#71727460']),
  'in-progress': look('search', '#4881f5', '#137df5', ['#4881f538', '#137df52c', '#137df528', '#4881f538']),
  'accurate': look('pass-filled', '#015f3e', '#20c0a2', ['#015f3e34', '#20c0a220', '#20c0a224', '#015f3e34']),
  'mostly-accurate': look('check', '#5d8442', '#b8e190', ['#5d844240', '#b8e19028', '#b8e19028', '#5d844240']),
  'mixed': look('pie-chart', '#b48205', '#fede12', ['#b4820534', '#fede1218', '#fede1220', '#b4820534']),
  'misleading': look('warning', '#ab5c04', '#f3a13f', ['#ab5c0438', '#f3a13f28', '#f3a13f28', '#ab5c0438']),
  'mostly-inaccurate': look('close', '#992a10', '#c75313', ['#992a1030', '#c7531328', '#c753132c', '#992a1030']),
  'inaccurate': look('error', '#e05454', '#fc6d70', ['#e0545430', '#fc6d7024', '#fc6d7024', '#e0545430']),
  'unproven': look('question', '#96588f', '#b668ad', ['#96588f3c', '#b668ad2c', '#b668ad2c', '#96588f3c']),
  'not-checkable': look('circle-slash', '#2e3a3b', '#447782', ['#2e3a3b44', '#44778258', '#44778254', '#2e3a3b44']),
};

/** Shapes drawn for a repository's statuses that name no codicon, by their place in its scale. */
export const FALLBACK_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'ring', 'square-outline', 'triangle-outline', 'diamond-outline', 'bar', 'cross'] as const;
export type FallbackShape = (typeof FALLBACK_SHAPES)[number];

/**
 * The shape of a status: the codicon its scale names, else the default status's of that key,
 * else (`shape`) a simple figure picked by its place in the scale, so that statuses differ in
 * shape too and keep their own colour.
 */
export function statusShape(key: string, index: number, named?: string): { codicon: string } | { shape: FallbackShape } {
  const codicon = named ?? DEFAULT_LOOKS[key]?.icon;
  return codicon ? { codicon } : { shape: FALLBACK_SHAPES[Math.max(0, index) % FALLBACK_SHAPES.length] };
}
