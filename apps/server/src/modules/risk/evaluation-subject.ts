/**
 * Who is being evaluated, and the facts about them that sources need (ID number, phone and name for
 * third-party requests and list lookups). Customer data is read and decrypted at most once per
 * evaluation, and only if a source asks for it.
 */
import { and, eq } from 'drizzle-orm'
import type { Tx } from '../../platform/db/open.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { customerBankCards, customers } from '../customers/schema.ts'

export type RiskSubject = { customerId?: string | null; applicationId?: string | null; borrowerId?: string | null }
export type RiskDevice = { fingerprint?: string | null; ip?: string | null }

export type EvaluationSubject = {
  institutionId: string
  customerId: string | null
  /** what cached answers and velocity rows are keyed by: customer, else application, else borrower */
  key: string
  /** raw caller inputs (may include name, id_number, phone, bank_card — never stored) */
  inputs: Readonly<Record<string, unknown>>
  device: RiskDevice
  customer(): Promise<CustomerFacts | null>
  /** per-evaluation memo of reads shared by the champion and challenger runs */
  memo: Map<string, Promise<unknown>>
  /** every indicator the rule set being run may need (internal ones are read together) */
  plannedCodes: readonly string[]
}

export type CustomerFacts = {
  name: string
  idNumber: string
  phone: string
  idNumberHash: string
  phoneHash: string
  cardHashes: string[]
}

export function subjectKeyOf(subject: RiskSubject): string {
  if (subject.customerId) return `customer:${subject.customerId}`
  if (subject.applicationId) return `application:${subject.applicationId}`
  if (subject.borrowerId) return `borrower:${subject.borrowerId}`
  return 'anonymous'
}

export function evaluationSubject(
  tx: Tx,
  pii: PiiCipher,
  institutionId: string,
  subject: RiskSubject,
  inputs: Readonly<Record<string, unknown>>,
  device: RiskDevice,
): EvaluationSubject {
  let loaded: Promise<CustomerFacts | null> | undefined
  const customerId = subject.customerId ?? null
  return {
    institutionId,
    customerId,
    key: subjectKeyOf(subject),
    inputs,
    device,
    memo: new Map(),
    plannedCodes: [],
    customer: () => {
      loaded ??= customerId ? loadCustomer(tx, pii, institutionId, customerId) : Promise.resolve(null)
      return loaded
    },
  }
}

async function loadCustomer(
  tx: Tx,
  pii: PiiCipher,
  institutionId: string,
  customerId: string,
): Promise<CustomerFacts | null> {
  const [row] = await tx
    .select({
      name: customers.name,
      idNumberEnc: customers.idNumberEnc,
      idNumberHash: customers.idNumberHash,
      phoneEnc: customers.phoneEnc,
      phoneHash: customers.phoneHash,
    })
    .from(customers)
    .where(and(eq(customers.id, customerId), eq(customers.institutionId, institutionId)))
  if (!row) return null
  const cards = await tx
    .select({ hash: customerBankCards.cardHash })
    .from(customerBankCards)
    .where(eq(customerBankCards.customerId, customerId))
  return {
    name: row.name,
    idNumber: pii.decrypt(row.idNumberEnc),
    phone: pii.decrypt(row.phoneEnc),
    idNumberHash: row.idNumberHash,
    phoneHash: row.phoneHash,
    cardHashes: cards.map((c) => c.hash),
  }
}
