/**
 * Posts one balanced double-entry journal entry. Every money event of the servicing module (and the
 * daily close's accruals) books through here: one entry per business event, one side per line,
 * positive amounts, debits equal to credits — checked before anything is written.
 */
import type { IsoDate } from '../../platform/dates.ts'
import type { Tx } from '../../platform/db/open.ts'
import { type Decimal, dec, formatAmount, ZERO } from '../../platform/money.ts'
import { type AccountCode, isKnownAccount } from './accounts.ts'
import { journalEntries, journalLines } from './schema.ts'

export type JournalLine = { account: AccountCode; debit: Decimal | string } | { account: AccountCode; credit: Decimal | string }

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
  const [entry] = await tx
    .insert(journalEntries)
    .values({
      institutionId: o.institutionId,
      entryDate: o.entryDate,
      eventType: o.eventType,
      eventId: o.eventId,
      loanId: o.loanId ?? null,
      description: o.description ?? null,
    })
    .returning({ id: journalEntries.id })
  await tx.insert(journalLines).values(
    lines.map((l) => ({
      institutionId: o.institutionId,
      entryId: entry!.id,
      accountCode: l.accountCode,
      debit: formatAmount(l.debit),
      credit: formatAmount(l.credit),
      loanId: o.loanId ?? null,
    })),
  )
  return entry!.id
}
