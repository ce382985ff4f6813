/**
 * Submitting an application (进件), by the borrower in the H5 or by staff, then the automatic checks
 * and the risk scene that route it. Three steps, so that no transaction waits on a provider:
 *   1. one transaction: validate against the product, make the borrower a customer of the lender,
 *      insert the application (`submitted`) — the unique partial index on active applications per
 *      customer and product turns a concurrent second apply into a 409;
 *   2. the automatic checks over HTTP (ID, bank card, OCR), outside any transaction;
 *   3. one transaction: the `pre_review` scene (or `loan_review` for a customer with a line) and the
 *      routing: reject → rejected with a readable reason; manual → credit review; pass → approval chain.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { dbContextOf } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import { getBusinessDate } from '../../platform/clock.ts'
import { type Database, queryRows, SYSTEM, type Tx } from '../../platform/db/open.ts'
import { AppError, businessRule, type FieldError, isUniqueViolation } from '../../platform/errors.ts'
import { emitEvent } from '../../platform/events.ts'
import { dec, formatAmount, isAmountString } from '../../platform/money.ts'
import { maskBankCard, type PiiCipher } from '../../platform/pii.ts'
import { saveBorrowerProfile } from '../customers/borrower-profile.ts'
import { isValidCardNumber, normaliseCardNumber } from '../customers/domain/bank-card.ts'
import { ageOn } from '../customers/domain/id-number.ts'
import { ensureCustomerForBorrower, findCustomer } from '../customers/index.ts'
import { checkIdNumber, FieldErrors } from '../customers/inputs.ts'
import { linkBorrowerByPhone } from '../customers/link-borrower-by-phone.ts'
import { borrowerProfiles, customers } from '../customers/schema.ts'
import type { TBorrowerProfile } from '../customers/validators.ts'
import { products, productVersions } from '../servicing/schema.ts'
import { runChecks } from './checks.ts'
import { ACTIVE_STATUSES } from './domain/status.ts'
import { routeApplication } from './route-application.ts'
import { type ApplicantSnapshot, type ApplicationDocument, applications, uploads } from './schema.ts'

export const EMPLOYMENT_TYPES = ['salaried', 'self_employed', 'freelance', 'retired', 'student', 'unemployed'] as const

export type ApplyInput = {
  productId: string
  amount: string
  term: number
  method?: string
  purpose: string
  employmentType: (typeof EMPLOYMENT_TYPES)[number]
  monthlyIncome?: string
  monthlyDebt?: string
  bankCard?: { bank: string; cardNumber: string }
  documents: { uploadId: string }[]
}

type Product = {
  id: string
  institutionId: string
  name: string
  versionId: string
  termUnit: string
  method: string
  requiredDocuments: string[]
}

/** The listed product and its current version, with the amount, term and method checked. */
async function resolveProduct(
  tx: Tx,
  input: ApplyInput,
  errs: FieldErrors,
  institutionId?: string,
): Promise<Product | null> {
  const [row] = await tx
    .select({ product: products, version: productVersions })
    .from(products)
    .innerJoin(productVersions, eq(productVersions.id, products.currentVersionId))
    .where(and(eq(products.id, input.productId), eq(products.status, 'listed')))
  if (!row || (institutionId && row.product.institutionId !== institutionId)) {
    errs.add('body.productId', 'origination.field.product_unknown')
    return null
  }
  const v = row.version
  if (!isAmountString(input.amount)) errs.add('body.amount', 'origination.field.amount_invalid')
  else if (dec(input.amount).lessThan(v.minAmount) || dec(input.amount).greaterThan(v.maxAmount))
    errs.add('body.amount', 'origination.field.amount_out_of_range', { min: v.minAmount, max: v.maxAmount })
  if (input.term < v.minTerm || input.term > v.maxTerm)
    errs.add('body.term', 'origination.field.term_out_of_range', { min: v.minTerm, max: v.maxTerm })
  const method = input.method ?? v.methods[0]!
  if (!v.methods.includes(method)) errs.add('body.method', 'origination.field.method_not_offered')
  for (const [field, value] of [
    ['body.monthlyIncome', input.monthlyIncome],
    ['body.monthlyDebt', input.monthlyDebt],
  ] as const)
    if (value !== undefined && !isAmountString(value)) errs.add(field, 'origination.field.amount_invalid')
  if (input.bankCard && !isValidCardNumber(input.bankCard.cardNumber))
    errs.add('body.bankCard.cardNumber', 'origination.field.card_invalid')
  return {
    id: row.product.id,
    institutionId: row.product.institutionId,
    name: row.product.name,
    versionId: v.id,
    termUnit: v.termUnit,
    method,
    requiredDocuments: v.requiredDocuments,
  }
}

