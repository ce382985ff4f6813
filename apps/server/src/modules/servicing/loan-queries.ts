/** Reading loans, their schedule, transactions and journal within the caller's scope. */
import { and, asc, count, desc, eq, gte, ilike, inArray, lte, or, type SQL, sql } from 'drizzle-orm'
import { type StaffPrincipal, scopeCondition } from '../../platform/access/principal.ts'
import { type IsoDate, todayUtc } from '../../platform/dates.ts'
import type { Queryable } from '../../platform/db/open.ts'
import { events } from '../../platform/db/schema.ts'
import { notFound } from '../../platform/errors.ts'
import { orderBy, type Page } from '../../platform/http/schemas.ts'
import { dec } from '../../platform/money.ts'
import { glAccounts, installments, journalEntries, journalLines, loans, loanTransactions, products } from './schema.ts'

export type LoanRow = typeof loans.$inferSelect
export type InstallmentRow = typeof installments.$inferSelect
export type LoanTransactionRow = typeof loanTransactions.$inferSelect

export const loanScope = (p: StaffPrincipal) => scopeCondition(p, { institution: loans.institutionId })

export type LoanDto = Omit<LoanRow, 'createdAt' | 'updatedAt' | 'annualRate' | 'penaltyRate' | 'apr'> & {
  productName: string | null
  annualRatePercent: string
  penaltyRatePercent: string
  aprPercent: string | null
  createdAt: string
  updatedAt: string
}

const pct = (v: string | null) => (v === null ? null : dec(v).times(100).toDecimalPlaces(4).toString())

export function loanDto(row: LoanRow, productName: string | null = null): LoanDto {
  const { annualRate, penaltyRate, apr, createdAt, updatedAt, ...rest } = row
  return {
    ...rest,
    productName,
    annualRatePercent: pct(annualRate)!,
    penaltyRatePercent: pct(penaltyRate)!,
    aprPercent: pct(apr),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  }
}

export type LoanDetailDto = LoanDto & { schedule: InstallmentRow[] }

export type ListLoansOptions = {
  page: number
  pageSize: number
  sort?: 'loanNo' | 'createdAt' | 'principal' | 'dpd' | 'principalOutstanding' | 'disbursedOn'
  order: 'asc' | 'desc'
  q?: string
  status?: string
  dpdMin?: number
  dpdMax?: number
  productId?: string
  institutionId?: string
  customerId?: string
}

const SORT = {
  loanNo: loans.loanNo,
  createdAt: loans.createdAt,
  principal: loans.principal,
  dpd: loans.dpd,
  principalOutstanding: loans.principalOutstanding,
  disbursedOn: loans.disbursedOn,
}

export async function listLoans(tx: Queryable, p: StaffPrincipal, o: ListLoansOptions): Promise<Page<LoanDto>> {
  const conds: (SQL | undefined)[] = [loanScope(p)]
  if (o.q) {
    const like = `%${o.q.replace(/[%_\\]/g, '\\$&')}%`
    conds.push(or(eq(loans.loanNo, o.q), ilike(loans.loanNo, like), ilike(loans.borrowerName, like)))
  }
  if (o.status) conds.push(eq(loans.status, o.status))
  if (o.dpdMin !== undefined) conds.push(gte(loans.dpd, o.dpdMin))
  if (o.dpdMax !== undefined) conds.push(lte(loans.dpd, o.dpdMax))
  if (o.productId) conds.push(eq(loans.productId, o.productId))
  if (o.institutionId) conds.push(eq(loans.institutionId, o.institutionId))
  if (o.customerId) conds.push(eq(loans.customerId, o.customerId))
  const where = and(...conds)
  const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(loans).where(where)
  const rows = await tx
    .select({ loan: loans, productName: products.name })
    .from(loans)
    .leftJoin(products, eq(products.id, loans.productId))
    .where(where)
    .orderBy(orderBy(SORT[o.sort ?? 'createdAt'], o.order), loans.id)
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize)
  return {
    items: rows.map((r) => loanDto(r.loan, r.productName)),
    total: Number(total),
    page: o.page,
    pageSize: o.pageSize,
  }
}

export async function findLoan(tx: Queryable, p: StaffPrincipal, id: string): Promise<LoanRow> {
  const [row] = await tx
    .select()
    .from(loans)
    .where(and(eq(loans.id, id), loanScope(p)))
  if (!row) throw notFound()
  return row
}

/** The loan row locked for a change (serialises every command on one loan), or 404. */
export async function lockLoan(tx: Queryable, p: StaffPrincipal | null, id: string): Promise<LoanRow> {
  const [row] = await tx
    .select()
    .from(loans)
    .where(and(eq(loans.id, id), p ? loanScope(p) : undefined))
    .for('update')
  if (!row) throw notFound()
  return row
}

