/**
 * Daily close (日终/COB): DPD, overdue status, penalty, interest and fee recognition on hand-checked
 * loans (grace days, partial payments, month ends, rounding modes); events; balanced journal;
 * running a date twice changes nothing; catching up several days equals closing them one by one.
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCOUNTS } from '../../src/modules/servicing/accounts.ts'
import { processChunk } from '../../src/modules/servicing/cob/chunk.ts'
import { runCob } from '../../src/modules/servicing/cob/run-cob.ts'
import { type Database, queryRows, SYSTEM } from '../../src/platform/db/open.ts'
import { createTestPlatform, type TestPlatform } from '../harness.ts'
import {
  createCobInstitution,
  dumpInstitution,
  payInstallment,
  randomLoans,
  seedLoans,
  unbalancedEntries,
  uuidOf,
} from './cob-support.ts'

const A = uuidOf('loan:A')
const B = uuidOf('loan:B')
const C = uuidOf('loan:C')
const D = uuidOf('loan:D-half-even')
const E = uuidOf('loan:E-half-up')

let p: TestPlatform
let inst: string

type LoanRow = {
  status: string
  dpd: number
  overdue_since: string | null
  penalty_outstanding: string
  last_cob_date: string
}
type InstRow = { status: string; penalty_due: string; interest_recognized: string; fee_recognized: string }

async function loan(db: Database, id: string): Promise<LoanRow> {
  const [r] = await db.tx(SYSTEM, (tx) =>
    queryRows<LoanRow>(
      tx,
      sql`select status, dpd, overdue_since::text, penalty_outstanding::text, last_cob_date::text from loans where id = ${id}::uuid`,
    ),
  )
  return r!
}
async function inst1(db: Database, id: string, n: number): Promise<InstRow> {
  const [r] = await db.tx(SYSTEM, (tx) =>
    queryRows<InstRow>(
      tx,
      sql`select status, penalty_due::text, interest_recognized::text, fee_recognized::text from installments
        where loan_id = ${id}::uuid and number = ${n}::int`,
    ),
  )
  return r!
}
async function eventsOn(db: Database, date: string, loanId: string) {
  return db.tx(SYSTEM, (tx) =>
    queryRows<{ topic: string; payload: Record<string, unknown> }>(
      tx,
      sql`select topic, payload from events where aggregate_id = ${loanId} and business_date = ${date}::date order by id`,
    ),
  )
}
const to = (toDate: string) => runCob({ db: p.db, institutionId: inst, toDate, trigger: 'test' })

beforeAll(async () => {
  p = await createTestPlatform()
  inst = await createCobInstitution(p.db, 'cobhand', '2026-09-01')
  await seedLoans(p.db, inst, [
    {
      id: A,
      disbursedOn: '2026-09-01',
      installments: [
        { due: '2026-10-01', principal: '1000.00', interest: '30.00', fee: '5.00' },
        { due: '2026-11-01', principal: '1000.00', interest: '20.00', fee: '5.00' },
        { due: '2026-12-01', principal: '1000.00', interest: '10.00', fee: '5.00' },
      ],
    },
    {
      id: B,
      disbursedOn: '2026-09-01',
      graceDays: 3,
      penaltyBase: 'overdue_amount',
      penaltyRate: '0.073',
      installments: [
        { due: '2026-10-01', principal: '1000.00', interest: '30.00', fee: '5.00' },
        { due: '2026-11-01', principal: '1000.00', interest: '20.00', fee: '5.00' },
      ],
    },
    {
      id: C,
      disbursedOn: '2026-08-31',
      installments: [
        { due: '2026-09-30', principal: '500.00', interest: '15.00' },
        { due: '2026-10-31', principal: '500.00', interest: '7.50' },
      ],
    },
    {
      id: D,
      disbursedOn: '2026-09-01',
      rounding: 'half_even',
      installments: [{ due: '2026-09-05', principal: '100.00', interest: '0.10' }],
    },
    {
      id: E,
      disbursedOn: '2026-09-01',
      installments: [{ due: '2026-09-05', principal: '100.00', interest: '0.10' }],
    },
  ])
}, 120_000)
afterAll(() => p?.close())

describe('daily close on hand-checked loans', () => {
  it('accrues interest day by day, rounding per the product (half-up / half-even)', async () => {
    const days = await to('2026-09-02')
    expect(days.map((d) => d.businessDate)).toEqual(['2026-09-02'])
    expect((await inst1(p.db, A, 1)).interest_recognized).toBe('1.00') // 30.00 × 1/30
    expect((await inst1(p.db, C, 1)).interest_recognized).toBe('1.00') // 15.00 × 2/30 (disbursed 08-31)
    expect((await inst1(p.db, D, 1)).interest_recognized).toBe('0.02') // 0.10 × 1/4 = 0.025 → half-even
    expect((await inst1(p.db, E, 1)).interest_recognized).toBe('0.03') // → half-up
    expect((await loan(p.db, A)).last_cob_date).toBe('2026-09-02')
    await to('2026-09-03')
    expect((await inst1(p.db, D, 1)).interest_recognized).toBe('0.05')
    expect((await inst1(p.db, E, 1)).interest_recognized).toBe('0.05')
  })

  it('announces an installment 3 days before it is due, and on the due date', async () => {
    await to('2026-09-28')
    expect((await inst1(p.db, A, 1)).interest_recognized).toBe('27.00')
    const soon = await eventsOn(p.db, '2026-09-28', A)
    expect(soon.map((e) => e.topic)).toEqual(['loan.installment_due_soon'])
    expect(soon[0]!.payload).toMatchObject({
      installmentNumber: 1,
      dueDate: '2026-10-01',
      amountDue: '1035.00',
      daysBefore: 3,
    })
  })

  it('month end: C is overdue the day after 30 September, the next period has 31 days', async () => {
    await to('2026-09-30')
    expect(await loan(p.db, C)).toMatchObject({ dpd: 0, status: 'active' })
    expect((await inst1(p.db, C, 1)).interest_recognized).toBe('15.00')
    await to('2026-10-01')
    expect(await loan(p.db, C)).toMatchObject({
      dpd: 1,
      status: 'overdue',
      overdue_since: '2026-09-30',
      penalty_outstanding: '0.50',
    })
    expect((await inst1(p.db, C, 2)).interest_recognized).toBe('0.24') // 7.50 × 1/31
    // A is due today: income recognised in full, fee recognised, not overdue
    expect(await inst1(p.db, A, 1)).toMatchObject({
      interest_recognized: '30.00',
      fee_recognized: '5.00',
      status: 'pending',
    })
    expect(await loan(p.db, A)).toMatchObject({ dpd: 0, status: 'active' })
    expect((await eventsOn(p.db, '2026-10-01', A)).map((e) => e.topic)).toEqual(['loan.installment_due'])
    await payInstallment(p.db, C, 1, { principal: '500.00', interest: '15.00', penalty: '0.50' }, '2026-10-01')
  })

  it('A: overdue the day after the due date, penalty on overdue principal, partial payment, cure', async () => {
    await to('2026-10-02')
    expect(await loan(p.db, A)).toMatchObject({
      dpd: 1,
      status: 'overdue',
      overdue_since: '2026-10-01',
      penalty_outstanding: '1.00',
    })
    expect(await inst1(p.db, A, 1)).toMatchObject({ status: 'overdue', penalty_due: '1.00' })
    expect((await inst1(p.db, A, 2)).interest_recognized).toBe('0.65') // 20.00 × 1/31 = 0.645
    const ev = await eventsOn(p.db, '2026-10-02', A)
    expect(ev.map((e) => e.topic)).toEqual(['loan.overdue', 'loan.dpd_changed'])
    expect(ev[1]!.payload).toMatchObject({
      loanId: A,
      dpd: 1,
      previousDpd: 0,
      overdueAmount: '1036.00',
      businessDate: '2026-10-02',
    })
    expect(await loan(p.db, C)).toMatchObject({ dpd: 0, status: 'active', overdue_since: null })
    expect((await eventsOn(p.db, '2026-10-02', C)).map((e) => e.topic)).toEqual(['loan.dpd_changed', 'loan.cured'])

    // pays penalty, fee, interest and 600 of the 1000 principal
    await payInstallment(
      p.db,
      A,
      1,
      { penalty: '1.00', fee: '5.00', interest: '30.00', principal: '600.00' },
      '2026-10-02',
    )
    await to('2026-10-03')
    expect(await loan(p.db, A)).toMatchObject({ dpd: 2, status: 'overdue', penalty_outstanding: '0.40' })
    expect(await inst1(p.db, A, 1)).toMatchObject({ status: 'overdue', penalty_due: '1.40' }) // + 400 × 0.365 / 365
    expect((await eventsOn(p.db, '2026-10-03', A))[0]!.payload).toMatchObject({
      dpd: 2,
      previousDpd: 1,
      overdueAmount: '400.40',
    })

    await payInstallment(p.db, A, 1, { principal: '400.00', penalty: '0.40' }, '2026-10-03')
    await to('2026-10-04')
    expect(await loan(p.db, A)).toMatchObject({
      dpd: 0,
      status: 'active',
      overdue_since: null,
      penalty_outstanding: '0.00',
    })
    expect((await inst1(p.db, A, 1)).status).toBe('paid')
    expect((await eventsOn(p.db, '2026-10-04', A)).map((e) => e.topic)).toEqual(['loan.dpd_changed', 'loan.cured'])
  })

  it('B: three grace days — DPD counts from the due date, overdue and penalty only from the fourth day', async () => {
    expect(await loan(p.db, B)).toMatchObject({
      dpd: 3,
      status: 'active',
      overdue_since: null,
      penalty_outstanding: '0.00',
    })
    expect((await inst1(p.db, B, 1)).status).toBe('pending')
    expect((await eventsOn(p.db, '2026-10-04', B)).map((e) => e.topic)).toEqual(['loan.dpd_changed'])
    await to('2026-10-05')
    expect((await eventsOn(p.db, '2026-10-05', B)).map((e) => e.topic)).toEqual(['loan.overdue', 'loan.dpd_changed'])
    expect(await loan(p.db, B)).toMatchObject({ dpd: 4, status: 'overdue', penalty_outstanding: '0.21' }) // 1035 × 0.073 / 365 = 0.207
    await to('2026-10-06')
    expect(await loan(p.db, B)).toMatchObject({ dpd: 5, penalty_outstanding: '0.42' }) // the base excludes penalty
  })

  it('C: overdue again across the October month end', async () => {
    await to('2026-11-02')
    expect(await loan(p.db, C)).toMatchObject({
      dpd: 2,
      status: 'overdue',
      overdue_since: '2026-10-31',
      penalty_outstanding: '1.00',
    })
    expect((await inst1(p.db, A, 3)).interest_recognized).toBe('0.33') // 10.00 × 1/30 (Nov)
    expect(await loan(p.db, A)).toMatchObject({ dpd: 1 })
  })

  it('the journal balances, and receivables per loan equal recognised − paid', async () => {
    expect(await unbalancedEntries(p.db, inst)).toEqual([])
    const rows = await p.db.tx(SYSTEM, (tx) =>
      queryRows<{ loan_id: string; ledger: string; schedule: string }>(
        tx,
        sql`select i.loan_id, coalesce(j.bal, 0)::text as ledger, sum(i.interest_recognized)::text as schedule
          from installments i
          left join (select loan_id, sum(debit - credit) as bal from journal_lines
            where account_code = ${ACCOUNTS.interestReceivable} group by loan_id) j on j.loan_id = i.loan_id
          where i.institution_id = ${inst}::uuid group by i.loan_id, j.bal`,
      ),
    )
    // the fixture's "repayments" touch only the schedule, so the accrual side of the ledger must equal it exactly
    for (const r of rows) expect(r.ledger).toBe(r.schedule)
    // loans.interest_outstanding is the interest receivable: recognised − paid
    const loansOff = await p.db.tx(SYSTEM, (tx) =>
      queryRows(
        tx,
        sql`select l.id from loans l join (select loan_id, sum(interest_recognized - interest_paid) as r,
            sum(fee_recognized - fee_paid) as f from installments group by loan_id) i on i.loan_id = l.id
          where l.institution_id = ${inst}::uuid and (l.interest_outstanding <> i.r or l.fee_outstanding <> i.f)`,
      ),
    )
    expect(loansOff).toEqual([])
  })

  it('running the same date again changes nothing (runs, chunks and a forced chunk)', async () => {
    const before = await dumpInstitution(p.db, inst)
    expect(await to('2026-11-02')).toEqual([])
    expect(await to('2026-10-20')).toEqual([])
    // even a chunk forced over the whole range for the date closed last finds nothing to do
    const stats = await p.db.tx(SYSTEM, (tx) =>
      processChunk(tx, {
        institutionId: inst,
        date: '2026-11-02',
        chunkNo: 99,
        fromId: '00000000-0000-0000-0000-000000000000',
        toId: null,
        dueSoonDays: 3,
      }),
    )
    expect(stats.loans).toBe(0)
    expect(await dumpInstitution(p.db, inst)).toEqual(before)
  })
})

describe('catch-up equals day by day', () => {
  let q: TestPlatform
  beforeAll(async () => {
    q = await createTestPlatform()
  }, 120_000)
  afterAll(() => q?.close())

  it('closing 40 days at once (small chunks) gives exactly what 40 single days give', async () => {
    const loans = randomLoans(7, 60, '2026-09-01')
    const i1 = await createCobInstitution(p.db, 'cobrnd', '2026-09-01')
    const i2 = await createCobInstitution(q.db, 'cobrnd', '2026-09-01')
    await seedLoans(p.db, i1, loans)
    await seedLoans(q.db, i2, loans)
    await runCob({ db: p.db, institutionId: i1, toDate: '2026-10-11', chunkSize: 7 })
    for (let d = 2; d <= 41; d++) {
      const date = new Date(Date.UTC(2026, 8, d)).toISOString().slice(0, 10)
      await runCob({ db: q.db, institutionId: i2, toDate: date, chunkSize: 7 })
    }
    const a = await dumpInstitution(p.db, i1)
    const b = await dumpInstitution(q.db, i2)
    expect(a.runs).toHaveLength(40)
    expect((a.loans as { dpd: number }[]).some((l) => l.dpd > 0)).toBe(true)
    expect((a.events as unknown[]).length).toBeGreaterThan(50)
    expect(a).toEqual(b)
    expect(await unbalancedEntries(p.db, i1)).toEqual([])
  }, 300_000)
})
