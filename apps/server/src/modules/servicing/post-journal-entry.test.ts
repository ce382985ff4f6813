import { describe, expect, it } from 'vitest'
import type { Tx } from '../../platform/db/open.ts'
import { ACCOUNTS } from './accounts.ts'
import { normaliseLines, postJournalEntry, UnbalancedEntryError } from './post-journal-entry.ts'

const untouchable = new Proxy(
  {},
  {
    get: () => () => {
      throw new Error('must not write')
    },
  },
) as unknown as Tx
const base = { institutionId: 'i', entryDate: '2026-09-01', eventType: 'test', eventId: 'e1' }

describe('postJournalEntry', () => {
  it('refuses an unbalanced entry before writing anything', async () => {
    await expect(
      postJournalEntry(untouchable, {
        ...base,
        lines: [
          { account: ACCOUNTS.cash, debit: '100.00' },
          { account: ACCOUNTS.principal, credit: '99.99' },
        ],
      }),
    ).rejects.toBeInstanceOf(UnbalancedEntryError)
  })

  it('books nothing when every line is zero', async () => {
    expect(
      await postJournalEntry(untouchable, { ...base, lines: [{ account: ACCOUNTS.cash, debit: '0.00' }] }),
    ).toBeNull()
  })

  it('refuses negative amounts, fractions of a cent and unknown accounts', () => {
    expect(() => normaliseLines([{ account: ACCOUNTS.cash, debit: '-1.00' }])).toThrow(UnbalancedEntryError)
    expect(() => normaliseLines([{ account: ACCOUNTS.cash, debit: '1.001' }])).toThrow(UnbalancedEntryError)
    expect(() => normaliseLines([{ account: '9999' as never, debit: '1.00' }])).toThrow(UnbalancedEntryError)
  })
})
