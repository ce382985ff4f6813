/**
 * Contracts (合同) and e-signature (电子签约): generated from the institution's editable template
 * (per product, else the institution's, else the built-in one) when an application is approved, with
 * the loan's terms and the schedule from the servicing calculator, as a PDF whose SHA-256 is stored.
 * The borrower signs in the H5 (consent, time, IP, device, the hash of the signed document), or staff
 * record the borrower's signature in branch (`sign-in-branch.ts`, same evidence plus who recorded it
 * and the ID check); signing twice is refused (409).
 */
import { createHash } from 'node:crypto'
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import { type Queryable, queryRows, type Tx } from '../../platform/db/open.ts'
import { AppError, fieldError, notFound } from '../../platform/errors.ts'
import { emitEvent } from '../../platform/events.ts'
import { dec, formatAmount, roundCents } from '../../platform/money.ts'
import { calculateSchedule } from '../servicing/calculator.ts'
import type { RepaymentMethod, TermUnit } from '../servicing/domain/index.ts'
import { products, productVersions } from '../servicing/schema.ts'
import { textToPdf } from './domain/pdf.ts'
import {
  amountInWords,
  DEFAULT_TEMPLATE,
  type Placeholder,
  renderTemplate,
  unknownPlaceholders,
} from './domain/template.ts'
import { type applications, contracts, contractTemplates } from './schema.ts'

type AppRow = typeof applications.$inferSelect

const METHOD_NAMES: Record<string, string> = {
  equal_installment: '等额本息',
  equal_principal: '等额本金',
  interest_first: '先息后本',
  bullet: '到期一次还本付息',
}
const UNIT_NAMES: Record<string, string> = { month: '个月', day: '天' }

export async function templateFor(tx: Queryable, institutionId: string, productId: string | null) {
  const rows = await tx
    .select()
    .from(contractTemplates)
    .where(
      and(
        eq(contractTemplates.institutionId, institutionId),
        productId
          ? or(isNull(contractTemplates.productId), eq(contractTemplates.productId, productId))
          : isNull(contractTemplates.productId),
      ),
    )
    .orderBy(desc(contractTemplates.version))
  const own =
    rows.find((r) => r.productId === productId && productId !== null) ?? rows.find((r) => r.productId === null)
  return own
    ? { id: own.id, productId: own.productId, name: own.name, body: own.body, version: own.version, isDefault: false }
    : {
        id: null,
        productId: null,
        name: '个人借款合同（默认模板）',
        body: DEFAULT_TEMPLATE,
        version: 0,
        isDefault: true,
      }
}

export async function saveTemplate(o: {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  input: { productId: string | null; name: string; body: string }
}) {
  const { tx, principal, actor, input } = o
  if (input.productId) {
    const [prod] = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.id, input.productId), eq(products.institutionId, principal.institutionId)))
    if (!prod) throw fieldError('body.productId', 'origination.field.product_unknown')
  }
  const unknown = unknownPlaceholders(input.body)
  if (unknown.length > 0)
    throw fieldError('body.body', 'origination.field.placeholder_unknown', { names: unknown.join(', ') })
  const current = await templateFor(tx, principal.institutionId, input.productId)
  const version = (current.productId === input.productId && !current.isDefault ? current.version : 0) + 1
  const [row] = await tx
    .insert(contractTemplates)
    .values({
      institutionId: principal.institutionId,
      productId: input.productId,
      name: input.name,
      body: input.body,
      version,
      updatedBy: principal.userId,
    })
    .returning()
  await recordAudit(tx, actor, {
    operation: 'contract_template.save',
    objectType: 'contract_template',
    objectId: row!.id,
    after: { productId: input.productId, name: input.name, version },
  })
  return { id: row!.id, productId: row!.productId, name: row!.name, body: row!.body, version, isDefault: false }
}

async function scheduleText(tx: Tx, app: AppRow, startDate: string) {
  const [v] = await tx.select().from(productVersions).where(eq(productVersions.id, app.productVersionId))
  const annualRatePercent = v ? dec(v.annualRate).times(100).toDecimalPlaces(4).toString() : '0'
  const upfront = v ? formatAmount(roundCents(dec(app.amount).times(v.upfrontFeeRate))) : '0.00'
  const schedule = await calculateSchedule({
    principal: app.amount,
    annualRatePercent,
    term: app.term,
    termUnit: app.termUnit as TermUnit,
    method: app.method as RepaymentMethod,
    startDate,
    fees: { upfront },
  })
  const lines = [
    '期数    还款日          本金          利息          应还合计',
    ...schedule.installments.map(
      (i) =>
        `${String(i.number).padEnd(6)}${i.dueDate}    ${i.principal.padStart(10)}    ${i.interest.padStart(10)}    ${i.total.padStart(10)}`,
    ),
    `合计                    ${schedule.totals.principal.padStart(10)}    ${schedule.totals.interest.padStart(10)}    ${schedule.totals.total.padStart(10)}`,
  ]
  return { text: lines.join('\n'), annualRatePercent, apr: schedule.aprPercent }
}

