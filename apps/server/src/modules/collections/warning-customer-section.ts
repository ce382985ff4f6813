/**
 * The early-warning section of the customer 360: the warnings that concern the customer (their loans'
 * warnings and IP bursts they applied in) in the caller's scope. An open `ip_velocity` warning is the
 * customer's "suspected fraud" flag (疑似欺诈).
 */
import { and, desc, sql } from 'drizzle-orm'
import { registerCustomer360Section } from '../customers/index.ts'
import { collectionWarnings } from './schema.ts'
import { warningScope } from './warning-queries.ts'

registerCustomer360Section({
  key: 'warnings',
  permission: 'warning.read',
  async load(tx, principal, customerId) {
    const rows = await tx
      .select()
      .from(collectionWarnings)
      .where(and(sql`${customerId}::uuid = any(${collectionWarnings.customerIds})`, warningScope(principal)))
      .orderBy(desc(collectionWarnings.raisedAt))
      .limit(50)
    const open = (s: string) => s === 'open' || s === 'acknowledged'
    return {
      data: {
        total: rows.length,
        suspectedFraud: rows.some((w) => w.ruleCode === 'ip_velocity' && open(w.status)),
        items: rows.map((w) => ({
          id: w.id,
          ruleCode: w.ruleCode,
          severity: w.severity,
          subjectLabel: w.subjectLabel,
          status: w.status,
          businessDate: w.businessDate,
        })),
      },
      related: [{ objectType: 'collection_warning', ids: rows.map((w) => w.id) }],
    }
  },
})
