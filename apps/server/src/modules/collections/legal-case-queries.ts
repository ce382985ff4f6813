/** Reading legal cases: the legal list (paged, filtered, sorted; in the caller's case scope), one with its history. */
import { and, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import type { Queryable, Tx } from '../../platform/db/open.ts'
import type { Page } from '../../platform/http/schemas.ts'
import { LEGAL_STATUSES } from './domain/legal-process.ts'
import { findLegalCase, legalCaseDto } from './legal-cases.ts'
import { collectionCases } from './schema.ts'
import { caseScope } from './scope.ts'
import { collectionLegalCases, collectionLegalEvents } from './strategy-schema.ts'

export type ListLegalOptions = {
  page: number
  pageSize: number
  order: 'asc' | 'desc'
  sort?: 'escalatedOn' | 'updatedAt' | 'feesTotal' | 'claimAmount'
  status?: 'open' | 'escalated' | 'lawyer_assigned' | 'filed' | 'judgment' | 'enforcement' | 'closed'
  q?: string
}

export async function listLegalCases(
  tx: Tx,
  p: StaffPrincipal,
  o: ListLegalOptions,
): Promise<Page<ReturnType<typeof legalCaseDto>>> {
  const like = o.q ? `${o.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null
  const where = and(
    caseScope(p),
    o.status === 'open'
      ? inArray(collectionLegalCases.status, ['escalated', 'lawyer_assigned', 'filed', 'judgment', 'enforcement'])
      : o.status
        ? eq(collectionLegalCases.status, o.status)
        : undefined,
    like
      ? or(
          ilike(collectionLegalCases.loanNo, like),
          ilike(collectionLegalCases.borrowerName, like),
          ilike(collectionLegalCases.docketNo, like),
        )
      : undefined,
  )
  const col = {
    escalatedOn: collectionLegalCases.escalatedOn,
    updatedAt: collectionLegalCases.updatedAt,
    feesTotal: collectionLegalCases.feesTotal,
    claimAmount: collectionLegalCases.claimAmount,
  }[o.sort ?? 'updatedAt']
  const [{ total } = { total: 0 }] = await tx
    .select({ total: count() })
    .from(collectionLegalCases)
    .innerJoin(collectionCases, eq(collectionCases.id, collectionLegalCases.caseId))
    .where(where)
  const rows = await tx
    .select({ l: collectionLegalCases })
    .from(collectionLegalCases)
    .innerJoin(collectionCases, eq(collectionCases.id, collectionLegalCases.caseId))
    .where(where)
    .orderBy(o.order === 'asc' ? asc(col) : desc(col), asc(collectionLegalCases.id))
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize)
  return { items: rows.map((r) => legalCaseDto(r.l)), total: Number(total), page: o.page, pageSize: o.pageSize }
}

async function eventsOf(tx: Queryable, legalCaseId: string) {
  const rows = await tx
    .select({
      e: collectionLegalEvents,
      by: sql<string | null>`(select display_name from users u where u.id = ${collectionLegalEvents.createdBy})`,
    })
    .from(collectionLegalEvents)
    .where(eq(collectionLegalEvents.legalCaseId, legalCaseId))
    .orderBy(asc(collectionLegalEvents.createdAt), asc(collectionLegalEvents.id))
  // steps recorded in one transaction share a timestamp: the lifecycle order breaks the tie
  const rank = (e: typeof collectionLegalEvents.$inferSelect) =>
    e.kind === 'status' ? LEGAL_STATUSES.indexOf(e.toStatus as (typeof LEGAL_STATUSES)[number]) : LEGAL_STATUSES.length
  const ordered = [...rows].sort(
    (a, b) =>
      a.e.eventDate.localeCompare(b.e.eventDate) ||
      a.e.createdAt.getTime() - b.e.createdAt.getTime() ||
      rank(a.e) - rank(b.e),
  )
  return ordered.map(({ e, by }) => ({
    id: e.id,
    kind: e.kind,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    eventDate: e.eventDate,
    feeKind: e.feeKind,
    amount: e.amount,
    notes: e.notes,
    documents: e.documents,
    createdBy: by,
    createdAt: e.createdAt.toISOString(),
  }))
}

export async function getLegalCase(tx: Tx, p: StaffPrincipal, id: string) {
  const l = await findLegalCase(tx, p, id)
  return { ...legalCaseDto(l), events: await eventsOf(tx, l.id) }
}

/** The legal cases of one collection case (its detail page), newest first, each with its history. */
export async function legalCasesOfCase(tx: Queryable, caseId: string) {
  const rows = await tx
    .select()
    .from(collectionLegalCases)
    .where(eq(collectionLegalCases.caseId, caseId))
    .orderBy(desc(collectionLegalCases.createdAt))
  return Promise.all(rows.map(async (l) => ({ ...legalCaseDto(l), events: await eventsOf(tx, l.id) })))
}
