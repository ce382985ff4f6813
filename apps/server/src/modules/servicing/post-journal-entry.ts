/**
 * Posts one balanced double-entry journal entry. Every money event of the servicing module (and the
 * daily close's accruals) books through here: one entry per business event, one side per line,
 * positive amounts, debits equal to credits — checked before anything is written.
 */

import { sql } from 'drizzle-orm'
import type { IsoDate } from '../../platform/dates.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import { type Decimal, dec, formatAmount, ZERO } from '../../platform/money.ts'
import { type AccountCode, isKnownAccount } from './accounts.ts'

export type JournalLine =
  | { account: AccountCode; debit: Decimal | string }
  | { account: AccountCode; credit: Decimal | string }

export type PostJournalEntryOptions = {
  institutionId: string
  entryDate: IsoDate
  /** disbursement | repayment | reversal | waiver | write_off | recovery | refund | interest_accrual | … */
  eventType: string
  /** the business event's id; (eventType, eventId) is unique, so an event is never booked twice */
  eventId: string
  loanId?: string | null
  description?: string
  lines: JournalLine[]
}

export class UnbalancedEntryError extends Error {}

/** Drops zero lines and nets nothing: callers pass what they mean to book. */
export function normaliseLines(lines: JournalLine[]) {
  const out: { accountCode: AccountCode; debit: Decimal; credit: Decimal }[] = []
  for (const line of lines) {
    if (!isKnownAccount(line.account)) throw new UnbalancedEntryError(`unknown account ${line.account}`)
    const isDebit = 'debit' in line
    const amount = dec(isDebit ? line.debit : line.credit)
    if (amount.isNegative()) throw new UnbalancedEntryError(`negative amount on ${line.account}`)
    if (amount.decimalPlaces() > 2) throw new UnbalancedEntryError(`fraction of a cent on ${line.account}`)
    if (amount.isZero()) continue
    out.push({ accountCode: line.account, debit: isDebit ? amount : ZERO, credit: isDebit ? ZERO : amount })
  }
  return out
}

/** Returns the entry id, or null when every line was zero (nothing to book). */
export async function postJournalEntry(tx: Tx, o: PostJournalEntryOptions): Promise<string | null> {
  const lines = normaliseLines(o.lines)
  if (lines.length === 0) return null
  const debits = lines.reduce((t, l) => t.plus(l.debit), ZERO)
  const credits = lines.reduce((t, l) => t.plus(l.credit), ZERO)
  if (!debits.equals(credits))
    throw new UnbalancedEntryError(`unbalanced entry ${o.eventType}/${o.eventId}: ${debits} ≠ ${credits}`)
  // one round trip: the entry and its lines in a single statement
  const rows = JSON.stringify(
    lines.map((l) => ({ code: l.accountCode, debit: formatAmount(l.debit), credit: formatAmount(l.credit) })),
  )
  const [entry] = await queryRows<{ id: string }>(
    tx,
    sql`with e as (
        insert into journal_entries (institution_id, entry_date, event_type, event_id, loan_id, description)
        values (${o.institutionId}, ${o.entryDate}, ${o.eventType}, ${o.eventId}, ${o.loanId ?? null}, ${o.description ?? null})
        returning id),
      l as (
        insert into journal_lines (institution_id, entry_id, account_code, debit, credit, loan_id)
        select ${o.institutionId}, e.id, v.code, v.debit::numeric, v.credit::numeric, ${o.loanId ?? null}::uuid
        from e, jsonb_to_recordset(${rows}::jsonb) as v(code text, debit text, credit text))
      select id from e`,
  )
  return entry!.id
}
