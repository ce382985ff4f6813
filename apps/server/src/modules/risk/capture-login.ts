/**
 * Device capture at borrower sign-up and sign-in, and the `register_login` scene (security
 * interception). Borrowers belong to the platform, so every active lender records the device and
 * IP (its velocity indicators count them); a lender with a published register_login strategy also
 * evaluates it. Without rules nothing can block: the sign-in goes on.
 */
import { sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { evaluateScene } from './evaluate-scene.ts'
import { riskDeviceEvents } from './schema.ts'

export type CaptureLoginOptions = {
  tx: Tx
  pii: PiiCipher
  borrowerId: string
  isNew: boolean
  ip: string | null
  fingerprint: string | null
}

type Lender = { institution_id: string; customer_id: string | null; has_rules: boolean }

/** Returns whether any lender's register_login strategy rejected the sign-in. */
export async function captureLogin(o: CaptureLoginOptions): Promise<{ blocked: boolean }> {
  const lenders = await queryRows<Lender>(
    o.tx,
    sql`select i.id as institution_id,
        (select c.id from customers c where c.institution_id = i.id and c.borrower_id = ${o.borrowerId}::uuid limit 1) as customer_id,
        (s.champion_version_id is not null) as has_rules
      from institutions i left join risk_scenes s on s.institution_id = i.id and s.code = 'register_login'
      where i.kind = 'lender' and i.status = 'active'`,
  )
  const event = o.isNew ? 'register' : 'login'
  const device = { fingerprint: o.fingerprint, ip: o.ip }
  const quiet = lenders.filter((l) => !l.has_rules)
  if (quiet.length > 0 && (o.ip || o.fingerprint)) {
    await o.tx.insert(riskDeviceEvents).values(
      quiet.map((l) => ({
        institutionId: l.institution_id,
        subjectKey: l.customer_id ? `customer:${l.customer_id}` : `borrower:${o.borrowerId}`,
        event,
        deviceFingerprint: o.fingerprint,
        ip: o.ip,
      })),
    )
  }
  let blocked = false
  for (const lender of lenders.filter((l) => l.has_rules)) {
    const result = await evaluateScene({
      tx: o.tx,
      pii: o.pii,
      institutionId: lender.institution_id,
      sceneCode: 'register_login',
      subject: { customerId: lender.customer_id, borrowerId: o.borrowerId },
      inputs: {},
      device,
      event,
    }).catch(() => null)
    if (result?.decision === 'reject') blocked = true
  }
  return { blocked }
}
