/**
 * Demo collections, produced by the real flows: before the servicing demo's 90 business days run,
 * the S1/M1 pools of each demo institution are switched to automatic assignment, so the case flow
 * inside every daily close opens cases, moves them between pools, assigns the early ones to the S1
 * collector and marks repaid ones collected (history for the dashboard). Afterwards part of the later
 * pools is assigned by hand to the S2 collector (the rest stays in the pools for the lead) and the
 * collectors record calls, some with promises to pay. Records are stamped as made at 10:00 local time
 * (the contact-hours rule would refuse a demo loaded at night).
 */

import { sql } from 'drizzle-orm'
import type { Platform } from '../main.ts'
import { assignCases } from '../modules/collections/assign-cases.ts'
import { setCollectionsWallClock } from '../modules/collections/deps.ts'
import { recordContact } from '../modules/collections/record-contact.ts'
import { updatePool } from '../modules/collections/settings.ts'
import { getBusinessDate, systemClock } from '../platform/clock.ts'
import { addDays } from '../platform/dates.ts'
import { queryRows, SYSTEM } from '../platform/db/open.ts'
import { Decimal } from '../platform/money.ts'
import { loadDemoLegalCase, setupDemoStrategies } from './collections-strategy.ts'
import { demoStaff } from './principal.ts'
import { DEMO_INSTITUTIONS } from './staff.ts'

const SETUP_KEY = 'demo_collections_setup'
const DONE_KEY = 'demo_collections_loaded'

async function claim(platform: Platform, key: string): Promise<boolean> {
  return platform.db.tx(SYSTEM, async (tx) => {
    const rows = await queryRows(
      tx,
      sql`insert into settings (key, value) values (${key}, ${JSON.stringify({ at: new Date().toISOString() })}::jsonb)
        on conflict (key) do nothing returning key`,
    )
    return rows.length > 0
  })
}

/** Before the servicing demo: automatic assignment on in the first overdue pools. */
export async function setupDemoCollections(platform: Platform): Promise<void> {
  if (!(await claim(platform, SETUP_KEY))) return
  for (const inst of DEMO_INSTITUTIONS) {
    await platform.db.tx(SYSTEM, async (tx) => {
      const lead = await demoStaff(tx, `${inst.code}.collectlead`)
      for (const stageCode of ['S1', 'M1'])
        await updatePool({ tx, ...lead, stageCode, input: { autoAssign: true, strategy: 'round_robin' } })
      await setupDemoStrategies(tx, await demoStaff(tx, `${inst.code}.admin`))
    })
  }
}

/** After the servicing demo: hand assignment in the later pools, records and promises. */
export async function loadDemoCollections(platform: Platform, log: (m: string) => void = () => {}): Promise<number> {
  if (!(await claim(platform, DONE_KEY))) return 0
  const started = Date.now()
  let records = 0
  setCollectionsWallClock({ now: () => new Date(`${new Date().toISOString().slice(0, 10)}T02:00:00Z`) })
  try {
    for (const inst of DEMO_INSTITUTIONS) {
      await platform.db.tx(SYSTEM, async (tx) => {
        const lead = await demoStaff(tx, `${inst.code}.collectlead`)
        const c1 = await demoStaff(tx, `${inst.code}.collector1`)
        const c2 = await demoStaff(tx, `${inst.code}.collector2`)
        const institutionId = lead.principal.institutionId
        // later pools: half of each pool to the S2 collector, the rest waits for the lead
        const later = await queryRows<{ id: string; stage_code: string }>(
          tx,
          sql`select id, stage_code from collection_cases where institution_id = ${institutionId}::uuid
            and status = 'unassigned' and position_code = 'collector_s2' order by stage_code, loan_no`,
        )
        const byStage = new Map<string, string[]>()
        for (const c of later) byStage.set(c.stage_code, [...(byStage.get(c.stage_code) ?? []), c.id])
        for (const ids of byStage.values()) {
          const half = ids.slice(0, Math.ceil(ids.length / 2))
          if (half.length > 0)
            await assignCases({ tx, ...lead, input: { caseIds: half, collectorId: c2.principal.userId } })
        }
        // the collectors' work of the last day
        const today = await getBusinessDate(tx, institutionId)
        const mine = await queryRows<{ id: string; collector_id: string; overdue_amount: string }>(
          tx,
          sql`select id, collector_id, overdue_amount::text from collection_cases where institution_id = ${institutionId}::uuid
            and status = 'assigned' order by stage_rank desc, overdue_amount desc limit 12`,
        )
        for (const [k, c] of mine.entries()) {
          const collector = c.collector_id === c1.principal.userId ? c1 : c2
          if (k % 3 === 2) {
            await recordContact({
              tx,
              ...collector,
              caseId: c.id,
              input: { channel: 'call', contact: 'borrower', reached: false, resultCode: 'no_answer' },
            })
          } else {
            const amount = Decimal.max(100, new Decimal(c.overdue_amount).dividedBy(2).floor()).toFixed(2)
            await recordContact({
              tx,
              ...collector,
              caseId: c.id,
              input: {
                channel: 'call',
                contact: 'borrower',
                reached: true,
                resultCode: 'promise_to_pay',
                notes: '借款人承诺近期还款（演示）',
                promise: { amount, date: addDays(today, 1 + (k % 5)) },
              },
            })
          }
          records++
        }
        await loadDemoLegalCase(tx, lead)
      })
    }
  } finally {
    setCollectionsWallClock(systemClock)
  }
  log(`demo collections: ${records} records in ${Date.now() - started} ms`)
  return records
}
