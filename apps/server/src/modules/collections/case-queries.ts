/**
 * Reading cases within the caller's scope: pools and "my cases" (ordered by urgency), one case with
 * everything a collector needs (the overdue loan, the borrower masked, emergency contacts, address
 * book count, records, promises, stage and assignment history, contact flags).
 */

import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import type { Queryable, Tx } from '../../platform/db/open.ts'
import { notFound } from '../../platform/errors.ts'
import type { Page } from '../../platform/http/schemas.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { getCustomer } from '../customers/index.ts'
import { latestReportsOfCustomer, thirdPartyDataOfCustomer } from '../risk/index.ts'
import { getLoan, listLoanTransactions } from '../servicing/index.ts'
import { complaintsOfCase } from './complaints.ts'
import { legalActionsOfCase } from './legal.ts'
import { legalCasesOfCase } from './legal-case-queries.ts'
import {
  collectionAssignments,
  collectionCaseStages,
  collectionCases,
  collectionContactFlags,
  collectionPromises,
  collectionRecords,
} from './schema.ts'
import { caseScope } from './scope.ts'
import { strategyOfCase } from './strategy-queries.ts'

export type CaseRow = typeof collectionCases.$inferSelect

export type CaseDto = {
  id: string
  institutionId: string
  loanId: string
  loanNo: string
  customerId: string | null
  borrowerName: string
  status: string
  stageCode: string
  collectorId: string | null
  collectorName: string | null
  dpd: number
  overdueAmount: string
  brokenPromises: number
  lastContactAt: string | null
  openedOn: string
  stageEnteredOn: string
  assignedOn: string | null
  finishedOn: string | null
  finishReason: string | null
  strategyId: string | null
  segmentCode: string | null
  segmentPriority: number | null
}

const OPEN = ['unassigned', 'assigned']
const FINISHED = ['collected', 'closed']

function dto(r: CaseRow, collectorName: string | null): CaseDto {
  return {
    id: r.id,
    institutionId: r.institutionId,
    loanId: r.loanId,
    loanNo: r.loanNo,
    customerId: r.customerId,
    borrowerName: r.borrowerName,
    status: r.status,
    stageCode: r.stageCode,
    collectorId: r.collectorId,
    collectorName,
    dpd: r.dpd,
    overdueAmount: r.overdueAmount,
    brokenPromises: r.brokenPromises,
    lastContactAt: r.lastContactAt?.toISOString() ?? null,
    openedOn: r.openedOn,
    stageEnteredOn: r.stageEnteredOn,
    assignedOn: r.assignedOn,
    finishedOn: r.finishedOn,
    finishReason: r.finishReason,
    strategyId: r.strategyId,
    segmentCode: r.segmentCode,
    segmentPriority: r.segmentPriority,
  }
}

export type ListCasesOptions = {
  page: number
  pageSize: number
  order: 'asc' | 'desc'
  sort?: 'urgency' | 'dpd' | 'overdueAmount' | 'openedOn' | 'finishedOn'
  stage?: string
  status?: 'open' | 'finished' | 'unassigned' | 'assigned' | 'collected' | 'closed'
  collectorId?: string
  q?: string
  mine?: boolean
}

/**
 * Urgency: the strategy segment's priority first (1 = most urgent; cases without one after), then
 * later stage, larger amount, more broken promises, longest without contact.
 */
const URGENCY = [
  sql`${collectionCases.segmentPriority} asc nulls last`,
  desc(collectionCases.stageRank),
  desc(collectionCases.overdueAmount),
  desc(collectionCases.brokenPromises),
  sql`${collectionCases.lastContactAt} asc nulls first`,
  asc(collectionCases.id),
]

