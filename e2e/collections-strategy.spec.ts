/**
 * Collections strategy, legal process and overdue-rate dimensions in the 汇信 console, on the demo data
 * made by the real operations: the admin sees the champion and the challenger and their results
 * compared in a chart; the dashboard shows the overdue rate by reviewer with its chart and CSV; the
 * lead opens the demo legal case from the legal list and records a court fee, which adds up exactly.
 */
import { type Browser, expect, type Page, test } from '@playwright/test'

test.use({ locale: 'zh-CN' })
test.describe.configure({ mode: 'serial', timeout: 120_000 })

async function staffPage(browser: Browser, baseURL: string | undefined, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  await page.goto('/login')
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill('demo1234')
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('welcome-card')).toBeVisible()
  return page
}

test('the admin compares the champion and the challenger strategy', async ({ browser, baseURL }) => {
  const page = await staffPage(browser, baseURL, 'huixin.admin')
  await page.goto('/collections/strategies')
  const table = page.getByTestId('strategies')
  await expect(table.getByText('标准策略（按阶段与金额）')).toBeVisible()
  await expect(table.getByText('主策略')).toBeVisible()
  await expect(table.getByText('挑战者 30%')).toBeVisible()
  await expect(page.getByTestId('strategy-compare-chart').locator('canvas')).toBeVisible()
  const compare = page.getByTestId('strategy-compare-table')
  await expect(compare.getByText('失信优先策略')).toBeVisible()
  await expect(compare.getByText('早期小额')).toBeVisible()
})

test('the admin drafts a strategy: overlapping segments are refused, a valid one is saved', async ({
  browser,
  baseURL,
}) => {
  const page = await staffPage(browser, baseURL, 'huixin.admin')
  await page.goto('/collections/strategies')
  await page.getByTestId('strategy-new').click()
  const dialog = page.getByRole('dialog')
  const name = `电话优先 ${Date.now()}`
  await page.getByTestId('strategy-name').fill(name)
  await dialog.getByTestId('segment-0').getByLabel('分群名称').fill('全部案件')
  await page.getByTestId('segment-add').click()
  await dialog.getByTestId('segment-1').getByLabel('分群名称').fill('也是全部')
  await dialog.getByRole('button', { name: /OK|确\s*定/ }).click()
  await expect(page.getByText('分群 seg2 与 all 的条件重叠：同一案件不能同时属于两个分群')).toBeVisible()
  await dialog.getByTestId('segment-1').getByRole('button', { name: 'remove' }).click()
  await dialog.getByRole('button', { name: /OK|确\s*定/ }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('strategies').getByText(name)).toBeVisible()
})

test('the dashboard shows the overdue rate by reviewer, with a chart and CSV', async ({ browser, baseURL }) => {
  const page = await staffPage(browser, baseURL, 'huixin.admin')
  await page.goto('/collections/dashboard')
  await page.getByTestId('overdue-by').getByText('信审员').click()
  await expect(page.getByTestId('overdue-rate-chart').locator('canvas')).toBeVisible()
  await expect(page.getByRole('link', { name: /导出 CSV/ }).last()).toHaveAttribute('href', /overdue\.csv\?by=reviewer/)
  const csv = await page.request.get('/api/v1/collections/statistics/overdue.csv?by=reviewer')
  expect(csv.status()).toBe(200)
  expect(await csv.text()).toContain('reviewer,due,overdue,rateByCount')
})

test('the lead follows the demo legal case and records a fee', async ({ browser, baseURL }) => {
  const page = await staffPage(browser, baseURL, 'huixin.collectlead')
  await page.goto('/collections/legal')
  const list = page.getByTestId('legal-cases')
  await expect(list.getByText('已立案')).toBeVisible()
  await list.locator('a.xd-mono').first().click()
  const process = page.getByTestId('legal-process')
  await expect(process.getByTestId('legal-fees').first()).toHaveText('¥350.00')
  await process.getByTestId('legal-add-fee').first().click()
  await page.getByTestId('legal-fee-amount').fill('120.50')
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /OK|确\s*定/ })
    .click()
  await expect(process.getByTestId('legal-fees').first()).toHaveText('¥470.50')
  await expect(process.getByText('诉讼费 ¥120.50')).toBeVisible()
})
