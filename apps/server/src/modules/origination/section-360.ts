/** The applications section of the customer 360: each application with its review history. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import { registerCustomer360Section } from '../customers/index.ts'
import { reviewOrders } from '../review/schema.ts'
import { applicationDto, applicationScope } from './application-queries.ts'
import { applications } from './schema.ts'

registerCustomer360Section({
  key: 'applications',
  permission: 'application.read',
  async load(tx, principal, customerId) {
    const rows = await tx
      .select()
      .from(applications)
      .where(and(eq(applications.customerId, customerId), applicationScope(principal)))
      .orderBy(desc(applications.createdAt))
      .limit(50)
    const ids = rows.map((r) => r.id)
    const reviews = ids.length
      ? await tx
          .select()
          .from(reviewOrders)
          .where(inArray(reviewOrders.applicationId, ids))
          .orderBy(asc(reviewOrders.createdAt))
      : []
    return {
      data: {
        total: rows.length,
        items: rows.map((r) => ({
          ...applicationDto(r),
          reviews: reviews
            .filter((o) => o.applicationId === r.id)
            .map((o) => ({
              stage: o.stage,
              status: o.status,
              assigneeName: o.assigneeName,
              result: o.result,
              rejectReasonCode: o.rejectReasonCode,
              notes: o.notes,
              completedAt: o.completedAt?.toISOString() ?? null,
            })),
        })),
      },
      related: [{ objectType: 'application', ids }],
    }
  },
})