/**
 * Locks the loan and reads its institution's business date in the same round trip: every money
 * command needs both, and the lock is what orders concurrent commands on one loan.
 */
export async function lockLoanOnBusinessDate(
  tx: Queryable,
  p: StaffPrincipal,
  id: string,
): Promise<{ loan: LoanRow; businessDate: IsoDate }> {
  const [row] = await tx
    .select({
      loan: loans,
      businessDate: sql<
        string | null
      >`(select b.business_date::text from business_dates b where b.institution_id = "loans"."institution_id")`,
    })
    .from(loans)
    .where(and(eq(loans.id, id), loanScope(p)))
    .for('update', { of: loans })
  if (!row) throw notFound()
  return { loan: row.loan, businessDate: row.businessDate ?? todayUtc() }
}

export async function loadSchedule(tx: Queryable, loanId: string): Promise<InstallmentRow[]> {
  return tx.select().from(installments).where(eq(installments.loanId, loanId)).orderBy(asc(installments.number))
}

export async function getLoan(tx: Queryable, p: StaffPrincipal, id: string): Promise<LoanDetailDto> {
  const loan = await findLoan(tx, p, id)
  const [product] = await tx.select({ name: products.name }).from(products).where(eq(products.id, loan.productId))
  return { ...loanDto(loan, product?.name ?? null), schedule: await loadSchedule(tx, id) }
}

export type LoanTransactionDto = Omit<LoanTransactionRow, 'createdAt'> & { createdAt: string }

export async function listLoanTransactions(
  tx: Queryable,
  p: StaffPrincipal,
  id: string,
): Promise<LoanTransactionDto[]> {
  await findLoan(tx, p, id)
  const rows = await tx
    .select()
    .from(loanTransactions)
    .where(eq(loanTransactions.loanId, id))
    .orderBy(asc(loanTransactions.valueDate), asc(loanTransactions.createdAt))
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))
}

export type JournalEntryDto = {
  id: string
  entryDate: string
  eventType: string
  eventId: string
  description: string | null
  createdAt: string
  lines: { accountCode: string; accountName: string | null; debit: string; credit: string }[]
}

export async function getLoanJournal(tx: Queryable, p: StaffPrincipal, id: string): Promise<JournalEntryDto[]> {
  const loan = await findLoan(tx, p, id)
  // entries are found through their lines: a daily-close entry may carry lines of many loans
  const lines = await tx
    .select({ line: journalLines, accountName: glAccounts.name })
    .from(journalLines)
    .leftJoin(
      glAccounts,
      and(eq(glAccounts.institutionId, journalLines.institutionId), eq(glAccounts.code, journalLines.accountCode)),
    )
    .where(eq(journalLines.loanId, id))
    .orderBy(asc(journalLines.id))
  const entryIds = [...new Set(lines.map((l) => l.line.entryId))]
  if (entryIds.length === 0) return []
  const entries = await tx
    .select()
    .from(journalEntries)
    .where(and(eq(journalEntries.institutionId, loan.institutionId), inArray(journalEntries.id, entryIds)))
    .orderBy(asc(journalEntries.entryDate), asc(journalEntries.createdAt), asc(journalEntries.id))
  return entries.map((e) => ({
    id: e.id,
    entryDate: e.entryDate,
    eventType: e.eventType,
    eventId: e.eventId,
    description: e.description,
    createdAt: e.createdAt.toISOString(),
    lines: lines
      .filter((l) => l.line.entryId === e.id)
      .map((l) => ({
        accountCode: l.line.accountCode,
        accountName: l.accountName,
        debit: l.line.debit,
        credit: l.line.credit,
      })),
  }))
}

export type LoanEventDto = {
  id: number
  topic: string
  businessDate: string | null
  payload: unknown
  createdAt: string
}

/** The business events of one loan (disbursed, repayment posted, overdue, DPD changed, settled …), newest first. */
export async function listLoanEvents(tx: Queryable, p: StaffPrincipal, id: string): Promise<LoanEventDto[]> {
  await findLoan(tx, p, id)
  const rows = await tx
    .select()
    .from(events)
    .where(and(eq(events.aggregateType, 'loan'), eq(events.aggregateId, id)))
    .orderBy(desc(events.id))
    .limit(500)
  return rows.map((r) => ({
    id: Number(r.id),
    topic: r.topic,
    businessDate: r.businessDate,
    payload: r.payload,
    createdAt: r.createdAt.toISOString(),
  }))
}
