/**
 * The risk journey (风控): a risk manager adds the rule "age < 22 → manual review" to a draft of a new
 * scene, tests it beside the builder and submits it; a manager approves the publish in the approvals
 * inbox; running the scene for a 20-year-old decides manual review and the stored report names the rule.
 * A fresh scene keeps the journey independent of the demo strategy (whose pre-review already holds an
 * age rule) and of other journeys' evaluations.
 */
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test'

const RISK_MANAGER = { username: 'huixin.risk', password: 'demo1234' }
const MANAGER = { username: 'huixin.manager', password: 'demo1234' }

test.use({ locale: 'zh-CN' })

async function signIn(page: Page, { username, password }: { username: string; password: string }) {
  await page.goto('/login')
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(password)
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('welcome-card')).toBeVisible()
}

async function staffPage(browser: Browser, baseURL: string | undefined, who: typeof MANAGER): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
  const page = await context.newPage()
  await signIn(page, who)
  return page
}

/** Opens an antd Select and picks the option whose text matches. */
async function choose(page: Page, select: Locator, option: string | RegExp, type?: string) {
  await select.click()
  if (type) await page.keyboard.type(type)
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click()
}

const inputOf = (locator: Locator) => locator.locator('xpath=descendant-or-self::input').first()
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`

test('a rule "age < 22 → manual review" is built, approved by a second person and decides a 20-year-old', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const scene = `e2e_${unique()}`
  const ruleName = '年龄小于22岁转人工'
  const risk = await staffPage(browser, baseURL, RISK_MANAGER)

  // the menu shows the risk group to a risk manager
  await expect(risk.getByTestId('menu-riskScenes')).toBeVisible()
  await risk.getByTestId('menu-riskScenes').click()
  await expect(risk.getByTestId('scenes-table')).toContainText('pre_review')

  // a new scene, and a draft of its rule set
  await risk.getByTestId('scene-create').click()
  await risk.getByTestId('scene-form').locator('input[name="code"]').fill(scene)
  await risk.getByTestId('scene-form').locator('input[name="name"]').fill('端到端年龄场景')
  await risk.getByTestId('scene-form-submit').click()
  await expect(risk).toHaveURL(new RegExp(`/risk/scenes/${scene}$`))
  await risk.getByTestId('scene-new-draft').click()
  await expect(risk).toHaveURL(/\/risk\/versions\/[0-9a-f-]+$/)
  const versionUrl = risk.url()

  // the rule, built row by row
  await risk.getByTestId('add-rule').hover()
  await risk.getByTestId('add-rule-result').click()
  const rule = risk.getByTestId('rule-row-0')
  await inputOf(rule.getByTestId('rule-code')).fill('age_under_22')
  await inputOf(rule.getByTestId('rule-name')).fill(ruleName)
  // saved with no indicator chosen: the server's message appears on the condition's row
  await risk.getByTestId('version-save').click()
  await expect(rule.getByTestId('builder-field-error').first()).toBeVisible()

  await choose(risk, rule.getByTestId('leaf-indicator'), /· age(?![a-z_])/, 'age')
  await choose(risk, rule.getByTestId('leaf-operator'), '小于')
  await inputOf(rule.getByTestId('leaf-value')).fill('22')
  await choose(risk, rule.getByTestId('expression-result'), '转人工')
  await risk.getByTestId('version-save').click()
  await expect(risk.getByText('已保存')).toBeVisible()
  await expect(rule.getByTestId('builder-field-error')).toHaveCount(0)

  // the test panel runs the draft for a 20-year-old and shows the trace
  const panel = risk.getByTestId('test-panel')
  await panel.getByTestId('test-inputs').fill('{ "age": 20 }')
  await panel.getByTestId('test-run').click()
  await expect(panel.getByTestId('report-decision')).toHaveAttribute('data-decision', 'manual')
  await expect(panel.getByTestId('report-deciding-rules')).toContainText(ruleName)
  await risk.screenshot({ path: 'test-results/risk-builder.png', fullPage: true })

  // submitted for publish: it waits for a second person
  await risk.getByTestId('version-submit').click()
  await risk.getByTestId('submit-comment').fill('新增低龄转人工规则')
  await risk.getByTestId('submit-confirm').click()
  await expect(risk.getByTestId('version-pending')).toBeVisible()
  await expect(risk.getByTestId('version-approve')).toHaveCount(0)

  // a manager approves it in the approvals inbox
  const manager = await staffPage(browser, baseURL, MANAGER)
  await manager.getByTestId('menu-approvals').click()
  const request = manager.getByTestId('approvals-inbox').locator('.ant-table-row', { hasText: `${scene} v1` })
  await expect(request).toHaveCount(1)
  await request.getByTestId('approval-approve').click()
  await expect(
    manager.getByTestId('approvals-inbox').locator('.ant-table-row', { hasText: `${scene} v1` }),
  ).toHaveCount(0)

  // the version is the scene's champion now
  await risk.goto(versionUrl)
  await expect(risk.getByTestId('version-status').first()).toHaveAttribute('data-status', 'published')
  await risk.goto(`/risk/scenes/${scene}`)
  await expect(risk.getByTestId('scene-champion')).toContainText('v1')

  // running the scene for a 20-year-old decides manual review, and the stored report names the rule
  const evaluate = risk.getByTestId('evaluate-panel')
  await evaluate.getByTestId('evaluate-inputs').fill('{ "age": 20 }')
  await evaluate.getByTestId('evaluate-run').click()
  await expect(evaluate.getByTestId('evaluate-decision')).toHaveAttribute('data-decision', 'manual')
  await evaluate.getByTestId('evaluate-report-link').click()
  const report = risk.getByTestId('risk-report')
  await expect(report.getByTestId('report-decision')).toHaveAttribute('data-decision', 'manual')
  await expect(report.getByTestId('report-deciding-rules')).toContainText(ruleName)
  await expect(report.getByTestId('report-rules')).toContainText('age_under_22')
  await expect(report.getByTestId('report-expressions-age_under_22')).toContainText('= 20')
  await risk.screenshot({ path: 'test-results/risk-report.png', fullPage: true })

  // the back-test of the demo strategy draws its charts
  await risk.goto('/risk/backtest?scene=pre_review')
  await choose(risk, risk.getByTestId('backtest-version'), /v\d+/)
  await risk.getByTestId('backtest-run').click()
  await expect(risk.getByTestId('backtest-results')).toBeVisible({ timeout: 30_000 })
  await expect(risk.getByTestId('backtest-bars')).toBeVisible()
  await risk.screenshot({ path: 'test-results/risk-backtest.png', fullPage: true })
})