export async function listCases(tx: Queryable, p: StaffPrincipal, o: ListCasesOptions): Promise<Page<CaseDto>> {
  const status = o.status === 'open' ? OPEN : o.status === 'finished' ? FINISHED : o.status ? [o.status] : undefined
  const where = and(
    caseScope(p),
    o.mine ? eq(collectionCases.collectorId, p.userId) : undefined,
    status ? inArray(collectionCases.status, status) : undefined,
    o.stage ? eq(collectionCases.stageCode, o.stage) : undefined,
    o.collectorId ? eq(collectionCases.collectorId, o.collectorId) : undefined,
    o.q
      ? or(
          ilike(collectionCases.loanNo, `${escapeLike(o.q)}%`),
          ilike(collectionCases.borrowerName, `${escapeLike(o.q)}%`),
        )
      : undefined,
  )
  const dir = (c: Parameters<typeof asc>[0]) => (o.order === 'asc' ? asc(c) : desc(c))
  const orderBy: SQL[] =
    !o.sort || o.sort === 'urgency'
      ? URGENCY
      : [
          dir(
            {
              dpd: collectionCases.dpd,
              overdueAmount: collectionCases.overdueAmount,
              openedOn: collectionCases.openedOn,
              finishedOn: collectionCases.finishedOn,
            }[o.sort],
          ),
          asc(collectionCases.id),
        ]
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(collectionCases).where(where)
  const rows = await tx
    .select({
      c: collectionCases,
      collectorName: sql<string | null>`(select display_name from users u where u.id = ${collectionCases.collectorId})`,
    })
    .from(collectionCases)
    .where(where)
    .orderBy(...orderBy)
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize)
  return { items: rows.map((r) => dto(r.c, r.collectorName)), total: Number(total), page: o.page, pageSize: o.pageSize }
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`)
}

export async function findCase(tx: Queryable, p: StaffPrincipal, id: string, lock = false): Promise<CaseRow> {
  const q = tx
    .select()
    .from(collectionCases)
    .where(and(eq(collectionCases.id, id), caseScope(p)))
  const [row] = lock ? await q.for('update') : await q
  if (!row) throw notFound()
  return row
}

export async function getCase(tx: Tx, p: StaffPrincipal, pii: PiiCipher, id: string) {
  const c = await findCase(tx, p, id)
  // the case is the caller's right to see its loan and borrower (masked), whatever their own scope
  const viaCase: StaffPrincipal = {
    ...p,
    scope: p.scope === 'platform' ? 'platform' : 'institution',
    institutionId: c.institutionId,
  }
  const [collector] = c.collectorId
    ? await tx
        .execute(sql`select display_name from users where id = ${c.collectorId}::uuid`)
        .then((r) => (r as unknown as { rows: { display_name: string }[] }).rows)
    : []
  const loan = await getLoan(tx, viaCase, c.loanId)
  const transactions = await listLoanTransactions(tx, viaCase, c.loanId)
  let borrower = null
  if (c.customerId) {
    try {
      const cu = await getCustomer(tx, viaCase, pii, c.customerId)
      borrower = {
        id: cu.id,
        name: cu.name,
        idNumber: cu.idNumber,
        phone: cu.phone,
        address: cu.address,
        job: cu.job,
        contacts: cu.contacts,
        addressBook: cu.addressBook,
      }
    } catch {
      borrower = null
    }
  }
  const stages = await tx
    .select()
    .from(collectionCaseStages)
    .where(eq(collectionCaseStages.caseId, c.id))
    .orderBy(asc(collectionCaseStages.enteredOn), asc(collectionCaseStages.id))
  const assignments = await tx
    .select({
      a: collectionAssignments,
      collectorName: sql<
        string | null
      >`(select display_name from users u where u.id = ${collectionAssignments.collectorId})`,
    })
    .from(collectionAssignments)
    .where(eq(collectionAssignments.caseId, c.id))
    .orderBy(asc(collectionAssignments.createdAt))
  const records = await listRecordsOfLoan(tx, c.loanId, c.institutionId)
  const promises = await tx
    .select()
    .from(collectionPromises)
    .where(and(eq(collectionPromises.loanId, c.loanId), eq(collectionPromises.institutionId, c.institutionId)))
    .orderBy(desc(collectionPromises.createdAt))
  const flags = await tx
    .select()
    .from(collectionContactFlags)
    .where(eq(collectionContactFlags.customerId, c.customerId ?? c.loanId))
  const riskReports = c.customerId ? await latestReportsOfCustomer(tx, c.institutionId, c.customerId) : []
  const thirdPartyData = c.customerId ? await thirdPartyDataOfCustomer(tx, c.institutionId, c.customerId) : []
  const complaints = await complaintsOfCase(tx, c.id)
  const inst = loan.schedule.filter((i) => i.status !== 'paid' && i.dueDate <= (p.businessDate ?? i.dueDate))
  return {
    ...dto(c, collector?.display_name ?? null),
    loan: {
      id: loan.id,
      loanNo: loan.loanNo,
      productName: loan.productName,
      status: loan.status,
      principal: loan.principal,
      principalOutstanding: loan.principalOutstanding,
      penaltyOutstanding: loan.penaltyOutstanding,
      interestOutstanding: loan.interestOutstanding,
      feeOutstanding: loan.feeOutstanding,
      dpd: loan.dpd,
      overdueSince: loan.overdueSince,
      schedule: loan.schedule,
      installmentsDue: inst.length,
    },
    transactions: transactions.map((t) => ({
      id: t.id,
      type: t.type,
      valueDate: t.valueDate,
      amount: t.amount,
      channel: t.channel,
      reversed: t.reversedById !== null,
    })),
    borrower,
    riskReports,
    thirdPartyData,
    complaints,
    stages: stages.map((s) => ({
      stageCode: s.stageCode,
      enteredOn: s.enteredOn,
      leftOn: s.leftOn,
      dpdOnEntry: s.dpdOnEntry,
      collectorId: s.collectorId,
    })),
    assignments: assignments.map(({ a, collectorName }) => ({
      stageCode: a.stageCode,
      collectorId: a.collectorId,
      collectorName,
      previousCollectorId: a.previousCollectorId,
      kind: a.kind,
      businessDate: a.businessDate,
      createdAt: a.createdAt.toISOString(),
    })),
    records,
    promises: promises.map(promiseDto),
    legal: await legalActionsOfCase(tx, c.id),
    legalCases: await legalCasesOfCase(tx, c.id),
    strategy: await strategyOfCase(tx, c),
    contactFlags: flags.map((f) => ({
      contactKey: f.contactKey,
      flag: f.flag,
      reason: f.reason,
      createdAt: f.createdAt.toISOString(),
    })),
  }
}

export function promiseDto(p: typeof collectionPromises.$inferSelect) {
  return {
    id: p.id,
    caseId: p.caseId,
    loanId: p.loanId,
    recordId: p.recordId,
    collectorId: p.collectorId,
    amount: p.amount,
    promisedDate: p.promisedDate,
    madeOn: p.madeOn,
    status: p.status,
    paidAmount: p.paidAmount,
    resolvedOn: p.resolvedOn,
  }
}

/** Every collection record of the loan (earlier cases included), newest first. */
export async function listRecordsOfLoan(tx: Queryable, loanId: string, institutionId: string) {
  const rows = await tx
    .select({
      r: collectionRecords,
      collectorName: sql<
        string | null
      >`(select display_name from users u where u.id = ${collectionRecords.collectorId})`,
    })
    .from(collectionRecords)
    .where(and(eq(collectionRecords.loanId, loanId), eq(collectionRecords.institutionId, institutionId)))
    .orderBy(desc(collectionRecords.createdAt))
  return rows.map(({ r, collectorName }) => recordDto(r, collectorName))
}

export function recordDto(r: typeof collectionRecords.$inferSelect, collectorName: string | null = null) {
  return {
    id: r.id,
    caseId: r.caseId,
    collectorId: r.collectorId,
    collectorName,
    channel: r.channel,
    contact: r.contact,
    contactKey: r.contactKey,
    contactLabel: r.contactLabel,
    reached: r.reached,
    resultCode: r.resultCode,
    notes: r.notes,
    recordingRef: r.recordingRef,
    businessDate: r.businessDate,
    createdAt: r.createdAt.toISOString(),
  }
}
