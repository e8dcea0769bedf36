// Check-worthiness cues in one sentence: transparent, offline patterns for the things a
// fact-checker looks for (figures, dates, quotations, attributions, comparisons, names) and
// for what makes a sentence less checkable (opinion, hedging, questions, imperatives).
// The TextMate grammar in syntaxes/factmark-cues.tmLanguage.json highlights the same cue
// families; keep the two in step when a pattern changes.

export type CueKind =
  | 'figure' | 'date' | 'duration' | 'quotation' | 'attribution' | 'comparison' | 'entity'
  | 'opinion' | 'hedge' | 'question' | 'imperative';

/** Offsets are relative to the sentence. */
export interface Cue { kind: CueKind; start: number; end: number; text: string }

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';
const FULL_MONTH = '(?:January|February|March|April|June|July|August|September|October|November|December)'; // not "May"
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';
const NUM = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const SCALE = '(?:thousand|million|billion|trillion|bn|mn)';
const NUMBER_WORD = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|several|a few|many)';
const TIME_UNIT = '(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies))';
const UNIT = '(?:per ?cent|percent(?:age points?)?|km|kilomet(?:re|er)s|miles|kg|kilograms|tonnes|tons|met(?:re|er)s|feet|lit(?:re|er)s|barrels|people|troops|soldiers|deaths|casualties|civilians|votes|jobs|homes|children|women|men|residents|refugees)';
const CURRENCY_WORD = '(?:dollars|euros|pounds|yuan|yen|roubles|rubles|rials|rupees)';

/**
 * Numeric cues in priority order: where two overlap, the earlier family wins. The third column
 * says whether every match holds an ASCII digit (then a sentence without one need not be searched).
 */
const NUMERIC: Array<[CueKind, RegExp, boolean]> = [
  ['date', new RegExp(`\\b${DAY}\\s+${MONTH}(?:,?\\s+\\d{4})?(?![\\p{L}])|\\b${MONTH}\\s+${DAY}(?:,?\\s+\\d{4})?\\b|\\b${MONTH}\\s+\\d{4}\\b`, 'gu'), true],
  ['date', /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g, true],
  ['duration', new RegExp(`\\b(?:(?:for|over|within|after|lasting|in the (?:past|last|next))\\s+(?:(?:more|less|fewer) than\\s+|nearly\\s+|almost\\s+|about\\s+|some\\s+)?(?:${NUM}|${NUMBER_WORD}|an?)|(?:${NUM}))[\\s-]+${TIME_UNIT}\\b(?:\\s+(?:ago|long|old))?`, 'gu'), false],
  ['figure', new RegExp(`(?:US\\$|A\\$|C\\$|HK\\$|[$€£¥₹₽])\\s?(?:${NUM})(?:\\s?${SCALE}\\b|m\\b|k\\b)?|\\b(?:${NUM})\\s?(?:${SCALE}\\s)?${CURRENCY_WORD}\\b`, 'gu'), true],
  ['figure', new RegExp(`\\b(?:${NUM})\\s?%|\\b(?:${NUM})[\\s-]?(?:${SCALE}\\s)?${UNIT}\\b|\\b(?:${NUM})\\s?${SCALE}\\b`, 'gu'), true],
  ['date', /\b(?:1[6-9]|20)\d{2}s?\b(?![.,]\d|\s?%)/g, true],
  ['figure', new RegExp(`\\b(?:${NUM})\\b|\\b(?:hundreds|thousands|millions|billions|dozens|tens of thousands) of\\b|\\b(?:a|one|two|three|four|five|several|hundreds of) (?:hundred|thousand|million|billion|trillion)\\b`, 'gu'), false],
  ['date', new RegExp(`\\b${FULL_MONTH}\\b|\\b(?:on|last|next|this|since|by|until)\\s+${WEEKDAY}\\b|\\b(?:yesterday|last (?:year|month|week)|this (?:year|month|week))\\b`, 'gu'), false],
];

