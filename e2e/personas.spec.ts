/**
 * Every demo persona signs in and sees exactly the system menu entries its positions allow: the
 * menu shown in the browser is checked against the permissions the server grants that persona.
 */
import { expect, type Page, test } from '@playwright/test'

/** Foundation menu entries and the operation each needs (as in apps/web/src/shared/layout/menu.tsx). */
const SYSTEM_ENTRIES: Record<string, string> = {
  users: 'user.read',
  access: 'user.read',
  teams: 'user.read',
  institutions: 'institution.read',
  audit: 'audit.read',
  outbox: 'notification.read',
}

/** Module entries checked the same way (early warning: risk managers, collection leads, admins, managers). */
const MODULE_ENTRIES: Record<string, string> = {
  collectionWarnings: 'warning.read',
  collectionStrategies: 'collection.read',
  collectionLegal: 'collection.read',
}

const PERSONAS = [
  'admin',
  'operator',
  'huixin.admin',
  'huixin.cs',
  'huixin.risk',
  'huixin.review1',
  'huixin.review2',
  'huixin.reviewlead',
  'huixin.collector1',
  'huixin.collector2',
  'huixin.collectlead',
  'huixin.finance',
  'huixin.manager',
]

async function signIn(page: Page, username: string) {
  await page.goto('/login')
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(username === 'admin' ? 'admin123' : 'demo1234')
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('welcome-card')).toBeVisible()
}

test.use({ locale: 'zh-CN' })

for (const username of PERSONAS) {
  test(`${username} sees only the menu its positions allow`, async ({ page }) => {
    await signIn(page, username)
    const me = (await (await page.request.get('/api/v1/me')).json()) as { permissions: string[] }
    const granted = new Set(me.permissions)
    const menu = page.getByTestId('side-menu')
    await expect(menu.getByTestId('menu-home')).toBeVisible()
    for (const [entry, permission] of Object.entries({ ...SYSTEM_ENTRIES, ...MODULE_ENTRIES }))
      await expect(menu.getByTestId(`menu-${entry}`), `${entry} for ${username}`).toHaveCount(
        granted.has(permission) ? 1 : 0,
      )
  })
}

test('personas differ: a collector and an institution admin do not share a menu', async ({ browser }) => {
  const seen: string[][] = []
  for (const username of ['huixin.collector1', 'huixin.admin']) {
    const context = await browser.newContext({ locale: 'zh-CN' })
    const page = await context.newPage()
    await signIn(page, username)
    const keys = await page
      .getByTestId('side-menu')
      .locator('[data-testid^="menu-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))
    seen.push(keys.sort())
    await context.close()
  }
  expect(seen[0]).not.toEqual(seen[1])
  expect(seen[1]).toContain('menu-users')
  expect(seen[0]).not.toContain('menu-users')
})
