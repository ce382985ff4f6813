/**
 * Servicing journeys through the console against a real server: a product is made and listed, a loan
 * is entered, disbursed and repaid (schedule and journal follow); a pricing change and a waiver pass
 * through the four-eyes inbox; the daily close runs across a due date and the loan falls overdue.
 * Everything happens in the 汇信 institution, whose business date the daily close moves: serial.
 */
import { type Browser, expect, type Page, test } from '@playwright/test'

const PASSWORD = 'demo1234'
const INST_ADMIN = 'huixin.admin'
const FINANCE = 'huixin.finance'
const MANAGER = 'huixin.manager'

test.use({ locale: 'zh-CN' })
// each journey signs in several people and drives a real server; on a busy 2-core machine that takes minutes
test.describe.configure({ mode: 'serial', timeout: 240_000 })

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`

async function signIn(page: Page, username: string, password = PASSWORD) {
  await page.goto('/login')
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(password)
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('welcome-card')).toBeVisible()
}

async function staffPage(browser: Browser, baseURL: string | undefined, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  await signIn(page, username)
  return page
}

type ProductSpec = {
  name: string
  min: string
  max: string
  minTerm: number
  maxTerm: number
  unit: 'month' | 'day'
  rate: string
}

/** Five fields and 上架; returns the product detail page's URL. */
async function createListedProduct(page: Page, p: ProductSpec): Promise<string> {
  await page.getByTestId('menu-products').click()
  await page.getByTestId('create-product').click()
  const form = page.getByTestId('product-form')
  await form.locator('input[name="name"]').fill(p.name)
  await form.locator('input[name="minAmount"]').fill(p.min)
  await form.locator('input[name="maxAmount"]').fill(p.max)
  await form.locator('input[name="minTerm"]').fill(String(p.minTerm))
  await form.locator('input[name="maxTerm"]').fill(String(p.maxTerm))
  if (p.unit === 'day') {
    await page.getByTestId('product-term-unit').click()
    await page.locator('.ant-select-item-option', { hasText: /^天$/ }).click()
  }
  await form.locator('input[name="annualRatePercent"]').fill(p.rate)
  await page.getByTestId('product-form-submit').click()
  // the new product opens at once, in draft, with its APR shown
  await page.waitForURL(/\/servicing\/products\/[0-9a-f-]{36}$/)
  await expect(page.getByTestId('product-detail-status')).toHaveText('草稿')
  await expect(page.getByTestId('product-apr')).toContainText('%')
  await page.getByTestId('product-list').click()
  await expect(page.getByTestId('product-detail-status')).toHaveText('已上架')
  return page.url()
}

/** Enters and disburses a loan from the loans page; ends on the loan's page. */
async function createAndDisburseLoan(
  page: Page,
  { product, borrower, amount, term }: { product: string; borrower: string; amount: string; term: number },
) {
  await page.getByTestId('menu-loans').click()
  await page.getByTestId('create-loan').click()
  const form = page.getByTestId('loan-form')
  // the options are searched on the server while one types; the list can re-render under the click,
  // so the choice is checked and made again if it did not stick
  const select = page.getByTestId('loan-product')
  await expect(async () => {
    await select.click()
    await select.locator('input').fill(product)
    await page.locator('.ant-select-item-option', { hasText: product }).click({ timeout: 10_000 })
    await expect(select).toContainText(product, { timeout: 2_000 })
  }).toPass({ timeout: 60_000 })
  await form.locator('input[name="borrowerName"]').fill(borrower)
  await form.locator('input[name="amount"]').fill(amount)
  await form.locator('input[name="term"]').fill(String(term))
  await page.getByTestId('loan-form-submit').click()
  await expect(page.getByTestId('loan-disburse')).toBeVisible({ timeout: 60_000 })
  await page.getByTestId('loan-disburse').click()
  await expect(page.getByTestId('disburse-success')).toBeVisible({ timeout: 30_000 })
  await page.getByTestId('open-loan').click()
  await page.waitForURL(/\/servicing\/loans\/[0-9a-f-]{36}$/)
  await expect(page.getByTestId('loan-detail-status')).toHaveText('正常')
}

test('a product is made from five fields, a loan is disbursed and repaid, schedule and journal follow', async ({
  browser,
  baseURL,
}) => {
  const name = `E2E 消费贷 ${unique()}`
  const admin = await staffPage(browser, baseURL, INST_ADMIN)
  await createListedProduct(admin, {
    name,
    min: '1000',
    max: '50000',
    minTerm: 3,
    maxTerm: 12,
    unit: 'month',
    rate: '18',
  })
  await admin.screenshot({ path: 'test-results/servicing-product.png', fullPage: true })

  const finance = await staffPage(browser, baseURL, FINANCE)
  const borrower = `借款人${unique()}`
  await createAndDisburseLoan(finance, { product: name, borrower, amount: '12000', term: 6 })
  const schedule = finance.getByTestId('loan-schedule')
  await expect(schedule.locator('.ant-table-row')).toHaveCount(6)
  await expect(finance.getByTestId('loan-apr')).toContainText('%')

  // the first installment's amount is suggested; one click books it
  await finance.getByTestId('loan-repay').click()
  const amount = await finance.getByTestId('repayment-form').locator('input[name="amount"]').inputValue()
  if (!amount) {
    const first = schedule.locator('.ant-table-row').first()
    const total = (await first.locator('td').nth(7).textContent())?.replace(/,/g, '') ?? ''
    await finance.getByTestId('repayment-form').locator('input[name="amount"]').fill(total)
  }
  await finance.getByTestId('repayment-form').locator('input[name="externalRef"]').fill(`BANK-${unique()}`)
  await finance.getByTestId('repayment-submit').dblclick()
  await expect(finance.getByText(/^已入账/)).toBeVisible()
  await expect(schedule.locator('.ant-table-row').first()).toContainText('已还清')

  await finance.getByTestId('tab-transactions').click()
  const txRows = finance.getByTestId('loan-transactions').locator('.ant-table-row')
  // a double click is one submission: disbursement + exactly one repayment
  await expect(txRows).toHaveCount(2)
  await expect(txRows.filter({ hasText: '还款' })).toHaveCount(1)

  await finance.getByTestId('tab-journal').click()
  const journal = finance.getByTestId('loan-journal')
  await expect(journal).toContainText('放款')
  await expect(journal).toContainText('还款')
  await expect(journal).toContainText('资金清算')
  await finance.screenshot({ path: 'test-results/servicing-loan.png', fullPage: true })

  await finance.getByTestId('menu-ledger').click()
  await finance.getByTestId('ledger-verify').click()
  await expect(finance.getByTestId('ledger-verify-result')).toHaveClass(/ant-alert-success/)
  await expect(finance.getByTestId('trial-balanced')).toBeVisible()
  await finance.screenshot({ path: 'test-results/servicing-ledger.png', fullPage: true })
})

test('a pricing change and a waiver wait for a second person, who approves them in the inbox', async ({
  browser,
  baseURL,
}) => {
  const name = `E2E 复核 ${unique()}`
  const admin = await staffPage(browser, baseURL, INST_ADMIN)
  const productUrl = await createListedProduct(admin, {
    name,
    min: '1000',
    max: '20000',
    minTerm: 3,
    maxTerm: 12,
    unit: 'month',
    rate: '12',
  })
  await admin.getByTestId('product-edit').click()
  await admin.getByTestId('product-form').locator('input[name="annualRatePercent"]').fill('15')
  await admin.getByTestId('product-form-submit').click()
  await expect(admin.locator('.ant-modal-confirm-title')).toHaveText('定价变更已提交复核')
  await admin.getByRole('button', { name: /知道了|OK/ }).click()
  await expect(admin.getByTestId('product-pending-approval')).toBeVisible()
  // the requester cannot decide their own request
  await admin.getByTestId('menu-approvals').click()
  const ownRow = admin.getByTestId('approvals-inbox').locator('.ant-table-row', { hasText: name })
  await expect(ownRow).toContainText('等待他人复核')

  const finance = await staffPage(browser, baseURL, FINANCE)
  await createAndDisburseLoan(finance, { product: name, borrower: `减免客户${unique()}`, amount: '5000', term: 3 })
  const loanNo = (await finance.getByTestId('loan-no').textContent()) ?? ''
  await finance.getByTestId('loan-more').click()
  await finance.getByRole('menuitem', { name: '申请减免' }).click()
  const waiver = finance.getByTestId('loan-request-form')
  await waiver.locator('input[name="interest"]').fill('10')
  await waiver.locator('textarea[name="reason"]').fill('客户投诉，减免部分利息')
  await finance.getByTestId('loan-request-submit').click()
  await expect(finance.getByText('已提交复核')).toBeVisible()

  const manager = await staffPage(browser, baseURL, MANAGER)
  await manager.getByTestId('menu-approvals').click()
  const inbox = manager.getByTestId('approvals-inbox')
  const pricing = inbox.locator('.ant-table-row', { hasText: name })
  await pricing.getByTestId('approval-comment').fill('同意调价')
  await pricing.getByTestId('approval-approve').click()
  await expect(manager.getByText(/^已通过/)).toBeVisible()
  const waiverRow = inbox.locator('.ant-table-row', { hasText: loanNo })
  await expect(waiverRow).toContainText('减免')
  await manager.screenshot({ path: 'test-results/servicing-approvals.png', fullPage: true })
  await waiverRow.getByTestId('approval-approve').click()
  await expect(inbox.locator('.ant-table-row', { hasText: loanNo })).toHaveCount(0)

  // the new price is in force, and the loan shows the waived interest
  await admin.goto(productUrl)
  await expect(admin.getByTestId('product-pending-approval')).toHaveCount(0)
  await admin.getByRole('tab', { name: /版本历史/ }).click()
  await expect(admin.getByTestId('product-versions')).toContainText('15%')
  await finance.reload()
  await expect(finance.getByTestId('loan-schedule')).toContainText('10.00')
})

test('the daily close across a due date makes the loan overdue', async ({ browser, baseURL }) => {
  const name = `E2E 七天贷 ${unique()}`
  const admin = await staffPage(browser, baseURL, INST_ADMIN)
  await createListedProduct(admin, { name, min: '500', max: '5000', minTerm: 7, maxTerm: 30, unit: 'day', rate: '18' })

  const finance = await staffPage(browser, baseURL, FINANCE)
  await createAndDisburseLoan(finance, { product: name, borrower: `逾期客户${unique()}`, amount: '2000', term: 7 })
  const loanUrl = finance.url()
  await expect(finance.getByTestId('loan-dpd')).toContainText('0')
  const due =
    (await finance.getByTestId('loan-schedule').locator('.ant-table-row').first().locator('td').nth(1).textContent()) ??
    ''
  expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  // close up to three days after the due date
  const target = new Date(`${due}T00:00:00Z`)
  target.setUTCDate(target.getUTCDate() + 3)
  const toDate = target.toISOString().slice(0, 10)

  await finance.getByTestId('menu-cob').click()
  const picker = finance.locator('input[data-testid="cob-to-date"], [data-testid="cob-to-date"] input').first()
  await picker.click()
  await picker.fill(toDate)
  await picker.press('Enter')
  await finance.getByTestId('cob-start').click()
  await expect(finance.getByTestId('cob-progress')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 })
  await expect(finance.getByTestId('cob-business-date')).toHaveText(toDate)
  await finance.screenshot({ path: 'test-results/servicing-cob.png', fullPage: true })

  await finance.goto(loanUrl)
  await expect(finance.getByTestId('loan-detail-status')).toHaveText('逾期')
  await expect(finance.getByTestId('loan-dpd')).toContainText('3')
  await expect(finance.getByTestId('loan-schedule').locator('[data-status="overdue"]')).toHaveCount(1)
  await finance.getByTestId('menu-loans').click()
  await finance.getByTestId('loans-status-filter').click()
  await finance.locator('.ant-select-item-option', { hasText: /^逾期$/ }).click()
  await expect(finance.getByTestId('loans-table').locator('.ant-table-row').first()).toContainText('逾期')
})
