/**
 * Demo customers: a few hundred per lender, created through the customers module's own operation.
 * Deterministic (seeded per institution), and each lender's first customer is a fixed, documented one
 * that the customer-service journey looks up by phone.
 */
import { eq } from 'drizzle-orm'
import { createCustomer } from '../modules/customers/create-customer.ts'
import { institutions } from '../modules/identity/schema.ts'
import { SYSTEM_ACTOR } from '../platform/audit/record.ts'
import { getBusinessDate } from '../platform/clock.ts'
import type { Tx } from '../platform/db/open.ts'
import type { PiiCipher } from '../platform/pii.ts'
import { type DemoCustomer, demoCustomer, prng } from './customer-data.ts'

export const DEMO_CUSTOMERS_PER_LENDER = 100

/** The showcase customer of each lender (phone and ID are fictitious but valid). */
export const DEMO_SHOWCASE: Record<string, { name: string; phone: string; idNumber: string }> = {
  huixin: { name: '王建国', phone: '13912345678', idNumber: '110105198503157739' },
  ruifeng: { name: '李秀英', phone: '13987654321', idNumber: '310104199108214524' },
  jinqiao: { name: '陈志强', phone: '13711112222', idNumber: '44030519881212003X' },
}

export async function loadDemoCustomers(tx: Tx, pii: PiiCipher): Promise<number> {
  let created = 0
  for (const [code, showcase] of Object.entries(DEMO_SHOWCASE)) {
    const [inst] = await tx.select().from(institutions).where(eq(institutions.code, code))
    if (!inst) continue
    const rnd = prng([...code].reduce((h, ch) => h * 31 + ch.charCodeAt(0), 7))
    const businessDate = await getBusinessDate(tx, inst.id)
    const seenIds = new Set<string>()
    const seenPhones = new Set<string>()
    for (let i = 0; i < DEMO_CUSTOMERS_PER_LENDER; i++) {
      const base = demoCustomer(rnd)
      const input: DemoCustomer = i === 0 ? { ...base, ...showcase, otherPhones: [], tags: ['优质客户'] } : base
      if (seenIds.has(input.idNumber) || seenPhones.has(input.phone)) continue
      seenIds.add(input.idNumber)
      seenPhones.add(input.phone)
      await createCustomer({
        tx,
        actor: { ...SYSTEM_ACTOR, name: 'demo' },
        pii,
        institutionId: inst.id,
        input,
        businessDate,
      })
      created++
    }
  }
  return created
}
