/**
 * Demo loan books: two products per demo institution and a few hundred loans in every state —
 * current, overdue in every bucket (S1 1–7, S2 8–15, S3 16–30, S4 31+ days), settled and written
 * off — produced by running the real operations (createProduct, createLoan, disburseLoan,
 * postRepayment, write-off with four-eyes) over simulated business days with the daily close in
 * between, from DEMO_START_DATE for DEMO_DAYS days. Deterministic (seeded PRNG). Runs after the staff
 * and customers are committed, because disbursement and the close open their own transactions.
 */

import { sql } from 'drizzle-orm'
import type { Platform } from '../main.ts'
import { changeProductStatus } from '../modules/servicing/change-product-status.ts'
import { runCob } from '../modules/servicing/cob/run-cob.ts'
import { createLoan, createProduct, disburseLoan, postRepayment } from '../modules/servicing/index.ts'
import { requestWriteOff } from '../modules/servicing/write-off-loan.ts'
import type { StaffPrincipal } from '../platform/access/principal.ts'
import { decideApproval } from '../platform/approvals/approvals.ts'
import type { Actor } from '../platform/audit/record.ts'
import { addDays } from '../platform/dates.ts'
import { queryRows, SYSTEM, type Tx } from '../platform/db/open.ts'
import { Decimal } from '../platform/money.ts'
import { demoStaff } from './principal.ts'
import { DEMO_INSTITUTIONS, DEMO_START_DATE } from './staff.ts'

export const DEMO_DAYS = 90
const LOANS_PER_INSTITUTION = 80
const DONE_KEY = 'demo_servicing_loaded'

const NAMES = [
  '王芳',
  '李伟',
  '张静',
  '刘洋',
  '陈杰',
  '杨敏',
  '赵磊',
  '黄丽',
  '周强',
  '吴婷',
  '徐涛',
  '孙悦',
  '马超',
  '朱琳',
  '胡斌',
  '郭静',
]

