/**
 * How an evaluation records which expressions matched without writing one array slot per expression:
 * a rule's runner returns one small integer — the outcome in the low two bits, then one bit per
 * expression. The integer stays a V8 small integer (31 bits), so recording allocates nothing. Rules
 * with more than `INLINE_MARKS` expressions (large scorecards) put the rest in extra words.
 */

// Ordered by severity, so that "most severe" is `max` and "mildest" is `min`.
export const PASS = 0
export const MANUAL = 1
export const REJECT = 2
export const OUTCOME_MASK = 3
const OUTCOME_BITS = 2

/** Expression bits per word; 2 + 28 bits keeps every code below 2^30. */
export const INLINE_MARKS = 28

/** The bit for expression `i` (< INLINE_MARKS) within a rule code. */
export const markBit = (i: number): number => 1 << (OUTCOME_BITS + i)

/** Sets the bit of expression `i` ≥ INLINE_MARKS in the rule's extra words (holes read as 0). */
export function markExtra(marks: number[], extraBase: number, i: number): void {
  const offset = i - INLINE_MARKS
  const word = extraBase + Math.floor(offset / INLINE_MARKS)
  marks[word] = (marks[word] ?? 0) | (1 << (offset % INLINE_MARKS))
}

export function extraWords(expressionCount: number): number {
  return Math.max(0, Math.ceil((expressionCount - INLINE_MARKS) / INLINE_MARKS))
}

export function isMarked(marks: readonly number[], ruleIndex: number, extraBase: number, i: number): boolean {
  if (i < INLINE_MARKS) return (((marks[ruleIndex] ?? 0) >> (OUTCOME_BITS + i)) & 1) === 1
  const offset = i - INLINE_MARKS
  return (((marks[extraBase + Math.floor(offset / INLINE_MARKS)] ?? 0) >> (offset % INLINE_MARKS)) & 1) === 1
}
