/**
 * Customer service (客服): the agent types a demo customer's phone into the header search and lands
 * on that customer's 360 page in one step, with personal data masked; an administrator holding
 * pii.read reveals it (the server audits the reveal).
 */
import { expect, type Page, test } from '@playwright/test'

// the huixin showcase customer (apps/server/src/demo/customers.ts)
const CUSTOMER = { name: '王建国', phone: '13912345678', idNumber: '110105198503157739' }

test.use({ locale: 'zh-CN' })

async function signIn(page: Page, username: string) {
  await page.goto('/login')
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill('demo1234')
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('welcome-card')).toBeVisible()
}

async function findByPhone(page: Page) {
  const search = page.getByTestId('global-search')
  await search.fill(CUSTOMER.phone)
  await search.press('Enter')
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/)
  await expect(page.getByTestId('section-identity')).toContainText(CUSTOMER.name)
}

test('an agent finds a customer by phone in one step and sees the identity masked', async ({ page }) => {
  await signIn(page, 'huixin.cs')
  await findByPhone(page)
  await expect(page.getByTestId('customer-id-number')).toHaveText('110***********7739')
  await expect(page.getByTestId('customer-phone')).toContainText('139****5678')
  await expect(page.getByTestId('section-loans')).toBeVisible()
  await expect(page.getByTestId('section-timeline')).toContainText('创建客户')
  // the agent holds no pii.read, so there is nothing to reveal
  await expect(page.getByTestId('reveal-pii')).toHaveCount(0)
})

test('an administrator with pii.read reveals the identity in full', async ({ page }) => {
  await signIn(page, 'huixin.admin')
  await findByPhone(page)
  await expect(page.getByTestId('customer-id-number')).toHaveText('110***********7739')
  await page.getByTestId('reveal-pii').click()
  await expect(page.getByTestId('customer-id-number')).toHaveText(CUSTOMER.idNumber)
  await expect(page.getByTestId('customer-phone')).toContainText(CUSTOMER.phone)
  await expect(page.getByTestId('section-timeline')).toContainText('查看完整个人信息')
})
