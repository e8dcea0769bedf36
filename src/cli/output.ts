// How the CLI prints reports: readable lines for people and CI logs, or JSON for tools.
import type { ArticleReport } from '../core/check/checkArticle';
import type { Problem } from '../core/model';

/**
 * Characters that must never reach a terminal raw from a sidecar or an article: C0/C1 controls
 * (ESC and CSI start escape sequences that can rewrite the screen, set the window title or
 * worse), line and paragraph separators, and bidi controls that reorder what a reviewer reads
 * (Trojan Source). They are shown as visible `\u{…}` escapes instead of being dropped, so a
 * reviewer can see that something is there.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, except the line break: for whole blocks of output whose lines we laid out. */
const UNSAFE_IN_BLOCK = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\u001b`: visible in a terminal, and the same character's escape in a JSON string. */
const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text from a file, made safe to print on one line of a terminal. */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, escape);
}

/**
 * Everything the CLI prints goes through this (see main): whatever a command forgot to escape,
 * no control, C1 or bidi character reaches the terminal or a log raw. Line breaks stay.
 */
export function inertOutput(text: string): string {
  return text.replace(UNSAFE_IN_BLOCK, escape);
}

/**
 * `--json` output: JSON.stringify escapes C0 controls but leaves C1 controls, bidi controls and
 * U+2028/U+2029 raw; outside strings JSON holds none of them, so they are escaped as `\uXXXX`.
 */
export function inertJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_BLOCK, escape);
}

const STATE_MARK: Record<string, string> = { anchored: '✔', moved: '↪', changed: '⟲', ambiguous: '?', orphaned: '✖' };

export function formatProblem(p: Problem): string {
  const where = terminalSafe([p.file, p.line, p.column].filter((x) => x !== undefined).join(':'));
  return `${where ? where + ': ' : ''}${p.severity}: ${terminalSafe(p.message)} [${terminalSafe(p.code)}]`;
}

function excerpt(s: string, max = 60): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return terminalSafe(one.length > max ? one.slice(0, max - 1) + '…' : one);
}

export function formatReport(r: ArticleReport): string {
  const out: string[] = [];
  const checked = r.claims.filter((c) => c.violations.length === 0).length;
  out.push(`${terminalSafe(r.article)}  (${r.claims.length} claim${r.claims.length === 1 ? '' : 's'}${r.claims.length ? `, ${checked} pass` : ''})`);
  for (const p of r.problems) out.push(`  ${formatProblem(p)}`);
  const labelWidth = Math.max(0, ...r.claims.map((c) => terminalSafe(c.statusLabel).length));
  for (const c of r.claims) {
    const where = c.range ? `L${c.range.line}` : '';
    let line = `  ${STATE_MARK[c.state] ?? ' '} ${terminalSafe(c.id)}  ${terminalSafe(c.statusLabel).padEnd(labelWidth)}  ${c.state.padEnd(9)} ${where.padEnd(6)} "${excerpt(c.quote)}"`;
    if (c.state === 'changed' && c.range) line += `\n      now: "${excerpt(c.range.text)}"`;
    if (c.state !== 'anchored' && c.state !== 'moved') line += `\n      ${terminalSafe(c.reason)}`;
    for (const v of c.violations) line += `\n      ✖ ${terminalSafe(v)}`;
    if (c.review.approvedBy.length) line += `\n      ✓ signed off by ${c.review.approvedBy.map(terminalSafe).join(', ')}`;
    // Disputes are shown even where the policy does not fail on them.
    if (c.review.disputedBy.length && !c.violations.some((v) => / is disputed by /.test(v))) {
      line += `\n      ⚑ disputed by ${c.review.disputedBy.map(terminalSafe).join(', ')}`;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** `scope`: what was checked when not everything was (`--changed`, `--shard`), for the reader. */
export function reportJson(reports: ArticleReport[], problems: Problem[], scope: readonly string[] = []): unknown {
  return {
    ok: problems.every((p) => p.severity !== 'error') && reports.every((r) => r.ok),
    ...(scope.length ? { scope } : {}),
    problems,
    articles: reports.map((r) => ({
      article: r.article,
      sidecar: r.sidecar,
      ok: r.ok,
      problems: r.problems,
      claims: r.claims.map((c) => ({
        id: c.id,
        status: c.status,
        state: c.state,
        confidence: c.confidence,
        reason: c.reason,
        quote: c.quote,
        range: c.range,
        violations: c.violations,
        rater: c.rater,
        rated: c.rated,
        assignee: c.assignee,
        recheck: c.recheck ?? false,
        review: c.review,
        reviews: c.reviews,
        log: c.log,
      })),
    })),
  };
}
