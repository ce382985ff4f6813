/**
 * The demo acts as its staff: each demo loader calls the real operations with the principal and audit
 * actor of a named demo user, read from the database the way a session would resolve it.
 */
import { sql } from 'drizzle-orm'
import { type StaffPrincipal, widestScope } from '../platform/access/principal.ts'
import type { Actor } from '../platform/audit/record.ts'
import { queryRows, type Tx } from '../platform/db/open.ts'

export type DemoStaff = { principal: StaffPrincipal; actor: Actor }

export async function demoStaff(tx: Tx, username: string): Promise<DemoStaff> {
  const [r] = await queryRows<{
    id: string
    username: string
    display_name: string
    institution_id: string
    code: string
    name: string
    kind: 'platform' | 'lender'
    team_id: string | null
    online: boolean
    operations: string[] | null
    scopes: string[] | null
  }>(
    tx,
    sql`select u.id, u.username, u.display_name, u.institution_id, i.code, i.name, i.kind, u.team_id, u.online,
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
      username: r.username,
      displayName: r.display_name,
      institutionId: r.institution_id,
      institutionCode: r.code,
      institutionName: r.name,
      institutionKind: r.kind,
      teamId: r.team_id,
      permissions: new Set(r.operations ?? []),
      scope: widestScope(r.scopes ?? []),
      online: r.online,
      csrfToken: '',
      businessDate: null,
    },
    actor: { type: 'staff', id: r.id, name: r.username, institutionId: r.institution_id, ip: null },
  }
}
