/**
 * Origination and credit-review demo (汇信): borrowers who apply on the H5 and customers whose
 * applications staff enter, run through the real flows — automatic checks and `pre_review` against
 * the simulated provider, manual review by the demo reviewers (first and second stage, approvals and
 * rejections with notes and calls), an approval chain step, contracts signed (in the H5, and one
 * staff-entered application at the counter) and loans disbursed —
 * so that applications exist in every status and the reviewers have history for the statistics.
 * Loads once, by its own key; a simulator is started in-process if none answers.
 */
import { sql } from 'drizzle-orm'
import type { Platform } from '../main.ts'
import { loginWithOtp, requestOtp } from '../modules/borrowers/otp-login.ts'
import { idNumberCheckChar } from '../modules/customers/domain/id-number.ts'
import { setOnline } from '../modules/identity/me.ts'
import { decideStep } from '../modules/origination/approval-steps.ts'
import { signContract } from '../modules/origination/contracts.ts'
import { disburseApplication, openLoanFor } from '../modules/origination/disburse-application.ts'
import { lockApplication } from '../modules/origination/route-application.ts'
import { signInBranch } from '../modules/origination/sign-in-branch.ts'
import { applyAsBorrower, applyAsStaff } from '../modules/origination/submit-application.ts'
import { assignOrders, decideOrder, startOrder } from '../modules/review/orders.ts'
import { addCall } from '../modules/review/review-page.ts'
import { startDataSimulator } from '../modules/risk/datasim.ts'
import type { StaffPrincipal } from '../platform/access/principal.ts'
import { dbContextOf, widestScope } from '../platform/access/principal.ts'
import type { Actor } from '../platform/audit/record.ts'
import { queryRows, SYSTEM, type Tx } from '../platform/db/open.ts'

const DONE_KEY = 'demo_origination_loaded'
const INSTITUTION = 'huixin'

type Staff = { principal: StaffPrincipal; actor: Actor }

async function staffOf(tx: Tx, username: string): Promise<Staff> {
  const [r] = await queryRows<{
    id: string
    display_name: string
    institution_id: string
    code: string
    name: string
    team_id: string | null
    operations: string[] | null
    scopes: string[] | null
  }>(
    tx,
    sql`select u.id, u.display_name, u.institution_id, i.code, i.name, u.team_id,
        (select array_agg(distinct op) from user_positions up join positions p on p.id = up.position_id,
          unnest(p.operations) as op where up.user_id = u.id) as operations,
        (select array_agg(distinct p.scope) from user_positions up join positions p on p.id = up.position_id
          where up.user_id = u.id) as scopes
      from users u join institutions i on i.id = u.institution_id where u.username = ${username}`,
  )
  if (!r) throw new Error(`demo: no user ${username}`)
  return {
    principal: {
      kind: 'staff',
      userId: r.id,
      username,
      displayName: r.display_name,
      institutionId: r.institution_id,
      institutionCode: r.code,
      institutionName: r.name,
      institutionKind: 'lender',
      teamId: r.team_id,
      permissions: new Set(r.operations ?? []),
      scope: widestScope(r.scopes ?? []),
      online: true,
      csrfToken: '',
      businessDate: null,
    },
    actor: { type: 'staff', id: r.id, name: username, institutionId: r.institution_id, ip: null },
  }
}