async function resolveDocuments(
  tx: Tx,
  ownerKind: 'borrower' | 'staff',
  ownerId: string,
  input: ApplyInput,
  product: Product,
  errs: FieldErrors,
): Promise<ApplicationDocument[]> {
  const ids = input.documents.map((d) => d.uploadId)
  const rows =
    ids.length === 0
      ? []
      : await tx
          .select()
          .from(uploads)
          .where(and(inArray(uploads.id, ids), eq(uploads.ownerKind, ownerKind), eq(uploads.ownerId, ownerId)))
  const docs: ApplicationDocument[] = []
  input.documents.forEach((d, i) => {
    const r = rows.find((x) => x.id === d.uploadId)
    if (r?.status !== 'complete') errs.add(`body.documents.${i}.uploadId`, 'origination.field.upload_unknown')
    else
      docs.push({
        uploadId: r.id,
        kind: r.kind,
        name: r.filename,
        type: r.detectedType ?? r.declaredType,
        size: r.length,
        sha256: r.sha256 ?? '',
      })
  })
  const kinds = new Set(docs.map((d) => d.kind))
  const known = ['id_front', 'id_back', 'selfie', 'income_proof', 'bank_statement']
  const missing = product.requiredDocuments.filter((k) => known.includes(k) && !kinds.has(k))
  if (missing.length > 0)
    errs.add('body.documents', 'origination.field.documents_missing', { kinds: missing.join(', ') })
  return docs
}

async function nextAppNo(tx: Tx, institutionId: string): Promise<string> {
  const day = (await getBusinessDate(tx, institutionId)).replaceAll('-', '')
  const [r] = await queryRows<{ n: string }>(tx, sql`select nextval('application_no_seq')::text as n`)
  return `AP${day}${r!.n.padStart(8, '0')}`
}

type Insert = {
  institutionId: string
  customerId: string
  borrowerId: string | null
  product: Product
  input: ApplyInput
  applicant: ApplicantSnapshot
  documents: ApplicationDocument[]
  channel: 'h5' | 'staff'
  staffId: string | null
}

async function insertApplication(tx: Tx, actor: Actor, o: Insert) {
  const appNo = await nextAppNo(tx, o.institutionId)
  // a savepoint, so that the unique violation of a concurrent second apply becomes a clean 409
  const row = await tx
    .transaction(async (sp) => {
      const [r] = await sp
        .insert(applications)
        .values({
          institutionId: o.institutionId,
          appNo,
          customerId: o.customerId,
          borrowerId: o.borrowerId,
          productId: o.product.id,
          productVersionId: o.product.versionId,
          productName: o.product.name,
          amount: formatAmount(dec(o.input.amount)),
          term: o.input.term,
          termUnit: o.product.termUnit,
          method: o.product.method,
          purpose: o.input.purpose,
          applicant: o.applicant,
          documents: o.documents,
          status: 'submitted',
          channel: o.channel,
          ownerId: o.staffId,
          createdBy: o.staffId,
        })
        .returning()
      return r!
    })
    .catch((err) => {
      if (isUniqueViolation(err)) throw new AppError('conflict', { detailKey: 'origination.already_applied' })
      throw err
    })
  if (o.documents.length > 0)
    await tx
      .update(uploads)
      .set({ institutionId: o.institutionId, updatedAt: new Date() })
      .where(
        inArray(
          uploads.id,
          o.documents.map((d) => d.uploadId),
        ),
      )
  await recordAudit(tx, actor, {
    operation: 'application.submit',
    objectType: 'application',
    objectId: row.id,
    institutionId: o.institutionId,
    after: {
      appNo,
      productId: o.product.id,
      amount: row.amount,
      term: row.term,
      channel: o.channel,
      documents: o.documents.length,
    },
  })
  await emitEvent(tx, {
    institutionId: o.institutionId,
    topic: 'application.submitted',
    aggregateType: 'application',
    aggregateId: row.id,
    payload: { customerId: o.customerId, appNo, amount: row.amount, productId: o.product.id },
  })
  return row
}

