/**
 * Automatic assignment (自动分单): among eligible (online, in the pool's group, holding the pool's
 * position) reviewers below the cap, either round-robin after the last one served or the least loaded.
 */
export type Candidate = { id: string; open: number }
export type AutoMode = 'manual' | 'round_robin' | 'least_loaded'

export function pickReviewer(
  mode: AutoMode,
  candidates: readonly Candidate[],
  cap: number,
  lastAssigneeId: string | null,
): Candidate | null {
  const open = [...candidates].filter((c) => c.open < cap).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  if (open.length === 0 || mode === 'manual') return null
  if (mode === 'least_loaded') return open.reduce((best, c) => (c.open < best.open ? c : best))
  const all = [...candidates].sort((a, b) => (a.id < b.id ? -1 : 1))
  const lastIndex = lastAssigneeId ? all.findIndex((c) => c.id === lastAssigneeId) : -1
  for (let i = 1; i <= all.length; i++) {
    const c = all[(lastIndex + i + all.length) % all.length]!
    if (c.open < cap) return c
  }
  return null
}

/** Distributes `orders` one by one, updating loads as it goes (batch automatic assignment). */
export function planAssignments(
  mode: AutoMode,
  orders: readonly string[],
  candidates: readonly Candidate[],
  cap: number,
  lastAssigneeId: string | null,
): { orderId: string; reviewerId: string }[] {
  const loads = candidates.map((c) => ({ ...c }))
  const plan: { orderId: string; reviewerId: string }[] = []
  let last = lastAssigneeId
  for (const orderId of orders) {
    const c = pickReviewer(mode, loads, cap, last)
    if (!c) break
    plan.push({ orderId, reviewerId: c.id })
    c.open += 1
    last = c.id
  }
  return plan
}

export type SlaState = 'ok' | 'warning' | 'overdue' | 'done'

/** Warning once less than a fifth of the allowed time is left. */
export function slaStateOf(createdAt: Date, dueAt: Date, completed: boolean, now: Date): SlaState {
  if (completed) return 'done'
  if (now.getTime() >= dueAt.getTime()) return 'overdue'
  const total = dueAt.getTime() - createdAt.getTime()
  return dueAt.getTime() - now.getTime() < total / 5 ? 'warning' : 'ok'
}

export type HandledOrder = {
  reviewerId: string
  reviewerName: string
  day: string
  minutes: number
  result: 'approved' | 'rejected'
}
export type EfficiencyRow = {
  day: string
  reviewerId: string | null
  reviewerName: string
  count: number
  minMinutes: number
  maxMinutes: number
  avgMinutes: number
  approved: number
  rejected: number
}

/** Efficiency per reviewer per day, plus a total row per day (reviewerId null). */
export function efficiency(orders: readonly HandledOrder[]): EfficiencyRow[] {
  const groups = new Map<string, HandledOrder[]>()
  for (const o of orders) {
    for (const key of [`${o.day}|${o.reviewerId}`, `${o.day}|`]) {
      const list = groups.get(key) ?? []
      list.push(o)
      groups.set(key, list)
    }
  }
  const rows: EfficiencyRow[] = []
  for (const [key, list] of groups) {
    const [day, reviewerId] = key.split('|') as [string, string]
    const minutes = list.map((o) => o.minutes)
    rows.push({
      day,
      reviewerId: reviewerId || null,
      reviewerName: reviewerId ? list[0]!.reviewerName : '合计 (total)',
      count: list.length,
      minMinutes: Math.min(...minutes),
      maxMinutes: Math.max(...minutes),
      avgMinutes: Math.round((minutes.reduce((a, b) => a + b, 0) / list.length) * 10) / 10,
      approved: list.filter((o) => o.result === 'approved').length,
      rejected: list.filter((o) => o.result === 'rejected').length,
    })
  }
  return rows.sort((a, b) =>
    a.day !== b.day
      ? a.day < b.day
        ? 1
        : -1
      : a.reviewerId === null
        ? 1
        : b.reviewerId === null
          ? -1
          : a.reviewerName.localeCompare(b.reviewerName),
  )
}

/** overdue / due, as a percentage with two decimals ("0.00" when nothing was due). */
export function overdueRate(overdue: number, due: number): string {
  return due === 0 ? '0.00' : ((overdue / due) * 100).toFixed(2)
}

/** RFC 4180 CSV with a BOM so that spreadsheet programs open Chinese text correctly. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v)
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
  }
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}
