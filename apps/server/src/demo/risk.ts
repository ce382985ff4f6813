/**
 * Risk demo (风控): for every demo lender the indicator catalog, the three datasim sources, some list
 * entries, the default strategy of each built-in scene published through four-eyes (the risk manager
 * submits, the manager approves), and a few hundred past evaluations for reports and back-tests.
 * Everything goes through the module's operations. The sources point at XINDAI_DATASIM_URL
 * (default http://127.0.0.1:3901); if nothing answers there while loading, a simulator is started
 * in-process for the duration.
 */

import { sql } from 'drizzle-orm'
import type { Platform } from '../main.ts'
import { createDataSource } from '../modules/risk/create-data-source.ts'
import { createDraft } from '../modules/risk/create-draft.ts'
import { createIndicator } from '../modules/risk/create-indicator.ts'
import type { TDataSourceInput } from '../modules/risk/data-source-input.ts'
import { startDataSimulator } from '../modules/risk/datasim.ts'
import { ipInProvince } from '../modules/risk/datasim-answers.ts'
import { demoIndicators, demoPreReviewRuleSet, type TRule } from '../modules/risk/domain/index.ts'
import { evaluateScene } from '../modules/risk/evaluate-scene.ts'
import { importListEntries } from '../modules/risk/import-list-entries.ts'
import type { TIndicatorConfig } from '../modules/risk/indicator-config.ts'
import { submitVersion } from '../modules/risk/publish-version.ts'
import { decideApproval } from '../platform/approvals/approvals.ts'
import { queryRows, SYSTEM, type Tx } from '../platform/db/open.ts'
import { demoStaff } from './principal.ts'
import { DEMO_INSTITUTIONS } from './staff.ts'

const DONE_KEY = 'demo_risk_loaded'
export const EVALUATIONS_PER_INSTITUTION = 120

const window = (amount: number, unit: 'hour' | 'day' | 'month') => ({ amount, unit })

/** How each indicator of the default strategy is computed here. */
export const DEMO_INDICATOR_CONFIGS: Record<string, TIndicatorConfig> = {
  age: { kind: 'input' },
  monthly_income: { kind: 'input' },
  debt_ratio: { kind: 'input' },
  employment_type: { kind: 'input' },
  days_since_registration: { kind: 'own', table: 'customers', field: 'days_since_registration' },
  ip_province: { kind: 'own', table: 'request', field: 'ip_province' },
  stated_province: { kind: 'own', table: 'customers', field: 'province' },
  ip_region_mismatch: { kind: 'derived', aggregate: 'differs', left: 'ip_province', right: 'stated_province' },
  blacklist_hit: { kind: 'list', listType: 'black', kinds: ['id_number', 'phone', 'device', 'ip', 'bank_card'] },
  greylist_hit: { kind: 'list', listType: 'grey', kinds: ['id_number', 'phone', 'device'] },
  device_account_count: {
    kind: 'derived',
    aggregate: 'distinct_count',
    entity: 'device_events',
    match: 'device',
    distinct: 'subject',
    window: null,
  },
  account_device_count: {
    kind: 'derived',
    aggregate: 'distinct_count',
    entity: 'device_events',
    match: 'subject',
    distinct: 'device',
    window: null,
  },
  ip_app_count_1h: {
    kind: 'derived',
    aggregate: 'count',
    entity: 'device_events',
    match: 'ip',
    event: 'apply',
    window: window(1, 'hour'),
  },
  overdue_count_12m: {
    kind: 'derived',
    aggregate: 'overdue_count',
    entity: 'installments',
    match: 'subject',
    window: window(12, 'month'),
  },
  bureau_score: { kind: 'third_party', source: 'bureau', path: 'score' },
  bureau_inquiries_3m: { kind: 'third_party', source: 'bureau', path: 'inquiries_3m' },
  multi_lender_count: { kind: 'third_party', source: 'bureau', path: 'multi_lender_count' },
  phone_tenure_months: { kind: 'third_party', source: 'telecom', path: 'tenure_months' },
  phone_name_match: { kind: 'third_party', source: 'telecom', path: 'name_match' },
}

