/**
 * Demo institutions and staff: the platform operator, three lenders, and one user for every persona
 * of PRODUCT.md §1. Deterministic: the same names, logins and passwords on every load.
 */
import { and, eq } from 'drizzle-orm'
import { createInstitution } from '../modules/identity/institutions.ts'
import { hashPassword } from '../modules/identity/passwords.ts'
import { positions, teams, userPositions, users } from '../modules/identity/schema.ts'
import { SYSTEM_ACTOR } from '../platform/audit/record.ts'
import type { Tx } from '../platform/db/open.ts'

export const DEMO_START_DATE = '2026-09-01'
export const DEMO_PASSWORD = 'demo1234'

export const DEMO_INSTITUTIONS = [
  { code: 'huixin', name: '汇信小额贷款有限公司' },
  { code: 'ruifeng', name: '瑞丰消费金融股份有限公司' },
  { code: 'jinqiao', name: '金桥网络小额贷款有限公司' },
] as const

/** persona login suffix → display name, position codes, team */
export const DEMO_PERSONAS = [
  { suffix: 'admin', name: '机构管理员', positions: ['inst_admin'], team: null },
  { suffix: 'cs', name: '客服 李娜', positions: ['cs_agent'], team: null },
  { suffix: 'risk', name: '风控经理 王强', positions: ['risk_manager'], team: null },
  { suffix: 'review1', name: '初审员 张敏', positions: ['review_first'], team: '信审一组' },
  { suffix: 'review2', name: '复审员 陈刚', positions: ['review_second'], team: '信审一组' },
  { suffix: 'reviewlead', name: '信审组长 刘洋', positions: ['review_lead'], team: '信审一组' },
  { suffix: 'collector1', name: 'S1 催收员 赵磊', positions: ['collector_s1'], team: '催收一组' },
  { suffix: 'collector2', name: 'S2 催收员 孙丽', positions: ['collector_s2'], team: '催收一组' },
  { suffix: 'collectlead', name: '催收组长 周杰', positions: ['collection_lead'], team: '催收一组' },
  { suffix: 'finance', name: '财务运营 吴芳', positions: ['finance_ops'], team: null },
  { suffix: 'manager', name: '总经理 郑华', positions: ['manager'], team: null },
] as const

export type DemoLogin = { username: string; password: string; persona: string; institution: string }

async function addUser(
  tx: Tx,
  institutionId: string,
  username: string,
  displayName: string,
  passwordHash: string,
  positionCodes: readonly string[],
  teamId: string | null,
) {
  const [u] = await tx
    .insert(users)
    .values({ institutionId, username, displayName, passwordHash, teamId })
    .returning({ id: users.id })
  for (const code of positionCodes) {
    const [pos] = await tx
      .select({ id: positions.id })
      .from(positions)
      .where(and(eq(positions.institutionId, institutionId), eq(positions.code, code)))
    if (!pos) throw new Error(`demo: no position ${code}`)
    await tx.insert(userPositions).values({ userId: u!.id, positionId: pos.id, institutionId })
  }
  return u!.id
}

export async function loadDemoStaff(tx: Tx): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = []
  const demoHash = await hashPassword(DEMO_PASSWORD)
  const platformId = await createInstitution({
    tx,
    actor: SYSTEM_ACTOR,
    input: { code: 'platform', name: '信贷平台运营方', kind: 'platform' },
    businessDate: DEMO_START_DATE,
  })
  await addUser(tx, platformId, 'admin', '平台管理员', await hashPassword('admin123'), ['platform_admin'], null)
  logins.push({ username: 'admin', password: 'admin123', persona: 'platform administrator', institution: 'platform' })
  await addUser(tx, platformId, 'operator', '平台运营 何静', demoHash, ['platform_operator'], null)
  logins.push({ username: 'operator', password: DEMO_PASSWORD, persona: 'platform operator', institution: 'platform' })
  for (const inst of DEMO_INSTITUTIONS) {
    const id = await createInstitution({
      tx,
      actor: SYSTEM_ACTOR,
      input: { code: inst.code, name: inst.name },
      businessDate: DEMO_START_DATE,
    })
    const teamIds = new Map<string, string>()
    for (const name of ['信审一组', '催收一组']) {
      const [t] = await tx.insert(teams).values({ institutionId: id, name }).returning({ id: teams.id })
      teamIds.set(name, t!.id)
    }
    for (const p of DEMO_PERSONAS) {
      const username = `${inst.code}.${p.suffix}`
      await addUser(tx, id, username, p.name, demoHash, p.positions, p.team ? (teamIds.get(p.team) ?? null) : null)
      logins.push({ username, password: DEMO_PASSWORD, persona: p.name, institution: inst.code })
    }
  }
  return logins
}
