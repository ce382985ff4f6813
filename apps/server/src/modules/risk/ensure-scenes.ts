/**
 * The built-in scenes (场景) every lender starts with. Called for each new institution and, at start,
 * for institutions created before the risk module existed.
 */
import { sql } from 'drizzle-orm'
import type { Queryable } from '../../platform/db/open.ts'
import { riskScenes } from './schema.ts'

export const BUILT_IN_SCENES = [
  {
    code: 'register_login',
    name: '注册登录 (register / login)',
    description: 'Security interception at sign-up and sign-in',
  },
  { code: 'pre_review', name: '预审 (pre-review)', description: 'Whether the customer may borrow, and how much' },
  {
    code: 'loan_review',
    name: '借款审核 (loan review)',
    description: 'Re-check when a customer with a line asks for a loan',
  },
] as const

export async function ensureBuiltInScenes(tx: Queryable, institutionId: string): Promise<void> {
  await tx
    .insert(riskScenes)
    .values(BUILT_IN_SCENES.map((scene) => ({ ...scene, institutionId, builtIn: true })))
    .onConflictDoNothing()
}

/** Start-time backfill: every lender institution has the built-in scenes. */
export async function backfillBuiltInScenes(tx: Queryable): Promise<void> {
  const rows = (await tx.execute(
    sql`select i.id from institutions i where i.kind = 'lender'
      and not exists (select 1 from risk_scenes s where s.institution_id = i.id and s.code = 'pre_review')`,
  )) as unknown as { rows: { id: string }[] }
  for (const row of rows.rows) await ensureBuiltInScenes(tx, row.id)
}
