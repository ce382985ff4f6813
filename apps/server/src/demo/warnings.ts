/**
 * Demo early warnings, produced by the real flows. The servicing demo's daily closes already raise
 * first payment defaults (the close hook evaluates the rules every day), but its 90 days leave no loan
 * with three elapsed monthly periods. So, per demo institution: a loan taken over from a previous system
 * (disbursed, value-dated 100 days back, through servicing's createLoan/disburseLoan) whose borrower has
 * paid nothing for three periods; and a burst of ten pre-review applications from one IP address through
 * risk's scene evaluation (as a fraud ring would). Then the rules are evaluated for the business date —
 * the same call as the daily close and `POST /collections/warnings/evaluate` — which raises an
 * underpayment streak and a suspected-fraud warning with the applicants flagged.
 */
import { sql } from 'drizzle-orm'
import type { Platform } from '../main.ts'
import { evaluateWarnings } from '../modules/collections/evaluate-warnings.ts'
import { evaluateScene } from '../modules/risk/evaluate-scene.ts'
import { createLoan, disburseLoan } from '../modules/servicing/index.ts'
import { getBusinessDate } from '../platform/clock.ts'
import { addDays } from '../platform/dates.ts'
import { queryRows, SYSTEM } from '../platform/db/open.ts'
import { DEMO_SHOWCASE } from './customers.ts'
import { demoStaff } from './principal.ts'
import { DEMO_INSTITUTIONS } from './staff.ts'

const DONE_KEY = 'demo_warnings_loaded'
const BURST = 10

export async function loadDemoWarnings(platform: Platform, log: (m: string) => void = () => {}): Promise<number> {
  const claimed = await platform.db.tx(SYSTEM, (tx) =>
    queryRows(
      tx,
      sql`insert into settings (key, value) values (${DONE_KEY}, ${JSON.stringify({ at: new Date().toISOString() })}::jsonb)
        on conflict (key) do nothing returning key`,
    ),
  )
  if (claimed.length === 0) return 0
  let raised = 0
  for (const [k, inst] of DEMO_INSTITUTIONS.entries()) {
    const [row] = await platform.db.tx(SYSTEM, (tx) =>
      queryRows<{ id: string }>(tx, sql`select id from institutions where code = ${inst.code}`),
    )
    if (!row) continue
    const institutionId = row.id
    const ctx = { scope: 'institution' as const, institutionId }
    const customers = await platform.db.tx(ctx, (tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`select id from customers where institution_id = ${institutionId}::uuid and borrower_id is null
          and name <> ${DEMO_SHOWCASE[inst.code]?.name ?? ''} and not exists (select 1 from loans l where l.customer_id = customers.id)
          order by created_at desc, id limit ${BURST}`,
      ),
    )
    await takenOverLoan(platform, inst.code, institutionId)
    const ip = `203.0.113.${100 + k}` // documentation range (RFC 5737): never a real address
    for (const [n, c] of customers.entries())
      await platform.db.tx(ctx, (tx) =>
        evaluateScene({
          tx,
          pii: platform.pii,
          institutionId,
          sceneCode: 'pre_review',
          subject: { customerId: c.id },
          inputs: { age: 24 + n, monthly_income: 6000 + n * 500, debt_ratio: 0.2, employment_type: 'salaried' },
          device: { fingerprint: `demo-ring-${k}-${n % 3}`, ip },
        }),
      )
    const stats = await platform.db.tx(ctx, async (tx) =>
      evaluateWarnings(tx, { institutionId, date: await getBusinessDate(tx, institutionId) }),
    )
    raised += Object.values(stats).reduce((a, b) => a + b, 0)
  }
  log(`demo early warnings: ${raised} raised by the IP-burst evaluation`)
  return raised
}

/** A monthly loan value-dated 100 days back (three installments due since) on which nothing was paid. */
async function takenOverLoan(platform: Platform, code: string, institutionId: string): Promise<void> {
  const ctx = { scope: 'institution' as const, institutionId }
  const finance = await platform.db.tx(SYSTEM, (tx) => demoStaff(tx, `${code}.finance`))
  const [target] = await platform.db.tx(ctx, (tx) =>
    queryRows<{ product_id: string; customer_id: string; name: string; today: string }>(
      tx,
      sql`select p.id as product_id, c.id as customer_id, c.name,
          (select business_date::text from business_dates where institution_id = ${institutionId}::uuid) as today
        from products p join product_versions v on v.id = p.current_version_id
        cross join lateral (select id, name from customers where institution_id = ${institutionId}::uuid
          and borrower_id is null and name <> ${DEMO_SHOWCASE[code]?.name ?? ''}
          and not exists (select 1 from loans l where l.customer_id = customers.id)
          order by created_at desc, id offset ${BURST} limit 1) c
        where p.institution_id = ${institutionId}::uuid and p.status = 'listed' and v.term_unit = 'month'
        order by v.max_amount desc limit 1`,
    ),
  )
  if (!target?.today) return
  const loan = await platform.db.tx(ctx, (tx) =>
    createLoan({
      tx,
      ...finance,
      input: {
        productId: target.product_id,
        customerId: target.customer_id,
        amount: '6000.00',
        term: 6,
        borrowerName: target.name,
      },
    }),
  )
  await disburseLoan({
    db: platform.db,
    ...finance,
    loanId: loan.id,
    external: { reference: `DEMO-TAKEOVER-${code}`, valueDate: addDays(target.today, -100) },
  })
}
