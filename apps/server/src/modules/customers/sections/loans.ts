/**
 * The loans section of the customer 360: each loan with its schedule and repayments, read through the
 * servicing module's public surface (servicing/index.ts), within the caller's scope.
 */
import { getLoan, listLoans, listLoanTransactions } from '../../servicing/index.ts'
import { registerCustomer360Section } from '../customer-360.ts'

const MAX_LOANS = 50

registerCustomer360Section({
  key: 'loans',
  permission: 'loan.read',
  async load(tx, principal, customerId) {
    const page = await listLoans(tx, principal, {
      page: 1,
      pageSize: MAX_LOANS,
      order: 'desc',
      sort: 'createdAt',
      customerId,
    })
    const loans = []
    for (const loan of page.items)
      loans.push({
        ...(await getLoan(tx, principal, loan.id)),
        transactions: await listLoanTransactions(tx, principal, loan.id),
      })
    return { data: { total: page.total, items: loans }, related: [{ objectType: 'loan', ids: loans.map((l) => l.id) }] }
  },
})