export async function generateContract(tx: Tx, actor: Actor, app: AppRow) {
  const template = await templateFor(tx, app.institutionId, app.productId)
  const today = await getBusinessDate(tx, app.institutionId)
  const [inst] = await queryRows<{ name: string }>(
    tx,
    sql`select name from institutions where id = ${app.institutionId}::uuid`,
  )
  const schedule = await scheduleText(tx, app, today)
  const contractNo = `HT${app.appNo.slice(2)}`
  const values: Record<Placeholder, string> = {
    contractNo,
    appNo: app.appNo,
    institutionName: inst?.name ?? '',
    borrowerName: app.applicant.name,
    idNumber: app.applicant.idNumberMasked,
    productName: app.productName,
    amount: app.amount,
    amountInWords: amountInWords(app.amount),
    term: String(app.term),
    termUnit: UNIT_NAMES[app.termUnit] ?? app.termUnit,
    annualRate: schedule.annualRatePercent,
    apr: schedule.apr,
    method: METHOD_NAMES[app.method] ?? app.method,
    purpose: app.purpose,
    date: today,
    schedule: schedule.text,
  }
  const content = renderTemplate(template.body, values)
  const [title, ...rest] = content.split('\n')
  const pdf = textToPdf(rest.join('\n'), { title: title?.trim() || template.name, author: inst?.name })
  const sha256 = createHash('sha256').update(pdf).digest('hex')
  const [row] = await tx
    .insert(contracts)
    .values({
      institutionId: app.institutionId,
      applicationId: app.id,
      contractNo,
      templateId: template.id,
      templateVersion: template.version,
      content,
      pdfBase64: pdf.toString('base64'),
      sha256,
      status: 'pending_signature',
    })
    .returning({ id: contracts.id })
  await recordAudit(tx, actor, {
    operation: 'contract.generate',
    objectType: 'application',
    objectId: app.id,
    institutionId: app.institutionId,
    after: { contractId: row!.id, contractNo, sha256, templateVersion: template.version },
  })
}

export async function contractPdfOf(tx: Queryable, applicationId: string) {
  const [c] = await tx.select().from(contracts).where(eq(contracts.applicationId, applicationId))
  if (!c) throw notFound()
  return { fileName: `${c.contractNo}.pdf`, pdf: Buffer.from(c.pdfBase64, 'base64'), sha256: c.sha256 }
}

export type SignInput = { consent: boolean; device?: string }

/** Who signs: the borrower in the H5, or staff recording the borrower's signature at the counter. */
export type Signer =
  | { method: 'h5' }
  | { method: 'in_branch'; staffId: string; staffName: string; identityChecked: boolean }

/**
 * Signs the contract (the application becomes `disbursing` when the caller opens the loan). The same
 * evidence is stored whoever records it — consent, time, IP, device and the hash of the signed
 * document — and, in branch, the staff member and their check of the borrower's ID.
 */
export async function signContract(
  tx: Tx,
  actor: Actor,
  app: AppRow,
  input: SignInput,
  request: { ip: string; userAgent: string | null },
  signer: Signer = { method: 'h5' },
) {
  if (input.consent !== true) throw fieldError('body.consent', 'origination.field.consent_required')
  const [c] = await tx.select().from(contracts).where(eq(contracts.applicationId, app.id)).for('update')
  if (!c) throw notFound()
  if (c.status === 'signed') throw new AppError('conflict', { detailKey: 'origination.already_signed' })
  const hash = createHash('sha256').update(Buffer.from(c.pdfBase64, 'base64')).digest('hex')
  const device = (input.device ?? request.userAgent ?? 'unknown').slice(0, 300)
  const signedAt = new Date()
  const inBranch = signer.method === 'in_branch' ? signer : null
  await tx
    .update(contracts)
    .set({
      status: 'signed',
      consent: true,
      signedAt,
      signedIp: request.ip,
      signedDevice: device,
      sha256: hash,
      signMethod: signer.method,
      signedByStaffId: inBranch?.staffId ?? null,
      signedByStaffName: inBranch?.staffName ?? null,
      identityChecked: inBranch?.identityChecked ?? false,
    })
    .where(eq(contracts.id, c.id))
  await recordAudit(tx, actor, {
    operation: inBranch ? 'contract.sign_in_branch' : 'contract.sign',
    objectType: 'application',
    objectId: app.id,
    institutionId: app.institutionId,
    after: {
      contractNo: c.contractNo,
      sha256: hash,
      ip: request.ip,
      device,
      signedAt: signedAt.toISOString(),
      method: signer.method,
      ...(inBranch ? { staffId: inBranch.staffId, identityChecked: inBranch.identityChecked } : {}),
    },
  })
  await emitEvent(tx, {
    institutionId: app.institutionId,
    topic: 'contract.signed',
    aggregateType: 'application',
    aggregateId: app.id,
    payload: { customerId: app.customerId, contractNo: c.contractNo, sha256: hash, method: signer.method },
  })
  return { contractNo: c.contractNo, sha256: hash, signedAt: signedAt.toISOString(), method: signer.method }
}
