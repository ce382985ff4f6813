/**
 * Origination and credit review end to end: a borrower applies on the H5 (mobile) and uploads an ID
 * photo; the application goes to manual review; the team lead batch-assigns it; the first reviewer
 * approves; the lead assigns the second review and the second reviewer approves; the borrower signs
 * the contract; the money is disbursed and the borrower sees the repayment plan; a customer-service
 * agent then finds that customer by phone in one step and sees the loan on the customer 360 page.
 * Routing to manual review is made deterministic by the product's policy ("always manual"), set
 * through the API at the start; the applicant is 21 (the demo strategy's "under 22" rule agrees).
 */
import { type APIRequestContext, type Browser, expect, type Page, request, test } from '@playwright/test'

// a fresh borrower per run (the suite may run against a long-lived server); 21 years old
const PHONE = `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
const ID_NUMBER = idNumber(`11010520050815${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`)

/** GB 11643 check character. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((a, d, i) => a + Number(d) * weights[i]!, 0)
  return first17 + '10X98765432'[sum % 11]!
}
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF e2e id photo'),
  Buffer.alloc(2048, 1),
])

test.use({ locale: 'zh-CN' })
test.setTimeout(420_000)

async function staffApi(baseURL: string, username: string, password = 'demo1234'): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL })
  const res = await ctx.post('/api/v1/auth/login', { data: { username, password } })
  expect(res.ok()).toBeTruthy()
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  return request.newContext({
    baseURL,
    storageState: await ctx.storageState(),
    extraHTTPHeaders: { 'x-csrf-token': csrfToken },
  })
}

async function signIn(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } })).newPage()
  await page.goto('/login')
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill('demo1234')
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('welcome-card')).toBeVisible()
  return page
}

async function assignInPool(lead: Page, stage: 'first' | 'second', appNo: string, reviewer: string) {
  await lead.goto('/review/pools')
  if (stage === 'second') await lead.getByRole('tab', { name: '复审' }).click()
  const panel = lead.getByRole('tabpanel', { name: stage === 'first' ? '初审' : '复审' })
  await panel.getByPlaceholder('申请编号').fill(appNo)
  await panel.getByPlaceholder('申请编号').press('Enter')
  const row = panel.locator('tr', { hasText: appNo })
  await expect(row).toBeVisible()
  await row.locator('input[type="checkbox"]').check()
  await panel.getByTestId('batch-assign').click()
  // only online reviewers of the pool's group are offered: here exactly the one we expect
  const modal = lead.getByRole('dialog')
  await modal.getByRole('combobox').click()
  await expect(lead.locator('.ant-select-item-option')).toHaveCount(1)
  await lead.locator('.ant-select-item-option', { hasText: reviewer }).click()
  await lead.locator('#assign-ok').click()
  await expect(row).toContainText(reviewer)
}

async function approveAsReviewer(page: Page, appNo: string) {
  await page.goto('/review/my-orders')
  await page.getByTestId('my-order-link').filter({ hasText: appNo }).first().click()
  await expect(page.getByText('申请信息')).toBeVisible()
  await page.getByTestId('review-notes').fill('资料齐全，电话核实通过')
  await page.getByTestId('review-approve').click()
  await expect(page.locator('.ant-tag', { hasText: '审核通过' }).first()).toBeVisible()
}

test.describe('origination journey', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })

  test('apply on the H5 → manual review → first and second review → sign → disbursed → plan', async ({
    page,
    browser,
    baseURL,
  }) => {
    const admin = await staffApi(baseURL!, 'huixin.admin')
    // the product of the journey sends every application to manual review (deterministic routing)
    const products = (await (await admin.get('/api/v1/products?status=listed&pageSize=50')).json()) as {
      items: { id: string; name: string }[]
    }
    const product = products.items.find((p) => p.name.startsWith('随心贷'))!
    expect(
      (
        await admin.put('/api/v1/origination/policies', {
          data: { productId: product.id, alwaysManual: true, tiers: [{ minAmount: '0', maxAmount: null, steps: [] }] },
        })
      ).ok(),
    ).toBeTruthy()

    // 1. the borrower signs in on the H5 with a code from the Outbox
    await page.goto('/h5/login')
    await page.locator('input[name="phone"]').fill(PHONE)
    await page.getByTestId('send-code').click()
    await expect(page.getByTestId('send-code')).toContainText('秒后重发')
    // the code is in the platform's outbox (a borrower belongs to no institution yet)
    const platformAdmin = await staffApi(baseURL!, 'admin', 'admin123')
    const outbox = (await (await platformAdmin.get(`/api/v1/notifications?q=${PHONE}&pageSize=5`)).json()) as {
      items: { body: string }[]
    }
    const code = /\d{6}/.exec(outbox.items[0]!.body)![0]
    await page.locator('input[name="code"]').fill(code)
    await page.getByTestId('h5-login').click()
    await expect(page.getByTestId('h5-phone')).toBeVisible()

    // 2. applies: product, amount, term, the missing personal data, the ID photo (tus upload)
    await page.getByTestId('h5-apply').click()
    await page.getByRole('radio', { name: /随心贷.*汇信/ }).click()
    await page.locator('input[data-testid="h5-amount"], [data-testid="h5-amount"] input').first().fill('8000')
    await page.locator('input[data-testid="h5-term"], [data-testid="h5-term"] input').first().fill('6')
    await page.locator('input[data-testid="h5-income"], [data-testid="h5-income"] input').first().fill('12000')
    await page.getByTestId('h5-name').fill('刘小北')
    await page.getByTestId('h5-id-number').fill(ID_NUMBER)
    await page.getByTestId('h5-province').fill('北京')
    await page.getByTestId('h5-city').fill('北京')
    await page.getByTestId('h5-employer').fill('北京某科技有限公司')
    await page.getByTestId('h5-contact-name').fill('刘大北')
    await page.getByTestId('h5-contact-phone').fill('13900002222')
    await page.getByTestId('h5-id-photo').setInputFiles({ name: 'id-front.jpg', mimeType: 'image/jpeg', buffer: JPEG })
    await expect(page.getByTestId('h5-uploaded')).toBeVisible()
    await page.getByTestId('h5-submit').click()
    await expect(page).toHaveURL(/\/h5\/applications\/[0-9a-f-]{36}$/)
    await expect(page.getByTestId('h5-app-status')).toHaveText('审核中')
    const appNo = /AP\d+/.exec((await page.locator('.xd-h5-hero').textContent()) ?? '')![0]

    // 3. the first reviewer goes online in the console; the team lead batch-assigns the order
    const review1 = await signIn(browser, 'huixin.review1')
    const toggle = review1.getByTestId('online-toggle')
    if ((await toggle.getAttribute('aria-checked')) !== 'true') await toggle.click()
    await expect(toggle).toHaveAttribute('aria-checked', 'true')
    const lead = await signIn(browser, 'huixin.reviewlead')
    await assignInPool(lead, 'first', appNo, '初审员 张敏')

    // 4. the first reviewer approves on the one-screen review page
    await approveAsReviewer(review1, appNo)

    // 5. the second reviewer is online (set through the API); the lead assigns; the reviewer approves
    const review2Api = await staffApi(baseURL!, 'huixin.review2')
    expect((await review2Api.put('/api/v1/me/status', { data: { online: true } })).ok()).toBeTruthy()
    await assignInPool(lead, 'second', appNo, '复审员 陈刚')
    const review2 = await signIn(browser, 'huixin.review2')
    await approveAsReviewer(review2, appNo)

    // 6. the borrower sees "approved", reads the contract, consents and signs; the money goes out
    await expect(page.getByTestId('h5-app-status')).toHaveText('审批通过', { timeout: 15_000 })
    await expect(page.getByTestId('h5-contract-link')).toBeVisible()
    const pdf = await page.request.get(`/api/v1/borrower/applications/${page.url().split('/').pop()}/contract.pdf`)
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    await page.getByTestId('h5-consent').click()
    await page.getByTestId('h5-sign').click()
    await expect(page.getByTestId('h5-signed')).toBeVisible()
    await expect(page.getByTestId('h5-app-status')).toHaveText('已放款')
    // 7. the repayment plan
    await expect(page.getByTestId('h5-plan').locator('tbody tr')).toHaveCount(6)

    // 8. a customer-service agent finds that customer by phone in one step and sees the loan on the 360
    const view = (await (
      await page.request.get(`/api/v1/borrower/applications/${page.url().split('/').pop()}`)
    ).json()) as { plan: { loanNo: string } }
    const agent = await signIn(browser, 'huixin.cs')
    const search = agent.getByTestId('global-search')
    await search.fill(PHONE)
    await search.press('Enter')
    await expect(agent).toHaveURL(/\/customers\/[0-9a-f-]{36}$/)
    await expect(agent.getByTestId('section-identity')).toContainText('刘小北')
    await expect(agent.getByTestId('section-loans')).toContainText(view.plan.loanNo)

    await admin.put('/api/v1/origination/policies', {
      data: { productId: product.id, alwaysManual: false, tiers: [{ minAmount: '0', maxAmount: null, steps: [] }] },
    })
    await review2Api.put('/api/v1/me/status', { data: { online: false } })
  })
})

test.describe('console: in-branch signature and the reject-reason catalog', () => {
  test('staff sign a staff-entered application in branch; the lead adds and disables a reject reason', async ({
    browser,
    baseURL,
  }) => {
    const admin = await staffApi(baseURL!, 'huixin.admin')
    const lead = await staffApi(baseURL!, 'huixin.reviewlead')
    const reviewers = {
      first: await staffApi(baseURL!, 'huixin.review1'),
      second: await staffApi(baseURL!, 'huixin.review2'),
    }
    const products = (await (await admin.get('/api/v1/products?status=listed&pageSize=50')).json()) as {
      items: { id: string; name: string }[]
    }
    const product = products.items.find((p) => p.name.startsWith('随心贷'))!
    const policy = (alwaysManual: boolean) =>
      admin.put('/api/v1/origination/policies', {
        data: { productId: product.id, alwaysManual, tiers: [{ minAmount: '0', maxAmount: null, steps: [] }] },
      })
    expect((await policy(true)).ok()).toBeTruthy()

    // a customer entered by staff, with no H5 account, and an application entered for them
    const phone = `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    const customer = await admin.post('/api/v1/customers', {
      data: {
        name: '柜面签约客户',
        idNumber: idNumber(`11010519880808${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`),
        phone,
        otherPhones: [],
        address: { province: '北京市', city: '北京市', district: '朝阳区', detail: '建设路1号' },
        job: { employer: '某公司', position: '工程师', industry: '信息技术', monthlyIncome: '12000.00' },
        contacts: [{ name: '张三', relation: 'spouse', phone: '13700003333' }],
        bankCards: [],
        tags: [],
        channel: 'offline',
      },
    })
    expect(customer.status(), await customer.text()).toBe(201)
    const customerId = ((await customer.json()) as { id: string }).id
    const applied = await admin.post('/api/v1/applications', {
      data: {
        customerId,
        productId: product.id,
        amount: '6000.00',
        term: 6,
        purpose: '装修',
        employmentType: 'salaried',
        monthlyIncome: '12000.00',
      },
    })
    expect(applied.status(), await applied.text()).toBe(201)
    const app = (await applied.json()) as { id: string; appNo: string }

    // both review stages approve it (through the API; the journey above covers the review screens)
    for (const stage of ['first', 'second'] as const) {
      const api = reviewers[stage]
      expect((await api.put('/api/v1/me/status', { data: { online: true } })).ok()).toBeTruthy()
      const me = (await (await api.get('/api/v1/me')).json()) as { id: string }
      const orders = (await (await lead.get(`/api/v1/review/orders?q=${app.appNo}&stage=${stage}`)).json()) as {
        items: { id: string; assigneeId: string | null }[]
      }
      const order = orders.items[0]!
      if (order.assigneeId !== me.id)
        expect(
          (await lead.post('/api/v1/review/orders/assign', { data: { orderIds: [order.id], reviewerId: me.id } })).ok(),
        ).toBeTruthy()
      expect(
        (await api.post(`/api/v1/review/orders/${order.id}/decide`, { data: { result: 'approved' } })).ok(),
      ).toBeTruthy()
    }

    // the admin records the borrower's signature at the counter; the money goes out
    const page = await signIn(browser, 'huixin.admin')
    await page.goto(`/origination/applications/${app.id}`)
    await expect(page.locator('.ant-tag', { hasText: '审批通过' }).first()).toBeVisible()
    await page.getByTestId('sign-in-branch').click()
    const dialog = page.getByRole('dialog')
    await expect(page.locator('#sign-in-branch-ok')).toBeDisabled()
    await dialog.getByText('已核验借款人身份证原件').click()
    await dialog.getByText('借款人已阅读并同意').click()
    await dialog.getByPlaceholder('签署设备').fill('朝阳支行 2 号柜台')
    await page.locator('#sign-in-branch-ok').click()
    await expect(page.locator('.ant-tag', { hasText: '已放款' }).first()).toBeVisible({ timeout: 15_000 })
    await expect(page.getByText('柜面签约').first()).toBeVisible()
    await expect(page.getByText('朝阳支行 2 号柜台')).toBeVisible()

    // the lead adds a reject reason to the institution's catalog, then disables it
    const code = `e2e_${Date.now().toString(36)}`
    const leadPage = await signIn(browser, 'huixin.reviewlead')
    await leadPage.goto('/review/pools')
    await leadPage.getByRole('tab', { name: '拒绝原因' }).click()
    await leadPage.getByTestId('reason-add').click()
    const form = leadPage.getByRole('dialog')
    await form.getByLabel('代码').fill(code)
    await form.getByLabel('名称（中文）').fill('工作年限不足')
    await form.getByLabel('名称（英文）').fill('Not long enough in the job')
    await form.getByLabel('借款人看到的说明（中文）').fill('很抱歉，您的工作年限暂不满足要求')
    await form.getByLabel('借款人看到的说明（英文）').fill('Sorry, your time in the job is not yet long enough')
    await leadPage.locator('#reason-save').click()
    const row = leadPage.locator('tr', { hasText: code })
    await expect(row).toContainText('工作年限不足')
    // antd spaces two-character Chinese button labels ("停 用")
    await row.getByRole('button', { name: /停\s?用/ }).click()
    await expect(row.getByRole('button', { name: /启\s?用/ })).toBeVisible()

    expect((await policy(false)).ok()).toBeTruthy()
    for (const api of Object.values(reviewers)) await api.put('/api/v1/me/status', { data: { online: false } })
  })
})
