/**
 * Rule numbering inside rule-set versions: a rule keeps its version while it is unchanged from the
 * version the draft was based on, and goes up by one when it changes (reports name the version that ran).
 */
import type { TRule } from './domain/index.ts'

const withoutVersion = ({ version: _v, ...rest }: TRule) => JSON.stringify(rest)

export function numberRules(rules: readonly TRule[], base: readonly TRule[]): TRule[] {
  const before = new Map(base.map((rule) => [rule.id, rule]))
  return rules.map((rule) => {
    const previous = before.get(rule.id)
    if (!previous) return { ...rule, version: 1 }
    const same =
      withoutVersion({ ...rule, version: 0 } as TRule) === withoutVersion({ ...previous, version: 0 } as TRule)
    return { ...rule, version: same ? previous.version : previous.version + 1 }
  })
}
