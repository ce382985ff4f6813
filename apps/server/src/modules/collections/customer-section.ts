/** The collections section of the customer 360: the customer's cases in the caller's scope. */
import { and, desc, eq } from 'drizzle-orm'
import { registerCustomer360Section } from '../customers/index.ts'
import { collectionCases } from './schema.ts'
import { caseScope } from './scope.ts'

registerCustomer360Section({
  key: 'collections',
  permission: 'collection.read',
  async load(tx, principal, customerId) {
    const rows = await tx
      .select()
      .from(collectionCases)
      .where(and(eq(collectionCases.customerId, customerId), caseScope(principal)))
      .orderBy(desc(collectionCases.openedOn))
      .limit(50)
    return {
      data: {
        total: rows.length,
        items: rows.map((c) => ({
          id: c.id,
          loanNo: c.loanNo,
          status: c.status,
          stageCode: c.stageCode,
          dpd: c.dpd,
          overdueAmount: c.overdueAmount,
          openedOn: c.openedOn,
          finishedOn: c.finishedOn,
        })),
      },
      related: [{ objectType: 'collection_case', ids: rows.map((c) => c.id) }],
    }
  },
})