function applicantOf(
  base: {
    name: string
    idNumberMasked: string
    birthDate: string
    phoneMasked: string
    employer?: string | null
    province?: string | null
    city?: string | null
  },
  input: ApplyInput,
  today: string,
): ApplicantSnapshot {
  return {
    name: base.name,
    idNumberMasked: base.idNumberMasked,
    birthDate: base.birthDate,
    age: ageOn(base.birthDate, today),
    phoneMasked: base.phoneMasked,
    employmentType: input.employmentType,
    monthlyIncome: input.monthlyIncome ? formatAmount(dec(input.monthlyIncome)) : null,
    monthlyDebt: input.monthlyDebt ? formatAmount(dec(input.monthlyDebt)) : null,
    employer: base.employer ?? null,
    province: base.province ?? null,
    city: base.city ?? null,
    bankCardMasked: input.bankCard ? maskBankCard(normaliseCardNumber(input.bankCard.cardNumber)) : null,
  }
}

type Prepared = {
  application: typeof applications.$inferSelect
  name: string
  idNumber: string
  cardNumber: string | null
  idPhotoSha256: string | null
}

export type BorrowerApplyOptions = {
  db: Database
  pii: PiiCipher
  actor: Actor
  borrowerId: string
  input: ApplyInput & { profile?: TBorrowerProfile }
  device?: { fingerprint?: string | null; ip?: string | null }
}

