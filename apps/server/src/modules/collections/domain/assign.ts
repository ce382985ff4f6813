/**
 * Automatic assignment (自动分案) as a pure plan: which collector gets which unassigned case of a
 * pool. Round-robin continues from a stored cursor; by-load gives each case to the collector with
 * the fewest open cases. Paused collectors get nothing; nobody goes beyond their cap.
 */

export type CollectorLoad = { userId: string; load: number; cap: number | null; paused: boolean }
export type AssignStrategy = 'round_robin' | 'by_load'
export type AssignPlan = { assignments: { caseId: string; userId: string }[]; cursor: number }

export function planAssignment(
  caseIds: readonly string[],
  collectors: readonly CollectorLoad[],
  strategy: AssignStrategy,
  poolCap: number | null,
  cursor = 0,
): AssignPlan {
  const pool = collectors
    .filter((c) => !c.paused)
    .map((c) => ({ ...c, cap: minCap(c.cap, poolCap) }))
    .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
  const assignments: { caseId: string; userId: string }[] = []
  if (pool.length === 0) return { assignments, cursor }
  const hasRoom = (c: (typeof pool)[number]) => c.cap === null || c.load < c.cap
  let next = ((cursor % pool.length) + pool.length) % pool.length
  for (const caseId of caseIds) {
    let chosen: (typeof pool)[number] | undefined
    if (strategy === 'by_load') {
      for (const c of pool) if (hasRoom(c) && (!chosen || c.load < chosen.load)) chosen = c
    } else {
      for (let k = 0; k < pool.length; k++) {
        const c = pool[(next + k) % pool.length]!
        if (hasRoom(c)) {
          chosen = c
          next = (next + k + 1) % pool.length
          break
        }
      }
    }
    if (!chosen) break
    chosen.load++
    assignments.push({ caseId, userId: chosen.userId })
  }
  return { assignments, cursor: next }
}

function minCap(a: number | null, b: number | null): number | null {
  if (a === null) return b
  if (b === null) return a
  return Math.min(a, b)
}
