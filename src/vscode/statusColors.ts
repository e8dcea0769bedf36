// Colours and shapes of statuses in the VS Code layer. The default scale's statuses have themable
// colours in package.json (`factmark.status.<camelCaseKey>`, defaults per kind of theme in
// core/present/statusLook.ts) and a codicon each; a repository's own statuses have the colour its
// `.factmark.yaml` gives, used as is, and the codicon it names or one picked by their place.
import * as vscode from 'vscode';
import { DEFAULT_LOOKS, statusShape, type FallbackShape } from '../core/present/statusLook';
import { DEFAULT_SCALE, type StatusDef, type StatusScale } from '../core/statusScale';

const THEMABLE = new Set(DEFAULT_SCALE.statuses.map((s) => s.key));
const FALLBACK = '#8a8a8a';

export function hasThemeColor(key: string): boolean {
  return THEMABLE.has(key);
}

/** Colour ids may hold only letters, digits and dots: `in-progress` → `factmark.status.inProgress`. */
export function statusColorId(key: string): string {
  return `factmark.status.${key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())}`;
}

/** Foreground colour (ruler, border, icons). */
export function statusColor(status: StatusDef | undefined, key: string): vscode.ThemeColor | string {
  if (hasThemeColor(key)) return new vscode.ThemeColor(statusColorId(key));
  return status?.color ?? FALLBACK;
}

/** Tint behind the words. */
export function statusBackground(status: StatusDef | undefined, key: string): vscode.ThemeColor | string {
  if (hasThemeColor(key)) return new vscode.ThemeColor(`${statusColorId(key)}.background`);
  return `${status?.color ?? FALLBACK}38`;
}

export const needsRecheckColor = (): vscode.ThemeColor => new vscode.ThemeColor('factmark.needsRecheck');

/** A small SVG as a data URI; gutter icons and quick-pick icons cannot use theme colours. */
export function svgUri(body: string, size = 16): vscode.Uri {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 16 16">${body}</svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`);
}

function hex(color: string | undefined): string {
  return color && /^#[0-9a-fA-F]{6}$/.test(color) ? color : FALLBACK;
}

/** The status's colour on light and on dark themes (the default colours, not a theme's own). */
function colorsOf(status: StatusDef | undefined): { light: string; dark: string } {
  const look = status && hasThemeColor(status.key) ? DEFAULT_LOOKS[status.key] : undefined;
  return look ? { light: look.color.light, dark: look.color.dark } : { light: hex(status?.color), dark: hex(status?.color) };
}

/** Gutter mark: a rounded bar in the status colour, for light and for dark themes. */
export function gutterIcons(status: StatusDef | undefined): { light: vscode.Uri; dark: vscode.Uri } {
  const bar = (c: string) => svgUri(`<rect x="5" y="1" width="5" height="14" rx="2" fill="${c}"/>`);
  const c = colorsOf(status);
  return { light: bar(c.light), dark: bar(c.dark) };
}

/** Swatch of a status in quick picks (which ignore a ThemeIcon's colour): a dot in its colour. */
export function dotIcon(status: StatusDef | undefined): { light: vscode.Uri; dark: vscode.Uri } {
  const dot = (c: string) => svgUri(`<circle cx="8" cy="8" r="4.5" fill="${c}"/>`);
  const c = colorsOf(status);
  return { light: dot(c.light), dark: dot(c.dark) };
}

/** The figures drawn for a repository's statuses that name no codicon (16×16). */
const SHAPES: Record<FallbackShape, (c: string) => string> = {
  'circle': (c) => `<circle cx="8" cy="8" r="5" fill="${c}"/>`,
  'square': (c) => `<rect x="3.5" y="3.5" width="9" height="9" fill="${c}"/>`,
  'triangle': (c) => `<path d="M8 2.5 13.5 13h-11z" fill="${c}"/>`,
  'diamond': (c) => `<path d="M8 2 14 8 8 14 2 8z" fill="${c}"/>`,
  'ring': (c) => `<circle cx="8" cy="8" r="4.5" fill="none" stroke="${c}" stroke-width="2"/>`,
  'square-outline': (c) => `<rect x="4" y="4" width="8" height="8" fill="none" stroke="${c}" stroke-width="2"/>`,
  'triangle-outline': (c) => `<path d="M8 3.5 12.5 12h-9z" fill="none" stroke="${c}" stroke-width="1.8" stroke-linejoin="round"/>`,
  'diamond-outline': (c) => `<path d="M8 3 13 8 8 13 3 8z" fill="none" stroke="${c}" stroke-width="1.8"/>`,
  'bar': (c) => `<rect x="2.5" y="6" width="11" height="4" fill="${c}"/>`,
  'cross': (c) => `<path d="M6 2.5h4v3.5h3.5v4H10v3.5H6V10H2.5V6H6z" fill="${c}"/>`,
};

/**
 * Icon of a status in the Claims panel: its own shape, in its colour — the shape still tells
 * statuses apart where the colour does not (a selected row, colour-vision deficiencies). A
 * status that is not on the scale gets a plain outline.
 */
export function statusIcon(scale: StatusScale, key: string): vscode.ThemeIcon | { light: vscode.Uri; dark: vscode.Uri } {
  const index = scale.statuses.findIndex((s) => s.key === key);
  if (index < 0) return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('descriptionForeground'));
  const status = scale.statuses[index];
  const look = statusShape(key, index, status.icon);
  if ('shape' in look) {
    const c = colorsOf(status);
    return { light: svgUri(SHAPES[look.shape](c.light)), dark: svgUri(SHAPES[look.shape](c.dark)) };
  }
  // A repository's own colour is not a theme colour: a codicon it names is drawn in the foreground.
  return hasThemeColor(key) ? new vscode.ThemeIcon(look.codicon, new vscode.ThemeColor(statusColorId(key))) : new vscode.ThemeIcon(look.codicon);
}

/** The codicon id or figure name of a status's icon (for tests and accessibility checks). */
export function statusShapeName(scale: StatusScale, key: string): string {
  const index = scale.statuses.findIndex((s) => s.key === key);
  const look = statusShape(key, index, index >= 0 ? scale.statuses[index].icon : undefined);
  return 'shape' in look ? look.shape : look.codicon;
}