const IDENTITY = { id_number: 'customer.id_number', name: 'customer.name', phone: 'customer.phone' }

export const demoSources = (url: string): TDataSourceInput[] => [
  {
    code: 'bureau',
    name: '征信 (credit bureau, datasim)',
    url: `${url}/bureau`,
    method: 'GET' as const,
    requestMapping: IDENTITY,
    responseFields: [],
    timeoutMs: 3000,
    costPerCall: '1.50',
    callCycle: { mode: 'reuse' as const, days: 30 },
    fallback: { mode: 'manual' as const },
  },
  {
    code: 'telecom',
    name: '运营商三要素 (telecom check, datasim)',
    url: `${url}/telecom`,
    method: 'POST' as const,
    requestMapping: IDENTITY,
    responseFields: [],
    timeoutMs: 2000,
    costPerCall: '0.30',
    callCycle: { mode: 'reuse' as const, days: 7 },
    fallback: { mode: 'default' as const, values: { phone_name_match: true, phone_tenure_months: 24 } },
  },
  {
    code: 'blacklist_service',
    name: '外部黑名单 (blacklist, datasim)',
    url: `${url}/blacklist`,
    method: 'GET' as const,
    requestMapping: { id_number: 'customer.id_number', phone: 'customer.phone' },
    responseFields: [{ path: 'hit', indicator: 'external_blacklist_hit' }],
    timeoutMs: 1000,
    costPerCall: '0.10',
    callCycle: { mode: 'reuse' as const, days: 1 },
    fallback: { mode: 'default' as const, values: { external_blacklist_hit: false } },
  },
]