const idNumber = (birth: string, seq: string) => {
  const first17 = `310104${birth}${seq}`
  return first17 + idNumberCheckChar(first17)
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/id-verify`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(500) })).ok
  } catch {
    return false
  }
}

const BORROWERS = [
  { phone: '13600001001', name: '周小雨', birth: '19910415', seq: '021', amount: '12000.00', term: 6 },
  { phone: '13600001002', name: '吴海涛', birth: '19870922', seq: '033', amount: '8000.00', term: 12 },
  { phone: '13600001003', name: '郑佳怡', birth: '20040610', seq: '046', amount: '5000.00', term: 6 },
  { phone: '13600001004', name: '冯志强', birth: '19830103', seq: '057', amount: '20000.00', term: 12 },
  { phone: '13600001005', name: '陈思远', birth: '20050218', seq: '068', amount: '3000.00', term: 3 },
]

export async function loadDemoOrigination(platform: Platform, log: (m: string) => void = () => {}): Promise<number> {
  const { db, pii } = platform
  const claimed = await db.tx(SYSTEM, (tx) =>
    queryRows(
      tx,
      sql`insert into settings (key, value) values (${DONE_KEY}, '{}'::jsonb) on conflict (key) do nothing returning key`,
    ),
  )
  if (claimed.length === 0) return 0
  const started = Date.now()
  const url = process.env.XINDAI_DATASIM_URL ?? 'http://127.0.0.1:3901'
  const sim = (await answers(url))
    ? null
    : await startDataSimulator({ port: Number(new URL(url).port) || 3901 }).catch(() => null)
  let count = 0
  try {
    // one query at a time on a transaction's connection
    const [admin, lead, review1, review2, manager] = await db.tx(SYSTEM, async (tx) => {
      const out: Staff[] = []
      for (const s of ['admin', 'reviewlead', 'review1', 'review2', 'manager'])
        out.push(await staffOf(tx, `${INSTITUTION}.${s}`))
      return out
    })
    const inst = admin!.principal.institutionId
    const ctx = dbContextOf(admin!.principal)
    const [product] = await db.tx(SYSTEM, (tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`select p.id from products p join product_versions v on v.id = p.current_version_id
          where p.institution_id = ${inst}::uuid and p.status = 'listed' and v.term_unit = 'month' order by v.max_amount desc limit 1`,
      ),
    )
    if (!product) return 0
    for (const s of [review1!, review2!]) await db.tx(ctx, (tx) => setOnline(tx, s.principal, s.actor, true))

    // borrowers on the H5
    const borrowerApps: string[] = []
    for (const [i, b] of BORROWERS.entries()) {
      const ip = `58.32.${i}.${10 + i}`
      await requestOtp(platform, b.phone, ip)
      const [otp] = await db.tx(SYSTEM, (tx) =>
        queryRows<{ body: string }>(
          tx,
          sql`select body from notifications where template = 'borrower.otp' order by created_at desc limit 1`,
        ),
      )
      const code = /(\d{6})/.exec(otp!.body)![1]!
      const login = await loginWithOtp(platform, b.phone, code, ip, 'demo', `demo-device-${i}`)
      const app = await applyAsBorrower({
        db,
        pii,
        actor: { type: 'borrower', id: login.borrowerId, name: login.phoneMasked, institutionId: null, ip },
        borrowerId: login.borrowerId,
        input: {
          productId: product.id,
          amount: b.amount,
          term: b.term,
          purpose: ['装修', '教育', '旅游', '数码产品', '医疗'][i]!,
          employmentType: 'salaried',
          monthlyIncome: ['12000.00', '9000.00', '6000.00', '18000.00', '4500.00'][i]!,
          monthlyDebt: '800.00',
          documents: [],
          profile: {
            name: b.name,
            idNumber: idNumber(b.birth, b.seq),
            address: { province: '上海', city: '上海', district: '徐汇区', detail: `漕溪北路 ${100 + i} 号` },
            job: { employer: '上海某贸易有限公司', position: '职员', monthlyIncome: '10000.00' },
            contacts: [{ name: '联系人', relation: 'sibling', phone: `1390000${2000 + i}` }],
          },
        },
        device: { fingerprint: `demo-device-${i}`, ip },
      })
      borrowerApps.push(app.id)
      count++
    }
    // staff-entered applications for customers on file
    const customers = await db.tx(ctx, (tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`select id from customers where institution_id = ${inst}::uuid and birth_date < '2000-01-01' and borrower_id is null
          order by created_at, id offset 40 limit 16`,
      ),
    )
    const amounts = ['6000.00', '15000.00', '30000.00', '50000.00', '9000.00', '2000.00', '45000.00', '12000.00']
    for (const [i, c] of customers.entries()) {
      await applyAsStaff({
        db,
        pii,
        principal: admin!.principal,
        actor: admin!.actor,
        input: {
          customerId: c.id,
          productId: product.id,
          amount: amounts[i % amounts.length]!,
          term: [6, 12, 3, 9][i % 4]!,
          purpose: ['经营周转', '装修', '购车', '教育'][i % 4]!,
          employmentType: i % 5 === 4 ? 'self_employed' : 'salaried',
          monthlyIncome: String(4000 + ((i * 3700) % 20000)) + '.00',
          monthlyDebt: String((i * 450) % 3000) + '.00',
          documents: [],
        },
      }).catch(() => null)
      count++
    }

    // manual review: first stage by review1, second by review2, leaving some at every step
    const waiting = async (stage: string) =>
      db.tx(ctx, (tx) =>
        queryRows<{ id: string }>(
          tx,
          sql`select id from review_orders where institution_id = ${inst}::uuid and stage = ${stage} and status = 'awaiting_assignment' order by created_at, id`,
        ),
      )
    const firsts = await waiting('first')
    for (const [i, o] of firsts.slice(0, -2).entries()) {
      await db.tx(ctx, (tx) => assignOrders({ tx, ...lead!, orderIds: [o.id], reviewerId: review1!.principal.userId }))
      if (i === 0) continue // awaiting review
      await db.tx(ctx, (tx) => startOrder({ tx, ...review1!, id: o.id }))
      if (i === 1) continue // in review
      await db.tx(ctx, (tx) =>
        addCall({
          tx,
          ...review1!,
          id: o.id,
          input: {
            callee: '单位前台',
            phone: '13911112222',
            outcome: 'connected',
            content: '确认在职',
            recordingRef: `rec://demo/${o.id.slice(0, 8)}.wav`,
            durationSeconds: 60 + i * 7,
          },
        }),
      )
      const reject = i % 4 === 3
      await db.tx(ctx, (tx) =>
        decideOrder({
          tx,
          ...review1!,
          id: o.id,
          input: reject
            ? {
                result: 'rejected',
                rejectReasonCode: i % 8 === 3 ? 'debt_too_high' : 'job_unverified',
                notes: '核实未通过',
              }
            : { result: 'approved', notes: '资料真实，电话核实通过' },
        }),
      )
    }
    const seconds = await waiting('second')
    for (const [i, o] of seconds.entries()) {
      await db.tx(ctx, (tx) => assignOrders({ tx, ...lead!, orderIds: [o.id], reviewerId: review2!.principal.userId }))
      if (i === seconds.length - 1) continue
      await db.tx(ctx, (tx) =>
        decideOrder({
          tx,
          ...review2!,
          id: o.id,
          input:
            i % 5 === 4
              ? { result: 'rejected', rejectReasonCode: 'info_inconsistent' }
              : { result: 'approved', notes: '同意' },
        }),
      )
    }
    // one approval-chain step decided by the manager (others stay pending)
    const [step] = await db.tx(ctx, (tx) =>
      queryRows<{ application_id: string; step_no: number }>(
        tx,
        sql`select application_id, step_no from application_approvals where institution_id = ${inst}::uuid and status = 'pending' order by created_at limit 1`,
      ),
    )
    if (step)
      await db.tx(ctx, (tx) =>
        decideStep({
          tx,
          ...manager!,
          applicationId: step.application_id,
          stepNo: step.step_no,
          decision: 'approve',
          comment: '同意',
        }),
      )
    // approved H5 applications: the first ones are signed and disbursed, the last waits for signature
    const approved = await db.tx(ctx, (tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`select id from applications where institution_id = ${inst}::uuid and status = 'approved' and borrower_id is not null order by created_at`,
      ),
    )
    for (const a of approved.slice(0, -1)) {
      await db.tx(ctx, async (tx) => {
        const actor: Actor = { type: 'borrower', id: null, name: 'demo', institutionId: inst, ip: '58.32.0.1' }
        const app = await lockApplication(tx, a.id)
        await signContract(tx, actor, app, { consent: true, device: 'Demo H5' }, { ip: '58.32.0.1', userAgent: 'demo' })
        await openLoanFor(tx, actor, a.id)
      })
      await disburseApplication(db, a.id, inst, '58.32.0.1').catch(() => null)
    }
    // an approved staff-entered application whose customer has no H5 account: signed at the counter
    const [branch] = await db.tx(ctx, (tx) =>
      queryRows<{ id: string }>(
        tx,
        sql`select id from applications where institution_id = ${inst}::uuid and status = 'approved' and channel = 'staff'
          and borrower_id is null order by created_at limit 1`,
      ),
    )
    if (branch) {
      await db.tx(ctx, (tx) =>
        signInBranch({
          tx,
          ...admin!,
          applicationId: branch.id,
          input: { consent: true, identityChecked: true, device: '汇信朝阳支行 1 号柜台 / 签字板' },
          request: { ip: '10.8.1.21', userAgent: 'demo' },
        }),
      )
      await disburseApplication(db, branch.id, inst, '10.8.1.21').catch(() => null)
    }
    for (const s of [review1!, review2!]) await db.tx(ctx, (tx) => setOnline(tx, s.principal, s.actor, false))
  } finally {
    await sim?.close()
  }
  log(`demo origination: ${count} applications through checks, pre-review and review in ${Date.now() - started} ms`)
  return count
}
