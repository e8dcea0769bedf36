// Colours of statuses in the VS Code layer. The default scale's statuses have themable colours
// in package.json (`factmark.status.<camelCaseKey>`); a repository's own statuses have only the colour
// its `.factmark.yaml` gives, used as is.
import * as vscode from 'vscode';
import { DEFAULT_SCALE, type StatusDef } from '../core/statusScale';

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

/** A small SVG as a data URI; gutter icons and tree icons cannot use theme colours. */
export function svgUri(body: string, size = 16): vscode.Uri {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 16 16">${body}</svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`);
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

/** Icon of a status in trees and quick picks: themable where the status has a contributed colour. */
export function statusIcon(status: StatusDef | undefined, key: string): vscode.ThemeIcon | vscode.Uri {
  return hasThemeColor(key) ? new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor(statusColorId(key))) : dotIcon(status);
}
