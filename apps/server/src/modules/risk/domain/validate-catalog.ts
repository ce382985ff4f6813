/**
 * Checks of the indicator catalog itself: the things that would make any rule over it ill-defined,
 * above all a cycle between derived indicators (A computed from B computed from A can never resolve).
 */
import type { TIndicatorDefinition } from './model.ts'
import { problem, type TProblem } from './problems.ts'

export type TDerivedIndicator = { code: string; dependsOn?: readonly string[] | undefined }

/**
 * Every cycle among derived indicators, each listed once as a closed path (`['a', 'b', 'a']`). Edges
 * to indicators outside the list are ignored: those are plain inputs and cannot close a cycle.
 */
export function detectDerivedCycles(derived: readonly TDerivedIndicator[]): string[][] {
  const edges = new Map(derived.map((d) => [d.code, d.dependsOn ?? []]))
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const cycles = new Map<string, string[]>()

  const visit = (code: string): void => {
    state.set(code, 'open')
    stack.push(code)
    for (const next of edges.get(code) ?? []) {
      if (!edges.has(next)) continue
      const seen = state.get(next)
      if (seen === 'open') {
        const cycle = stack.slice(stack.indexOf(next))
        const key = canonicalKey(cycle)
        if (!cycles.has(key)) cycles.set(key, [...cycle, next])
      } else if (seen === undefined) {
        visit(next)
      }
    }
    stack.pop()
    state.set(code, 'done')
  }
  for (const code of edges.keys()) if (!state.has(code)) visit(code)
  return [...cycles.values()]
}

/** The same cycle found from another entry point is a rotation; key it by its smallest member first. */
function canonicalKey(cycle: readonly string[]): string {
  let start = 0
  cycle.forEach((code, i) => {
    if (code < (cycle[start] as string)) start = i
  })
  return [...cycle.slice(start), ...cycle.slice(0, start)].join('>')
}

export function validateIndicatorCatalog(catalog: readonly TIndicatorDefinition[]): TProblem[] {
  const problems: TProblem[] = []
  const codes = new Set(catalog.map((indicator) => indicator.code))
  const seen = new Set<string>()
  catalog.forEach((indicator, index) => {
    const path = ['indicators', index]
    if (seen.has(indicator.code))
      problems.push(problem([...path, 'code'], 'indicator_duplicate', { code: indicator.code }))
    seen.add(indicator.code)
    if (indicator.type === 'enum' && (indicator.enumValues ?? []).length === 0) {
      problems.push(problem([...path, 'enumValues'], 'enum_values_missing', { indicator: indicator.code }))
    }
    const dependsOn = indicator.dependsOn ?? []
    if (dependsOn.length > 0 && indicator.sourceKind !== 'derived') {
      problems.push(problem([...path, 'dependsOn'], 'depends_on_not_derived', { indicator: indicator.code }))
    }
    dependsOn.forEach((dependency, i) => {
      if (!codes.has(dependency)) {
        problems.push(
          problem([...path, 'dependsOn', i], 'dependency_unknown', { indicator: indicator.code, dependency }),
        )
      }
    })
  })
  const derived = catalog.filter((indicator) => indicator.sourceKind === 'derived')
  for (const cycle of detectDerivedCycles(derived)) {
    const index = catalog.findIndex((indicator) => indicator.code === cycle[0])
    problems.push(problem(['indicators', index, 'dependsOn'], 'derived_cycle', { cycle: cycle.join(' → ') }))
  }
  return problems
}
