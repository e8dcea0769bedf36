// Colours of statuses in the VS Code layer. The default scale's statuses have themable colours
// in package.json (`factmark.status.<key>`); a repository's own statuses have only the colour
// its `.factmark.yaml` gives, used as is.
import * as vscode from 'vscode';
import { DEFAULT_SCALE, type StatusDef } from '../core/statusScale';

const THEMABLE = new Set(DEFAULT_SCALE.statuses.map((s) => s.key));
const FALLBACK = '#8a8a8a';

export function hasThemeColor(key: string): boolean {
  return THEMABLE.has(key);
}

/** Foreground colour (ruler, border, icons). */
export function statusColor(status: StatusDef | undefined, key: string): vscode.ThemeColor | string {
  if (hasThemeColor(key)) return new vscode.ThemeColor(`factmark.status.${key}`);
  return status?.color ?? FALLBACK;
}

/** Tint behind the words. */
export function statusBackground(status: StatusDef | undefined, key: string): vscode.ThemeColor | string {
  if (hasThemeColor(key)) return new vscode.ThemeColor(`factmark.status.${key}.background`);
  return `${status?.color ?? FALLBACK}38`;
}

export const needsRecheckColor = (): vscode.ThemeColor => new vscode.ThemeColor('factmark.needsRecheck');

/** A small SVG as a data URI; gutter icons and tree icons cannot use theme colours. */
export function svgUri(body: string, size = 16): vscode.Uri {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 16 16">${body}</svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
}

function hex(color: string | undefined): string {
  return color && /^#[0-9a-fA-F]{6}$/.test(color) ? color : FALLBACK;
}

/** Gutter mark: a rounded bar in the status colour. */
export function gutterIcon(status: StatusDef | undefined, recheck = false): vscode.Uri {
  const c = hex(status?.color);
  const bar = `<rect x="5" y="1" width="5" height="14" rx="2" fill="${c}"/>`;
  return svgUri(recheck ? `${bar}<rect x="5" y="1" width="5" height="14" rx="2" fill="none" stroke="#ffb300" stroke-width="1.5" stroke-dasharray="2 1.5"/>` : bar);
}

/** Tree icon for a status without a themable colour: a filled circle. */
export function dotIcon(status: StatusDef | undefined): vscode.Uri {
  return svgUri(`<circle cx="8" cy="8" r="4.5" fill="${hex(status?.color)}"/>`);
}