// Multipliers compare ("three times as many", "twice the rate"); a count of occasions ("voted
// three times") does not.
// Reporting verbs are matched in lower case only ("United States" is a country, not a statement);
// the nouns among them ("states", "reports", "claims") count only when "that" follows.
const ATTRIBUTION = /\b[Aa]ccording to\b|\b(?:in|by) a statement\b|\bspokes(?:man|woman|person) for\b|\b(?:said|says|say|told|tells|stated|added|noted|claimed|announced|reported|explained|insisted|argued|confirmed|denied|wrote|tweeted|posted|warned|estimated|testified|indicated|characteri[sz]ed|described|highlighted|emphasi[sz]ed|stressed|acknowledged|admitted|alleged|asserted|promised|pledged|vowed|threatened|declared)\b|\b(?:states|claims|reports)(?=\s+that\b)/gu;
const COMPARISON = /\b(?:more|less|fewer|greater|higher|lower|larger|smaller|bigger|better|worse|longer|shorter|older|younger|faster|slower|cheaper|richer|poorer)\s+than\b|\b(?:the\s+)?(?:most|least)\s+[A-Za-z]+|\bthe\s+(?:largest|biggest|highest|lowest|smallest|fastest|slowest|first|only|best|worst|greatest|oldest|youngest|longest|shortest|deadliest|richest|poorest|strongest|weakest)\b|\b(?:record|unprecedented|all-time)\b|\b(?:twice|(?:two|three|four|five|six|seven|eight|nine|ten|\d+) times)\s+(?:as|more|less|fewer|higher|lower|larger|bigger|greater|faster|the)\b|\bhalf as\b|\b(?:increased|decreased|rose|risen|fell|fallen|grew|grown|dropped|declined|doubled|tripled|halved|surged|soared|plunged|tumbled|shrank)\b(?!\s+(?:up|out|apart|off|asleep|behind|in love)\b)/gi;
const OPINION = /\b(?:I|we)\s+(?:think|believe|feel|hope|guess|reckon)\b|\bin my (?:view|opinion)\b|\b(?:should|ought to|must)\b|\b(?:arguably|clearly|obviously|undoubtedly|sadly|unfortunately|hopefully|frankly|thankfully)\b|\b(?:great|terrible|awful|wonderful|beautiful|disgraceful|shameful|brilliant|amazing|ridiculous|absurd|outrageous|pathetic|delightful|boring|stupid)\b/gi;
const HEDGE = /\b(?:may|might|could|perhaps|possibly|maybe|probably|likely|unlikely|seems?|appears?|apparently|suggests?|somewhat)\b/gu;
const IMPERATIVE = /^(?:Be|Click|Subscribe|Sign up|Share|Follow|Read more|Leave|Join|Download|Watch|Listen|Log in|Register|Donate|See also|Don’t|Don't|Let’s|Let's|Imagine|Consider)\b/u;

/** Capitalised words that say nothing about a name. */
const COMMON_CAPITALISED = new Set([
  'The', 'A', 'An', 'This', 'That', 'These', 'Those', 'It', 'He', 'She', 'They', 'We', 'I', 'You', 'His', 'Her',
  'Their', 'Its', 'Our', 'But', 'And', 'Or', 'However', 'In', 'On', 'At', 'For', 'If', 'When', 'While', 'After',
  'Before', 'As', 'Yet', 'So', 'Meanwhile', 'There', 'Some', 'Many', 'Most', 'Both', 'All', 'Each', 'During',
  'According', 'Since', 'From', 'To', 'With', 'By', 'Of', 'Be', 'Mr', 'Mrs', 'Ms', 'Dr',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
]);

