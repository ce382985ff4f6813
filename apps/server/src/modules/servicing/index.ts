/**
 * Servicing (资产管理): loan products and their versions, loan accounts with their schedules,
 * disbursement through the payment adapter, repayments, prepayments, reversals, waivers, write-offs,
 * and the double-entry ledger they book. The daily close lives in `cob/` (its own owner).
 *
 * Other modules call only what is exported here.
 */
import './messages.ts'
import './operations.ts'
import './update-product.ts'
import './waive-charges.ts'
import './write-off-loan.ts'

export { ACCOUNTS, type AccountCode, CHART_OF_ACCOUNTS, ensureChartOfAccounts } from './accounts.ts'
export { type CreateLoanInput, createLoan } from './create-loan.ts'
export { createProduct } from './create-product.ts'
export { disburseLoan } from './disburse-loan.ts'
export {
  findLoan,
  getLoan,
  getLoanJournal,
  type LoanDto,
  listLoans,
  listLoanTransactions,
  lockLoan,
} from './loan-queries.ts'
export { type PaymentGateway, setPaymentGateway } from './payment-gateway.ts'
export { type JournalLine, postJournalEntry } from './post-journal-entry.ts'
export { bookRepayment, postRepayment, type RepaymentInput } from './post-repayment.ts'
export { getPayoffQuote, prepayLoan } from './prepay-loan.ts'
export { getProduct, listProducts } from './product-queries.ts'
export { registerServicingRoutes } from './routes.ts'
export { loanSearch } from './search.ts'
export { trialBalance, verifyLedger } from './verify-ledger.ts'