function prng(seed: number) {
  let x = seed >>> 0
  return () => {
    x = (x + 0x6d2b79f5) >>> 0
    let t = x
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Behaviour = 'good' | 'late' | 'partial' | 'default' | 'writeoff'
type DemoLoan = { id: string; behaviour: Behaviour; lag: number; stopAfter: number; paid: number }

/** Loads the servicing demo once; returns how many loans it made (0 when already loaded). */
export async function loadDemoServicing(platform: Platform, log: (m: string) => void = () => {}): Promise<number> {
  const { db } = platform
  const claimed = await db.tx(SYSTEM, async (tx) => {
    const rows = await queryRows(
      tx,
      sql`insert into settings (key, value) values (${DONE_KEY}, ${JSON.stringify({ startedAt: new Date().toISOString() })}::jsonb)
        on conflict (key) do nothing returning key`,
    )
    return rows.length > 0
  })
  if (!claimed) return 0
  const started = Date.now()
  let made = 0
  for (const [k, inst] of DEMO_INSTITUTIONS.entries()) {
    const rnd = prng(20260901 + k * 7919)
    const as = (u: string) => db.tx(SYSTEM, (tx) => demoStaff(tx, `${inst.code}.${u}`))
    const admin = await as('admin')
    const finance = await as('finance')
    const manager = await as('manager')
    const institutionId = finance.principal.institutionId
    const run = <T>(_who: { principal: StaffPrincipal; actor: Actor }, fn: (tx: Tx) => Promise<T>) =>
      db.tx({ scope: 'institution', institutionId }, fn)

    // products: a monthly instalment loan and a short bullet loan, listed
    const products: { id: string; unit: 'month' | 'day' }[] = []
    for (const spec of [
      {
        name: '随心贷（按月分期）',
        minAmount: '1000.00',
        maxAmount: '50000.00',
        minTerm: 3,
        maxTerm: 12,
        termUnit: 'month' as const,
        annualRatePercent: '18',
        graceDays: 3,
      },
      {
        name: '周转快贷（30 天内）',
        minAmount: '500.00',
        maxAmount: '5000.00',
        minTerm: 7,
        maxTerm: 30,
        termUnit: 'day' as const,
        annualRatePercent: '15',
        graceDays: 0,
      },
    ]) {
      const p = await run(admin, (tx) =>
        createProduct({ tx, principal: admin.principal, actor: admin.actor, input: spec }),
      )
      await run(admin, (tx) =>
        changeProductStatus({ tx, principal: admin.principal, actor: admin.actor, id: p.id, change: 'list' }),
      )
      products.push({ id: p.id, unit: spec.termUnit })
    }

    // the plan: who borrows on which day, what kind of payer
    const plan = new Map<
      number,
      { product: number; amount: string; term: number; behaviour: Behaviour; lag: number; stopAfter: number }[]
    >()
    for (let n = 0; n < LOANS_PER_INSTITUTION; n++) {
      const r = rnd()
      const behaviour: Behaviour =
        r < 0.45 ? 'good' : r < 0.6 ? 'late' : r < 0.7 ? 'partial' : r < 0.94 ? 'default' : 'writeoff'
      const day = behaviour === 'writeoff' ? Math.floor(rnd() * 10) : Math.floor(rnd() * 80)
      const short = rnd() < 0.35
      const entry = {
        product: short ? 1 : 0,
        amount: short ? `${(5 + Math.floor(rnd() * 45)) * 100}.00` : `${(20 + Math.floor(rnd() * 280)) * 100}.00`,
        term: short ? [7, 14, 21, 30][Math.floor(rnd() * 4)]! : [3, 6, 12][Math.floor(rnd() * 3)]!,
        behaviour,
        lag: 1 + Math.floor(rnd() * 20),
        stopAfter: Math.floor(rnd() * 2),
      }
      plan.set(day, [...(plan.get(day) ?? []), entry])
    }

    const loans: DemoLoan[] = []
    for (let d = 0; d < DEMO_DAYS; d++) {
      const today = addDays(DEMO_START_DATE, d)
      for (const e of plan.get(d) ?? []) {
        const loan = await run(finance, (tx) =>
          createLoan({
            tx,
            principal: finance.principal,
            actor: finance.actor,
            input: {
              productId: products[e.product]!.id,
              amount: e.amount,
              term: e.term,
              borrowerName: NAMES[Math.floor(rnd() * NAMES.length)]!,
            },
          }),
        )
        await disburseLoan({
          db,
          principal: finance.principal,
          actor: finance.actor,
          loanId: loan.id,
          external: { reference: `DEMO-${inst.code}-${loans.length + 1}`, valueDate: today },
        })
        loans.push({ id: loan.id, behaviour: e.behaviour, lag: e.lag, stopAfter: e.stopAfter, paid: 0 })
        made++
      }
      // repayments of the day: what is due (by each payer's habit), in one read per institution
      const due = await db.tx({ scope: 'institution', institutionId }, (tx) =>
        queryRows<{ loan_id: string; due_date: string; owed: string; n: number }>(
          tx,
          sql`select i.loan_id, min(i.due_date)::text as due_date, count(*)::int as n,
              sum(i.principal_due + i.interest_due + i.fee_due + i.penalty_due - i.principal_paid - i.interest_paid
                - i.fee_paid - i.penalty_paid - i.interest_waived - i.fee_waived - i.penalty_waived)::text as owed
            from installments i join loans l on l.id = i.loan_id
            where l.institution_id = ${institutionId}::uuid and l.status in ('active', 'overdue')
              and i.status <> 'paid' and i.due_date <= ${today}::date
            group by i.loan_id`,
        ),
      )
      const byId = new Map(loans.map((l) => [l.id, l]))
      for (const row of due) {
        const l = byId.get(row.loan_id)
        if (!l || Number(row.owed) <= 0) continue
        const late = Math.round((Date.parse(today) - Date.parse(row.due_date)) / 86_400_000)
        let amount: string | null = null
        if (l.behaviour === 'good' && late === 0) amount = row.owed
        else if (l.behaviour === 'late' && late >= l.lag) amount = row.owed
        else if (l.behaviour === 'partial' && late === 2)
          amount = new Decimal(row.owed).dividedBy(2).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2)
        else if (l.behaviour === 'default' && l.paid < l.stopAfter && late === 0) amount = row.owed
        if (!amount || Number(amount) <= 0) continue
        await run(finance, (tx) =>
          postRepayment({
            tx,
            principal: finance.principal,
            actor: finance.actor,
            loanId: l.id,
            input: { amount: amount!, channel: 'bank_transfer', externalRef: `DEMO-PAY-${l.id.slice(0, 8)}-${d}` },
          }),
        )
        l.paid++
      }
      // write-offs near the end, with a second person's approval (四眼)
      if (d === DEMO_DAYS - 5)
        for (const l of loans.filter((x) => x.behaviour === 'writeoff')) {
          const req = await run(finance, (tx) =>
            requestWriteOff({
              tx,
              principal: finance.principal,
              actor: finance.actor,
              loanId: l.id,
              reason: '演示：长期逾期核销',
            }),
          ).catch(() => null)
          if (req)
            await run(manager, (tx) =>
              decideApproval({
                tx,
                principal: manager.principal,
                actor: manager.actor,
                id: req.id,
                decision: 'approve',
              }),
            )
        }
      await runCob({ db, institutionId, toDate: addDays(today, 1), trigger: 'demo' })
    }
  }
  await db.tx(SYSTEM, (tx) =>
    tx.execute(sql`update settings set value = ${JSON.stringify({ loans: made, ms: Date.now() - started })}::jsonb
      where key = ${DONE_KEY}`),
  )
  log(`demo loans: ${made} over ${DEMO_DAYS} business days in ${Date.now() - started} ms`)
  return made
}
