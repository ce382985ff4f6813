/**
 * Collections journeys in the 汇信 institution against a real server: after the daily close moves a
 * loan to S1, the team lead assigns its case to an S1 collector (an S2 collector is not offered), the
 * collector records a call with a promise to pay, the borrower repays, and after the next close the
 * case is "collected", gone from the pool, and the collection rate on the dashboard moves. Then a
 * contact attempt at 23:00 (the institution's local time) is refused with the rule.
 *
 * "23:00" is produced honestly: the compliance time is the wall clock in the institution's configured
 * time zone, so the test sets that zone (an Etc/GMT±N zone where it is 23:xx right now) through the
 * compliance settings page, and puts Asia/Shanghai back afterwards. No test-only clock in the server.
 */
import { type Browser, expect, type Page, test } from '@playwright/test'

const PASSWORD = 'demo1234'
test.use({ locale: 'zh-CN' })
test.describe.configure({ mode: 'serial', timeout: 180_000 })

async function signIn(page: Page, username: string) {
  await page.goto('/login')
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('welcome-card')).toBeVisible()
}

async function staffPage(browser: Browser, baseURL: string | undefined, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  await signIn(page, username)
  return page
}

/** The console's own API calls, with the CSRF header the console sends. */
async function api<T>(
  page: Page,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'xd_csrf')?.value ?? ''
  const res = await page.request.fetch(path, {
    method,
    data: body,
    headers: { 'x-csrf-token': csrf, 'accept-language': 'zh-CN', ...headers },
  })
  const text = await res.text()
  expect(res.status(), `${method} ${path}: ${text}`).toBeLessThan(300)
  return (text ? JSON.parse(text) : undefined) as T
}

const key = () => `e2e-coll-${Date.now()}-${Math.floor(Math.random() * 1e6)}`
const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** Runs the daily close up to `toDate` (waits for a close started by someone else to finish first). */
async function closeTo(page: Page, toDate: string) {
  for (let attempt = 0; attempt < 60; attempt++) {
    // another journey (servicing) may have closed the institution past the date already
    if ((await businessDate(page)) >= toDate) return
    const csrf = (await page.context().cookies()).find((c) => c.name === 'xd_csrf')?.value ?? ''
    const res = await page.request.post('/api/v1/cob/runs', { data: { toDate }, headers: { 'x-csrf-token': csrf } })
    if (res.status() === 409) {
      await page.waitForTimeout(1000)
      continue
    }
    expect(res.status(), await res.text()).toBe(202)
    const { id } = (await res.json()) as { id: string }
    await expect
      .poll(
        async () => (await api<{ request: { status: string } }>(page, 'GET', `/api/v1/cob/runs/${id}`)).request.status,
        {
          timeout: 120_000,
        },
      )
      .toBe('completed')
    return
  }
  throw new Error('the daily close stayed busy')
}

async function businessDate(page: Page): Promise<string> {
  const me = await api<{ institution: { businessDate: string } }>(page, 'GET', '/api/v1/me')
  return me.institution.businessDate
}

let loanId = ''
let loanNo = ''

