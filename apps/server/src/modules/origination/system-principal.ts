/**
 * The principal origination acts as when a step is not a staff member's (the borrower signs and the
 * loan is opened and disbursed; an automatic approval): institution scope, no user.
 */
import { sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import type { Actor } from '../../platform/audit/record.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'

export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000'

export async function originationPrincipal(tx: Tx, institutionId: string): Promise<StaffPrincipal> {
  const [inst] = await queryRows<{ code: string; name: string; business_date: string | null }>(
    tx,
    sql`select i.code, i.name, (select b.business_date::text from business_dates b where b.institution_id = i.id) as business_date
      from institutions i where i.id = ${institutionId}::uuid`,
  )
  return {
    kind: 'staff',
    userId: SYSTEM_USER_ID,
    username: 'origination',
    displayName: 'origination',
    institutionId,
    institutionCode: inst?.code ?? '',
    institutionName: inst?.name ?? '',
    institutionKind: 'lender',
    teamId: null,
    permissions: new Set(['loan.read', 'loan.manage', 'application.read']),
    scope: 'institution',
    online: false,
    csrfToken: '',
    businessDate: inst?.business_date ?? null,
  }
}

export function originationActor(institutionId: string, ip: string | null = null): Actor {
  return { type: 'system', id: null, name: 'origination', institutionId, ip }
}