const SCENE_RULES: Record<string, (rules: TRule[]) => TRule[]> = {
  pre_review: (rules) => rules,
  loan_review: (rules) =>
    rules.filter((r) =>
      [
        'age_minimum',
        'blacklist',
        'overdue_history',
        'multi_lender',
        'bureau_score_low',
        'debt_ratio',
        'credit_line_cap',
      ].includes(r.code),
    ),
  register_login: () => [
    {
      id: 'device_sharing',
      code: 'device_sharing',
      name: 'Too many accounts on one device (设备多账户)',
      version: 1,
      enabled: true,
      mode: 'result',
      relation: 'all_pass',
      expressions: [{ condition: { indicator: 'device_account_count', operator: 'gte', value: 8 }, result: 'reject' }],
    },
    {
      id: 'account_devices',
      code: 'account_devices',
      name: 'Too many devices on one account (账户多设备)',
      version: 1,
      enabled: true,
      mode: 'result',
      relation: 'all_pass',
      expressions: [{ condition: { indicator: 'account_device_count', operator: 'gt', value: 10 }, result: 'manual' }],
    },
  ],
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/geo?ip=1.1.1.1`, { signal: AbortSignal.timeout(500) })).ok
  } catch {
    return false
  }
}

export async function loadDemoRisk(platform: Platform, log: (m: string) => void = () => {}): Promise<number> {
  const { db } = platform
  const claimed = await db.tx(SYSTEM, (tx) =>
    queryRows(
      tx,
      sql`insert into settings (key, value) values (${DONE_KEY}, '{}'::jsonb) on conflict (key) do nothing returning key`,
    ),
  )
  if (claimed.length === 0) return 0
  const started = Date.now()
  const url = process.env.XINDAI_DATASIM_URL ?? 'http://127.0.0.1:3901'
  const sim = (await answers(url))
    ? null
    : await startDataSimulator({ port: Number(new URL(url).port) || 3901 }).catch(() => null)
  let evaluations = 0
  try {
    for (const [index, inst] of DEMO_INSTITUTIONS.entries()) {
      await db.tx(SYSTEM, (tx) => loadInstitution(tx, platform, inst.code, url))
      evaluations += await db.tx(SYSTEM, (tx) => loadEvaluations(tx, platform, inst.code, index))
    }
  } finally {
    await sim?.close()
  }
  log(`demo risk: catalog, sources, 3 strategies and ${evaluations} evaluations in ${Date.now() - started} ms`)
  return evaluations
}

async function loadInstitution(tx: Tx, platform: Platform, code: string, url: string) {
  const risk = await demoStaff(tx, `${code}.risk`)
  const manager = await demoStaff(tx, `${code}.manager`)
  for (const source of demoSources(url)) await createDataSource({ tx, ...risk, input: source })
  const types = new Map(demoIndicators.map((i) => [i.code, i]))
  for (const [indicatorCode, config] of Object.entries(DEMO_INDICATOR_CONFIGS)) {
    const definition = types.get(indicatorCode)!
    await createIndicator({
      tx,
      ...risk,
      input: {
        code: indicatorCode,
        name: definition.name,
        type: definition.type,
        enumValues: definition.enumValues,
        config,
      },
    })
  }
  await createIndicator({
    tx,
    ...risk,
    input: {
      code: 'external_blacklist_hit',
      name: 'External blacklist hit (外部黑名单)',
      type: 'boolean',
      config: { kind: 'third_party', source: 'blacklist_service', path: 'hit' },
    },
  })
  await importListEntries({
    tx,
    ...risk,
    pii: platform.pii,
    input: {
      format: 'csv',
      content: [
        'listType,kind,value,reason,expiresAt',
        'black,id_number,110101199001010011,骗贷团伙 (fraud ring),',
        'black,phone,13800000666,冒用身份 (identity theft),',
        'black,device,dev-fraud-0001,设备农场 (device farm),',
        'grey,ip,203.0.113.7,代理 IP (proxy),2099-12-31',
        'white,phone,13900000001,内部员工 (staff),',
      ].join('\n'),
    },
  })
  for (const scene of ['pre_review', 'loan_review', 'register_login']) {
    const rules = SCENE_RULES[scene]!(demoPreReviewRuleSet.rules)
    const draft = await createDraft({
      tx,
      ...risk,
      sceneCode: scene,
      input: { name: `${scene} default strategy v1`, rules },
    })
    const { approvalId } = await submitVersion({ tx, ...risk, id: draft.id, input: {} })
    await decideApproval({ tx, ...manager, id: approvalId, decision: 'approve', comment: 'demo' })
  }
}

function prng(seed: number) {
  let x = seed >>> 0
  return () => {
    x = (x + 0x6d2b79f5) >>> 0
    let t = Math.imul(x ^ (x >>> 15), x | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function loadEvaluations(tx: Tx, platform: Platform, code: string, index: number): Promise<number> {
  const customers = await queryRows<{ id: string; institution_id: string; province: string | null }>(
    tx,
    sql`select c.id, c.institution_id, c.address->>'province' as province from customers c join institutions i on i.id = c.institution_id
      where i.code = ${code} order by c.created_at, c.id limit ${EVALUATIONS_PER_INSTITUTION}`,
  )
  const random = prng(4242 + index)
  const employment = ['salaried', 'salaried', 'salaried', 'self_employed', 'self_employed', 'student', 'retired']
  for (const [n, customer] of customers.entries()) {
    await evaluateScene({
      tx,
      pii: platform.pii,
      institutionId: customer.institution_id,
      sceneCode: 'pre_review',
      subject: { customerId: customer.id },
      inputs: {
        age: 20 + Math.floor(random() * 42),
        monthly_income: random() < 0.05 ? null : Math.round(2500 + random() ** 2 * 30000),
        debt_ratio: Math.round(random() ** 1.5 * 85) / 100,
        employment_type: employment[Math.floor(random() * employment.length)]!,
      },
      // most apply from their own province; some from elsewhere (the address cross-check)
      device: {
        fingerprint: `dev-${index}-${n % 97}`,
        ip:
          (customer.province && random() < 0.85 ? ipInProvince(customer.province, n) : null) ??
          `${36 + (n % 80)}.${n % 7}.${n % 13}.${1 + (n % 200)}`,
      },
    })
  }
  return customers.length
}