test('a case moved to S1 is assigned, worked, repaid and collected; the collection rate moves', async ({
  browser,
  baseURL,
}) => {
  const finance = await staffPage(browser, baseURL, 'huixin.finance')
  const lead = await staffPage(browser, baseURL, 'huixin.collectlead')
  const collector = await staffPage(browser, baseURL, 'huixin.collector1')

  // a 7-day loan of the demo's short product, disbursed today
  const products = await api<{ items: { id: string; name: string; status: string }[] }>(
    finance,
    'GET',
    '/api/v1/products?pageSize=200&status=listed',
  )
  const product = products.items.find((p) => p.name.includes('周转快贷'))!
  const today = await businessDate(finance)
  const loan = await api<{ id: string; loanNo: string }>(finance, 'POST', '/api/v1/loans', {
    productId: product.id,
    amount: '1000.00',
    term: 7,
    method: 'bullet',
    borrowerName: '催收旅程',
  })
  loanId = loan.id
  loanNo = loan.loanNo
  await api(
    finance,
    'POST',
    `/api/v1/loans/${loanId}/disburse`,
    { external: { reference: key(), valueDate: today } },
    {
      'idempotency-key': key(),
    },
  )

  // the lead switches automatic assignment off in S1 (the demo has it on) so the case waits in the pool
  await lead.getByTestId('menu-collectionPools').click()
  await lead.getByTestId('pool-tab-S1').click()
  const auto = lead.getByTestId('pool-auto-assign')
  if ((await auto.getAttribute('aria-checked')) === 'true') {
    await auto.click()
    await expect(auto).toHaveAttribute('aria-checked', 'false')
  }

  // the daily close moves it to S1 (1 day past due)
  await closeTo(finance, addDays(today, 8))

  // the lead finds it in the S1 pool and assigns it: only S1 collectors are offered
  await lead.reload()
  await lead.getByTestId('pool-tab-S1').click()
  await lead.getByPlaceholder('借据号').fill(loanNo)
  await lead.getByPlaceholder('借据号').press('Enter')
  await lead.getByTestId(`assign-${loanNo}`).click()
  await lead.getByTestId('assign-collector').click()
  await expect(lead.getByTestId('collector-option-huixin.collector1')).toBeVisible()
  await expect(lead.getByTestId('collector-option-huixin.collector2')).toHaveCount(0)
  await lead.getByTestId('collector-option-huixin.collector1').click()
  await lead.getByTestId('assign-submit').click()
  await expect(lead.locator('.ant-message')).toContainText('已分配 1 件')

  // the dashboard before the repayment, over a fixed period around today
  const dashboard = `/collections/dashboard?from=${addDays(today, -30)}&to=${addDays(today, 30)}`
  await lead.goto(dashboard)
  const counts = lead.getByTestId('collection-counts')
  await expect(counts).toHaveText(/\d+\/\d+/)
  const [finishedBefore] = (await counts.textContent())!.split('/').map(Number)
  const rateBefore = await lead.getByTestId('collection-rate').textContent()

  // the collector works it from "my cases": a call with a promise to pay
  await collector.getByTestId('menu-collectionMyCases').click()
  await collector.getByTestId(`my-case-${loanNo}`).click()
  await expect(collector.getByText(`催收案件 ${loanNo}`)).toBeVisible()
  await collector.getByTestId('record-result').click()
  await collector.locator('.ant-select-item-option', { hasText: /^承诺还款$/ }).click()
  const caseDate = await businessDate(collector)
  await collector.getByTestId('record-promise-amount').fill('1100.00')
  await collector.getByTestId('record-promise-date').fill(addDays(caseDate, 1))
  await collector.getByTestId('record-notes').fill('借款人答应明天还清')
  await collector.getByTestId('record-submit').click()
  await expect(collector.getByTestId('case-records')).toContainText('借款人答应明天还清')
  await expect(collector.getByTestId('case-promises')).toContainText('待兑现')
  await collector.screenshot({ path: 'test-results/collections-case.png', fullPage: true })

  // the borrower repays everything
  await api(
    finance,
    'POST',
    `/api/v1/loans/${loanId}/repayments`,
    { amount: '1200.00', channel: 'bank_transfer' },
    {
      'idempotency-key': key(),
    },
  )
  await closeTo(finance, addDays(await businessDate(finance), 1))

  // collected, gone from the pool, finished in "my cases"
  await lead.getByTestId('menu-collectionPools').click()
  await lead.getByTestId('pool-tab-S1').click()
  await lead.getByTestId('pool-status').getByText('催收中').click()
  await lead.getByPlaceholder('借据号').fill(loanNo)
  await lead.getByPlaceholder('借据号').press('Enter')
  await expect(lead.getByTestId(`assign-${loanNo}`)).toHaveCount(0)
  await collector.getByTestId('menu-collectionMyCases').click()
  await collector.getByTestId('my-cases-finished').click()
  await expect(collector.getByTestId(`my-case-${loanNo}`)).toBeVisible()
  await expect(collector.getByRole('row', { name: new RegExp(loanNo) }).getByTestId('case-status')).toHaveText('已催回')

  // the collection rate moved: our case is finished in the period now (others may finish too)
  await lead.goto(dashboard)
  await expect
    .poll(async () => Number((await lead.getByTestId('collection-counts').textContent())!.split('/')[0]))
    .toBeGreaterThanOrEqual(finishedBefore! + 1)
  expect(Number(await lead.getByTestId('collection-rate').textContent())).toBeGreaterThan(Number(rateBefore))
  await expect(lead.getByTestId('collection-rate-chart')).toBeVisible()
  await lead.screenshot({ path: 'test-results/collections-dashboard.png', fullPage: true })
})

test('a contact attempt at 23:00 local time is refused with the reason', async ({ browser, baseURL }) => {
  const admin = await staffPage(browser, baseURL, 'huixin.admin')
  const collector = await staffPage(browser, baseURL, 'huixin.collector1')
  const open = await api<{ items: { id: string; loanNo: string }[] }>(
    collector,
    'GET',
    '/api/v1/collections/my-cases?status=open',
  )
  expect(open.items.length).toBeGreaterThan(0)

  // the zone where it is 23:xx now
  const now = new Date()
  let offset = (23 - now.getUTCHours() + 24) % 24
  if (offset > 14) offset -= 24
  const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`
  await admin.getByTestId('menu-collectionCompliance').click()
  const form = admin.getByTestId('compliance-form')
  await expect(form.locator('input[name="timeZone"]')).toHaveValue(/.+/)
  await form.locator('input[name="timeZone"]').fill(zone)
  await admin.getByTestId('compliance-save').click()
  await expect(admin.locator('.ant-message')).toContainText('合规设置已保存')

  try {
    await collector.goto(`/collections/cases/${open.items[0]!.id}`)
    await expect(collector.getByTestId('record-form')).toBeVisible()
    await collector.getByTestId('record-reached').click() // not reached
    await collector.getByTestId('record-result').click()
    await collector.locator('.ant-select-item-option', { hasText: /^无人接听$/ }).click()
    await collector.getByTestId('record-submit').click()
    await expect(collector.getByTestId('record-error')).toContainText(
      new RegExp(`合规限制：当前时间 23:\\d\\d（${zone.replace(/[+]/g, '\\+')}）不在允许联系的时段 08:00–22:00 内`),
    )
    await collector.screenshot({ path: 'test-results/collections-refused.png', fullPage: true })
  } finally {
    await api(admin, 'PUT', '/api/v1/collections/settings', { timeZone: 'Asia/Shanghai' })
  }
})
