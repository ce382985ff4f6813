// Smoke test: the server is up and serves the console. The real journeys live in one file per persona.
import { expect, test } from '@playwright/test'

test('the console opens on a login form', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('input[name="username"]')).toBeVisible()
})

test('GET /healthz answers 200', async ({ request }) => {
  const res = await request.get('/healthz')
  expect(res.status()).toBe(200)
})