/** "I'm", "We're", "Don't": a capitalised contraction is a pronoun or a verb, not a name ("O'Neill" is). */
const CONTRACTION = /^\p{Lu}\p{Ll}*['’](?:m|re|ve|ll|d|t)$/u;

/**
 * A modal that reports someone else's position ("You didn't think we should…", "He said they
 * must…") states what they hold, which can be checked; only the speaker's own is opinion.
 */
const REPORTED = /(?<![\p{L}'’])(?!(?:I|we|We)\b)[\p{L}'’]+\s+(?:(?:did(?:n['’]t| not)|does(?:n['’]t| not)|do(?:n['’]t| not)|never|always|also|just|even|once)\s+)?(?:think|thought|say|said|says|believe|believed|believes|want|wanted|wants|argued|argues|claimed|claims|proposed|proposes|suggested|suggests|insisted|insists|voted|decided|agreed|told \w+)\b(?:\s+that)?[^.;:!?]*$/u;
const MODAL = /^(?:should|ought to|must)$/iu;

function matchAll(kind: CueKind, re: RegExp, s: string): Cue[] {
  const out: Cue[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    out.push({ kind, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

const overlaps = (a: Cue, b: Cue) => a.start < b.end && b.start < a.end;

// Between the numbers of a list of ages (", ", " and ", ", or ", " to ", "-"): each text between
// two numbers is read one way only — a comma only with a space after it, so that "1,234" is a
// number and not 1 and 234, and each space taken by one part of the pattern — and at most 8 of
// them: read several ways, a list of 40 numbers such as "1,234, 1,234, …" took exponential time.
const AGE_LIST_SEPARATOR = '(?:\\s*,\\s+(?:(?:and|or)\\s+)?|\\s+(?:and|or)\\s+|\\s*(?:to|-|–)\\s*)';
/**
 * Ages are not figures to check: "my 12-year-old", "my kids are 7 and 9 years old", "children aged 5 to 11", "when I was 17".
 * Numbers inside them are left out of the numeric cues.
 */
const AGE = new RegExp(`\\b(?:${NUM})(?:${AGE_LIST_SEPARATOR}(?:${NUM})){0,8}[\\s-]+(?:years?|months?)[\\s-]+olds?\\b|\\b(?:aged?|ages)\\s+(?:${NUM})(?:\\s*(?:and|to|or|-|–)\\s*(?:${NUM}))?\\b|\\bwhen (?:I|he|she|we|they|you) (?:was|were) (?:${NUM})\\b`, 'gu');

/** Whether the sentence holds an ASCII digit (what \d matches). */
function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

function numericCues(s: string, everyPattern: boolean): Cue[] {
  const digits = everyPattern || hasDigit(s);
  const taken: Cue[] = digits ? matchAll('figure', AGE, s) : []; // placeholders, dropped below (every age holds a digit)
  const ages = taken.length;
  for (const [kind, re, needsDigit] of NUMERIC) {
    if (needsDigit && !digits) continue;
    for (const c of matchAll(kind, re, s)) if (!taken.some((t) => overlaps(t, c))) taken.push(c);
  }
  return taken.slice(ages);
}

/** Direct quotations: curly and straight double quotes, and single quotes that are not apostrophes. */
const QUOTATIONS: ReadonlyArray<[RegExp, (s: string) => boolean]> = [
  [/“[^“”]+”/gu, (s) => s.includes('“')],
  [/(?<=^|[\s(\[{—–-])"[^"]+"/gu, (s) => s.includes('"')],
  [/(?<=^|[\s(\[{—–“"-])[‘'][^‘’'\n]+[’'](?!\p{L})/gu, (s) => s.includes("'") || s.includes('‘')],
];

/** Each pattern with the character every match opens with, so that a sentence without it need not be searched. */
function quotationCues(s: string, everyPattern: boolean): Cue[] {
  const out: Cue[] = [];
  for (const [re, possible] of QUOTATIONS) {
    if (!everyPattern && !possible(s)) continue;
    for (const c of matchAll('quotation', re, s)) if (!out.some((o) => overlaps(o, c))) out.push(c);
  }
  return out;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}’'.-]*/gu;
const TRAILING = /[’']s$|[.’'-]+$/u;
const UPPER_START = /^\p{Lu}/u;
const PARTICLE_START = /^(?:al|el|bin|ibn|van|von|de|da)-\p{Lu}/u;
const SPACES = /^\s+$/u;

/** Starts with a capital, or is a name particle joined to one ("al-Assad"). ASCII first: this runs once a word. */
function capitalised(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c >= 0x80) return UPPER_START.test(w) || PARTICLE_START.test(w);
  return (c === 0x61 || c === 0x62 || c === 0x64 || c === 0x65 || c === 0x69 || c === 0x76) && w.includes('-') && PARTICLE_START.test(w);
}

/** Names, found by capitalisation: runs of capitalised words, "of" and particles such as "al-". */
function entityCues(s: string): Cue[] {
  const words: Array<{ start: number; end: number; text: string }> = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(s); m; m = WORD.exec(s)) {
    let text = m[0];
    // A possessive or trailing punctuation is not part of the name ("Iran's", "U.S.-").
    const last = text.charCodeAt(text.length - 1);
    const before = text.charCodeAt(text.length - 2);
    if (last === 0x2019 || last === 0x27 || last === 0x2e || last === 0x2d || (last === 0x73 && (before === 0x2019 || before === 0x27))) text = text.replace(TRAILING, '');
    words.push({ start: m.index, end: m.index + text.length, text });
  }
  const out: Cue[] = [];
  let run: typeof words = [];
  const close = () => {
    if (!run.length) return;
    while (run.length && run[run.length - 1].text === 'of') run.pop();
    // The first word of a sentence is capitalised anyway: alone, it says nothing.
    if (run.length && run[0].start === words[0].start && (run.length === 1 || COMMON_CAPITALISED.has(run[0].text))) run.shift();
    while (run.length && COMMON_CAPITALISED.has(run[0].text)) run.shift();
    if (run.length && !(run.length === 1 && COMMON_CAPITALISED.has(run[0].text))) {
      const start = run[0].start;
      const end = run[run.length - 1].end;
      out.push({ kind: 'entity', start, end, text: s.slice(start, end) });
    }
    run = [];
  };
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (run.length) {
      const from = run[run.length - 1].end;
      // A possessive or punctuation ends a name; one plain space (the common case) is read without a slice.
      if (!(w.start === from + 1 && s.charCodeAt(from) === 0x20) && !SPACES.test(s.slice(from, w.start))) close();
    }
    if (capitalised(w.text) && !CONTRACTION.test(w.text) && w.text !== 'I') run.push(w);
    else if (w.text === 'of' && run.length) run.push(w);
    else close();
  }
  close();
  return out;
}

/**
 * All cues of a sentence, ordered by position. Patterns that cannot match (a figure pattern in
 * a sentence without a digit, a quotation without its quote mark) are skipped; `everyPattern`
 * tries them all anyway, which must give the same cues (the tests' reference does).
 */
export function findCues(sentence: string, everyPattern = false): Cue[] {
  const cues: Cue[] = [
    ...numericCues(sentence, everyPattern),
    ...quotationCues(sentence, everyPattern),
    ...matchAll('attribution', ATTRIBUTION, sentence),
    ...matchAll('comparison', COMPARISON, sentence),
    ...entityCues(sentence),
    ...matchAll('opinion', OPINION, sentence).filter((c) => !(MODAL.test(c.text) && REPORTED.test(sentence.slice(0, c.start)))),
    ...matchAll('hedge', HEDGE, sentence),
  ];
  const trimmed = sentence.trimEnd();
  if (/\?["'”’)]*$/u.test(trimmed)) cues.push({ kind: 'question', start: trimmed.length - 1, end: trimmed.length, text: '?' });
  const imperative = IMPERATIVE.exec(sentence);
  if (imperative) cues.push({ kind: 'imperative', start: 0, end: imperative[0].length, text: imperative[0] });
  return cues.sort((a, b) => a.start - b.start || b.end - a.end);
}
