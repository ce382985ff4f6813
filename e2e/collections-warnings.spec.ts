/**
 * Early warning (风险预警) journey in the 汇信 institution against a real server with the full demo:
 * the risk manager opens the dashboard (the demo's daily closes and an IP burst raised warnings), finds
 * the suspected-fraud warning in the list, opens it, acknowledges it and resolves it with a note — one
 * click each — and the API then shows it resolved with the note, audited.
 */
import { expect, type Page, test } from '@playwright/test'

test.use({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
test.describe.configure({ mode: 'serial', timeout: 120_000 })

async function signIn(page: Page, username: string) {
  await page.goto('/login')
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill('demo1234')
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('welcome-card')).toBeVisible()
}

type Warning = { id: string; ruleCode: string; status: string; note: string | null; subjectLabel: string }

test('the risk manager sees demo warnings on the dashboard, acknowledges and resolves one', async ({ page }) => {
  await signIn(page, 'huixin.risk')
  await page.getByTestId('side-menu').getByTestId('menu-collectionWarnings').click()
  await expect(page).toHaveURL(/\/collections\/warnings$/)
  // dashboard: active warnings from the demo and the charts
  await expect(page.getByTestId('warnings-active')).not.toHaveText('0')
  await expect(page.getByTestId('warnings-trend-chart').locator('canvas')).toBeVisible()
  await expect(page.getByTestId('warnings-rule-chart').locator('canvas')).toBeVisible()

  // the list, filtered to the suspected-fraud rule
  await page.getByRole('tab', { name: '预警列表' }).click()
  await page.getByTestId('warning-rule-filter').click()
  await page.locator('.ant-select-item-option').filter({ hasText: '同 IP 频繁申请（疑似欺诈）' }).click()
  const rows = page.getByTestId('warnings-table').locator('tbody tr.ant-table-row')
  await expect(rows.first()).toBeVisible()
  await expect(rows.first()).toContainText('203.0.113.')
  await rows.first().getByRole('button').first().click()

  const drawer = page.getByTestId('warning-drawer')
  await expect(drawer).toBeVisible()
  await expect(drawer.getByTestId('warning-evidence')).toContainText('10')
  await expect(drawer.getByTestId('warning-status')).toHaveText('新预警')
  await drawer.getByTestId('warning-acknowledge').click()
  await expect(drawer.getByTestId('warning-status')).toHaveText('已确认')
  await drawer.getByTestId('warning-note').fill('已核实：同一中介代填申请，相关客户加入灰名单复核')
  await drawer.getByTestId('warning-resolve').click()
  await expect(drawer.getByTestId('warning-status')).toHaveText('已解除')
  await expect(drawer).toContainText('已核实：同一中介代填申请')

  // the server agrees
  const res = await page.request.get('/api/v1/collections/warnings?rule=ip_velocity&status=resolved&pageSize=50')
  expect(res.status()).toBe(200)
  const body = (await res.json()) as { items: Warning[] }
  expect(body.items.some((w) => w.note === '已核实：同一中介代填申请，相关客户加入灰名单复核')).toBe(true)
})