export async function applyAsBorrower(o: BorrowerApplyOptions) {
  const { db, pii, actor, borrowerId, input } = o
  const prepared = await db.tx(SYSTEM, async (tx): Promise<Prepared> => {
    // one borrower's applies run one at a time: a double tap creates the customer once, and the
    // second insert meets the first on the active-application index
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`apply:${borrowerId}`}))`)
    const errs = new FieldErrors()
    const today = new Date().toISOString().slice(0, 10)
    if (input.profile?.idNumber !== undefined)
      checkIdNumber(errs, 'body.profile.idNumber', input.profile.idNumber, today)
    const product = await resolveProduct(tx, input, errs)
    const documents = product ? await resolveDocuments(tx, 'borrower', borrowerId, input, product, errs) : []
    errs.throwIfAny()
    if (input.profile && Object.keys(input.profile).length > 0)
      await saveBorrowerProfile({ tx, actor, pii, borrowerId, input: input.profile }).catch((err: unknown) => {
        // the profile's own field names, under body.profile
        if (err instanceof AppError)
          throw new AppError(err.code, {
            fields: err.fields.map((f: FieldError) => ({ ...f, field: f.field.replace(/^body\./, 'body.profile.') })),
            detailKey: err.detailKey,
            detailParams: err.detailParams,
          })
        throw err
      })
    const [profile] = await tx.select().from(borrowerProfiles).where(eq(borrowerProfiles.borrowerId, borrowerId))
    const missing = (['name', 'idNumberEnc', 'birthDate', 'address', 'job'] as const).filter((k) => !profile?.[k])
    if (!profile || missing.length > 0)
      throw businessRule('origination.profile_incomplete', {
        missing: missing.map((m) => m.replace('Enc', '')).join(', ') || 'profile',
      })
    if (ageOn(profile.birthDate!, today) < 18)
      throw new AppError('validation', {
        fields: [
          {
            field: 'body.profile.idNumber',
            key: 'customers.field.under_age',
            params: { age: ageOn(profile.birthDate!, today) },
          },
        ],
      })
    const institutionId = product!.institutionId
    const customerId = await ensureCustomerForBorrower({ tx, actor, pii, institutionId, borrowerId, channel: 'h5' })
    const [customer] = await tx.select().from(customers).where(eq(customers.id, customerId))
    const application = await insertApplication(tx, actor, {
      institutionId,
      customerId,
      borrowerId,
      product: product!,
      input,
      applicant: applicantOf(
        {
          name: profile.name!,
          idNumberMasked: profile.idNumberMasked!,
          birthDate: profile.birthDate!,
          phoneMasked: customer!.phoneMasked,
          employer: profile.job?.employer,
          province: profile.address?.province,
          city: profile.address?.city,
        },
        input,
        await getBusinessDate(tx, institutionId),
      ),
      documents,
      channel: 'h5',
      staffId: null,
    })
    return {
      application,
      name: profile.name!,
      idNumber: pii.decrypt(profile.idNumberEnc!),
      cardNumber: input.bankCard ? normaliseCardNumber(input.bankCard.cardNumber) : null,
      idPhotoSha256: documents.find((d) => d.kind === 'id_front')?.sha256 ?? null,
    }
  })
  return processApplication(db, pii, prepared, o.device ?? {})
}

export type StaffApplyOptions = {
  db: Database
  pii: PiiCipher
  principal: StaffPrincipal
  actor: Actor
  input: ApplyInput & { customerId: string }
}

/** Staff enter an application for a customer on file (ID and age were checked when it was created). */
export async function applyAsStaff(o: StaffApplyOptions) {
  const { db, pii, principal, actor, input } = o
  const prepared = await db.tx(dbContextOf(principal), async (tx): Promise<Prepared> => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`apply:${input.customerId}`}))`)
    const errs = new FieldErrors()
    const customer = await findCustomer(tx, principal, input.customerId).catch(() => null)
    if (!customer) errs.add('body.customerId', 'origination.field.customer_unknown')
    const product = await resolveProduct(tx, input, errs, principal.institutionId)
    const documents = product ? await resolveDocuments(tx, 'staff', principal.userId, input, product, errs) : []
    errs.throwIfAny()
    const today = await getBusinessDate(tx, principal.institutionId)
    // a borrower account with the customer's phone signs in the H5; without one, staff sign in branch
    const borrowerId = await linkBorrowerByPhone({ tx, actor, pii, customer: customer! })
    if (ageOn(customer!.birthDate, today) < 18)
      throw new AppError('validation', {
        fields: [
          {
            field: 'body.customerId',
            key: 'customers.field.under_age',
            params: { age: ageOn(customer!.birthDate, today) },
          },
        ],
      })
    const application = await insertApplication(tx, actor, {
      institutionId: principal.institutionId,
      customerId: customer!.id,
      borrowerId,
      product: product!,
      input,
      applicant: applicantOf(
        {
          name: customer!.name,
          idNumberMasked: customer!.idNumberMasked,
          birthDate: customer!.birthDate,
          phoneMasked: customer!.phoneMasked,
          employer: customer!.job?.employer,
          province: customer!.address?.province,
          city: customer!.address?.city,
        },
        input,
        today,
      ),
      documents,
      channel: 'staff',
      staffId: principal.userId,
    })
    return {
      application,
      name: customer!.name,
      idNumber: pii.decrypt(customer!.idNumberEnc),
      cardNumber: input.bankCard ? normaliseCardNumber(input.bankCard.cardNumber) : null,
      idPhotoSha256: documents.find((d) => d.kind === 'id_front')?.sha256 ?? null,
    }
  })
  return processApplication(db, pii, prepared, {})
}

async function processApplication(
  db: Database,
  pii: PiiCipher,
  p: Prepared,
  device: { fingerprint?: string | null; ip?: string | null },
) {
  const checks = await runChecks({
    name: p.name,
    idNumber: p.idNumber,
    cardNumber: p.cardNumber,
    idPhotoSha256: p.idPhotoSha256,
  })
  const institutionId = p.application.institutionId
  return db.tx({ scope: 'institution', institutionId }, (tx) =>
    routeApplication(tx, { pii, applicationId: p.application.id, checks, device }),
  )
}

export { ACTIVE_STATUSES }
