// How much Factmark reads, in one place. A repository may be written by someone else: every
// file is checked against these before it is parsed (sizes also before it is read), so that no
// file can cost more than a bounded amount of time and memory, and a file over a limit gets a
// message that says which. The figures are what the bench measures against (`npm run bench`,
// "Bounded cost"): the worst file under the limits, parsed, next to the refusal of one over them.

/** Sidecars: characters (and bytes read from disk). */
export const MAX_TEXT_LENGTH = 20 * 1024 * 1024;

/** Claims per sidecar: also bounds the anchoring work a file can ask for. */
export const MAX_CLAIMS = 10_000;

/**
 * Values per sidecar (what the parser builds a node for: lists, mappings, keys, scalars). A
 * sidecar needs about 30 per claim; parse time grows with this count, not only with the size.
 */
export const MAX_NODES = 500_000;

/**
 * Values (as the preflight counts them) of a sidecar that may be read by the full YAML parser.
 * Sidecars with more are read only in the layout Factmark writes (src/core/yaml/fastYaml.ts:
 * 10–20 times faster), because the full parser's time grows with the values — about 0.5 s per
 * 1,000 claims (30,000 values) here — so a 10,000-claim sidecar with one tab in it would
 * otherwise cost 6–9 s of the extension host at start-up. A few claims with megabyte texts are
 * few values, and still read by the full parser whatever their layout.
 */
export const MAX_FULL_PARSE_VALUES = 30_000;

/**
 * Deeper than this is refused before parsing. A sidecar needs six levels; the YAML parser and
 * everything after it recurse once per level, so 10,000 nested `[` would overflow the stack.
 */
export const MAX_NESTING = 64;

/** Articles: bytes read from disk. */
export const MAX_ARTICLE_BYTES = 32 * 1024 * 1024;

/** `.factmark.yaml`: bytes read from disk. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
