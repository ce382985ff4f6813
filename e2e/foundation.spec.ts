/**
 * Foundation journeys through the console and the borrower H5, against a real server with demo data:
 * menus follow permissions, a new user shows up in the list and in the audit trail, the audit chain
 * verifies, the console speaks English on request, and a borrower signs in with a code from the Outbox.
 */
import { type Browser, expect, type Page, test } from '@playwright/test'

const ADMIN = { username: 'admin', password: 'admin123' }
/** A collector holds none of the foundation operations (no user, institution, audit or outbox access). */
const COLLECTOR = { username: 'huixin.collector1', password: 'demo1234' }

test.use({ locale: 'zh-CN' })

async function signIn(page: Page, { username, password }: { username: string; password: string }) {
  await page.goto('/login')
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(password)
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('welcome-card')).toBeVisible()
}

/** A staff page in its own browser context, so it can sit beside a borrower's mobile page. */
async function adminPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN' })
  const page = await context.newPage()
  await signIn(page, ADMIN)
  return page
}

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`

test('the platform administrator sees the system menu', async ({ page }) => {
  await signIn(page, ADMIN)
  const menu = page.getByTestId('side-menu')
  await expect(menu.getByTestId('menu-users')).toHaveText('用户管理')
  await expect(menu.getByTestId('menu-institutions')).toHaveText('机构管理')
  await expect(menu.getByTestId('menu-audit')).toHaveText('操作留痕')
  await expect(menu.getByTestId('menu-outbox')).toHaveText('消息外发箱')
  await expect(menu.getByTestId('menu-access')).toBeVisible()
})

test('a collector sees only what a collector may use', async ({ page }) => {
  await signIn(page, COLLECTOR)
  const menu = page.getByTestId('side-menu')
  await expect(menu.getByTestId('menu-home')).toBeVisible()
  for (const entry of ['users', 'access', 'teams', 'institutions', 'audit', 'outbox'])
    await expect(menu.getByTestId(`menu-${entry}`)).toHaveCount(0)
  // Typing the address of a page is no way around the menu.
  await page.goto('/system/users')
  await expect(page.getByText('无权访问')).toBeVisible()
})

test('a new user appears in the list and in the audit trail, and the chain verifies', async ({ page }) => {
  const username = `e2e.${unique()}`
  await signIn(page, ADMIN)
  await page.getByTestId('menu-users').click()
  await page.getByTestId('create-user').click()
  const form = page.getByTestId('user-form')
  await form.locator('input[name="username"]').fill(username)
  await form.locator('input[name="displayName"]').fill('端到端测试员')
  await form.locator('input[name="password"]').fill('Passw0rd2026')
  await form.locator('#positionIds').fill('平台运营')
  await page.locator('.ant-select-item-option', { hasText: '平台运营 · 平台运营' }).click()
  await form.locator('#positionIds').press('Escape')
  await page.getByTestId('user-form-submit').click()
  await expect(page.getByText(`已创建用户 端到端测试员`)).toBeVisible()

  await page.getByTestId('users-search').locator('input').fill(username)
  await page.getByTestId('users-search').locator('input').press('Enter')
  const row = page.getByTestId('users-table').locator('.ant-table-row', { hasText: username })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('平台运营')

  // One step from the user to their trail.
  await row.getByRole('link', { name: username }).click()
  await page.getByTestId('user-audit-link').click()
  const creation = page.getByTestId('audit-table').locator('.ant-table-row', { hasText: 'user.create' })
  await expect(creation).toHaveCount(1)
  await creation.click()
  await expect(page.getByTestId('audit-after')).toContainText(username)
  await page.keyboard.press('Escape')

  await page.getByTestId('audit-verify').click()
  const result = page.getByTestId('audit-verify-result')
  await expect(result).toContainText('留痕链完整')
  await expect(result).toHaveClass(/ant-alert-success/)
})

test('the console switches to English', async ({ page }) => {
  await signIn(page, ADMIN)
  await page.getByTestId('language-switcher').click()
  await page.getByRole('menuitem', { name: 'English' }).click()
  const menu = page.getByTestId('side-menu')
  await expect(menu.getByTestId('menu-users')).toHaveText('Users')
  await expect(menu.getByTestId('menu-institutions')).toHaveText('Institutions')
  await expect(menu.getByTestId('menu-audit')).toHaveText('Audit trail')
  await expect(menu.getByTestId('menu-outbox')).toHaveText('Outbox')
  await expect(page.getByTestId('welcome-card')).toContainText('Hello')
  // The choice survives a reload.
  await page.reload()
  await expect(page.getByTestId('menu-users')).toHaveText('Users')
})

test.describe('borrower H5', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })

  test('a borrower signs in with a code read from the Outbox', async ({ page, browser, baseURL }) => {
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    await page.goto('/h5/login')
    await page.locator('input[name="phone"]').fill(phone)
    await page.getByTestId('send-code').click()
    await expect(page.getByTestId('send-code')).toContainText('秒后重发')

    const staff = await adminPage(browser, baseURL)
    await staff.getByTestId('menu-outbox').click()
    await staff.getByPlaceholder('接收人或内容').fill(phone)
    await staff.getByPlaceholder('接收人或内容').press('Enter')
    const body = staff.getByTestId('outbox-body').first()
    await expect(body).toContainText(/\d{6}/)
    const code = /\d{6}/.exec((await body.textContent()) ?? '')?.[0] ?? ''
    await staff.context().close()

    await page.locator('input[name="code"]').fill(code)
    await page.getByTestId('h5-login').click()
    await expect(page.getByTestId('h5-phone')).toContainText(`${phone.slice(0, 3)}****${phone.slice(-4)}`)
    await page.getByTestId('h5-logout').click()
    await expect(page.locator('input[name="phone"]')).toBeVisible()
  })
})
