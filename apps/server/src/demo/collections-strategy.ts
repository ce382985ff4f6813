/**
 * Demo strategies and a legal case, made by the real operations: before the simulated business days
 * each demo institution gets a champion strategy (by stage and amount) and a challenger (broken
 * promises first) on 30% of the cases, so every close segments the cases and the strategy report has
 * both arms to compare; after them the collection lead escalates the most urgent late case to legal
 * and follows it (firm assigned, filed, a court fee).
 */

import { sql } from 'drizzle-orm'
import { activateStrategy } from '../modules/collections/activate-strategy.ts'
import type { SegmentDef } from '../modules/collections/domain/strategy.ts'
import { escalateToLegal } from '../modules/collections/legal.ts'
import { addLegalFee, moveLegalCase } from '../modules/collections/legal-cases.ts'
import { createStrategy } from '../modules/collections/save-strategy.ts'
import { getBusinessDate } from '../platform/clock.ts'
import { queryRows, type Tx } from '../platform/db/open.ts'
import type { DemoStaff } from './principal.ts'

type Who = DemoStaff

const seg = (code: string, name: string, o: Partial<SegmentDef>): SegmentDef => ({
  code,
  name,
  stages: [],
  minAmount: null,
  maxAmount: null,
  minScore: null,
  maxScore: null,
  minBrokenPromises: null,
  maxBrokenPromises: null,
  minPreviousCases: null,
  maxPreviousCases: null,
  channels: [{ channel: 'call', weight: 100 }],
  priority: 3,
  contactEveryDays: null,
  ...o,
})

const EARLY = ['S1', 'M1']
const LATER = ['S2', 'S3', 'S4', 'M2', 'M3', 'M4+']

export async function setupDemoStrategies(tx: Tx, admin: Who): Promise<void> {
  const champion = await createStrategy({
    tx,
    ...admin,
    input: {
      name: '标准策略（按阶段与金额）',
      description: '早期小额以短信为主，大额与后期以电话为主，长期逾期加信函与律师函。',
      segments: [
        seg('early-small', '早期小额', {
          stages: EARLY,
          maxAmount: '2000.00',
          channels: [
            { channel: 'sms', weight: 70 },
            { channel: 'call', weight: 30 },
          ],
          priority: 4,
          contactEveryDays: 3,
        }),
        seg('early-large', '早期大额', {
          stages: EARLY,
          minAmount: '2000.00',
          channels: [
            { channel: 'call', weight: 80 },
            { channel: 'sms', weight: 20 },
          ],
          priority: 3,
          contactEveryDays: 2,
        }),
        seg('mid', '中期', {
          stages: ['S2', 'S3', 'M2', 'M3'],
          channels: [
            { channel: 'call', weight: 70 },
            { channel: 'visit', weight: 20 },
            { channel: 'letter', weight: 10 },
          ],
          priority: 2,
          contactEveryDays: 2,
        }),
        seg('late', '长期逾期', {
          stages: ['S4', 'M4+'],
          channels: [
            { channel: 'call', weight: 40 },
            { channel: 'letter', weight: 30 },
            { channel: 'legal_notice', weight: 30 },
          ],
          priority: 1,
          contactEveryDays: 1,
        }),
      ],
    },
  })
  const challenger = await createStrategy({
    tx,
    ...admin,
    input: {
      name: '失信优先策略',
      description: '有失信记录的案件不分阶段优先上门与电话；其余早期只发短信。',
      segments: [
        seg('broken', '有失信', {
          minBrokenPromises: 1,
          channels: [
            { channel: 'call', weight: 60 },
            { channel: 'visit', weight: 40 },
          ],
          priority: 1,
          contactEveryDays: 1,
        }),
        seg('early', '早期守信', {
          stages: EARLY,
          maxBrokenPromises: 0,
          channels: [{ channel: 'sms', weight: 100 }],
          priority: 4,
          contactEveryDays: 3,
        }),
        seg('later', '中后期守信', {
          stages: LATER,
          maxBrokenPromises: 0,
          channels: [
            { channel: 'call', weight: 60 },
            { channel: 'letter', weight: 20 },
            { channel: 'legal_notice', weight: 20 },
          ],
          priority: 2,
          contactEveryDays: 2,
        }),
      ],
    },
  })
  await activateStrategy({ tx, ...admin, id: champion.id, input: { role: 'champion' } })
  await activateStrategy({ tx, ...admin, id: challenger.id, input: { role: 'challenger', challengerPercent: 30 } })
}

/** The most urgent open case of the latest stages goes to legal and is followed to filing. */
export async function loadDemoLegalCase(tx: Tx, lead: Who): Promise<void> {
  const [c] = await queryRows<{ id: string; overdue_amount: string }>(
    tx,
    sql`select id, overdue_amount::text from collection_cases where institution_id = ${lead.principal.institutionId}::uuid
      and status in ('unassigned', 'assigned')
      and (collector_id is null or team_id = ${lead.principal.teamId}::uuid)
      order by stage_rank desc, overdue_amount desc, id limit 1`,
  )
  if (!c) return
  const today = await getBusinessDate(tx, lead.principal.institutionId)
  const escalated = await escalateToLegal({
    tx,
    ...lead,
    caseId: c.id,
    input: {
      reason: '长期逾期且多次失联，转法务起诉（演示）',
      documents: [
        { name: '借款合同', fileRef: 'demo://contract.pdf' },
        { name: '催收记录汇总', fileRef: 'demo://records.pdf' },
      ],
    },
  })
  const id = escalated.legalCaseId
  await moveLegalCase({
    tx,
    ...lead,
    id,
    input: {
      to: 'lawyer_assigned',
      date: today,
      firm: '上海明理律师事务所',
      lawyer: '王律师',
      notes: '委托律师代理诉讼',
      documents: [{ name: '委托代理合同', fileRef: 'demo://engagement.pdf' }],
    },
  })
  await moveLegalCase({
    tx,
    ...lead,
    id,
    input: {
      to: 'filed',
      date: today,
      court: '上海市浦东新区人民法院',
      docketNo: `（演示）沪0115民初${c.id.slice(0, 4)}号`,
      claimAmount: c.overdue_amount,
      documents: [{ name: '起诉状', fileRef: 'demo://complaint.pdf' }],
    },
  })
  await addLegalFee({
    tx,
    ...lead,
    id,
    input: { kind: 'court', amount: '350.00', date: today, notes: '案件受理费', documents: [] },
  })
}
