/**
 * Customer 360 (客户全景): the customer, every section other modules contribute, and one timeline.
 *
 * Extension point: a module registers a section the way search providers are registered —
 *   registerCustomer360Section({ key: 'applications', permission: 'application.read', load })
 * where `load(tx, principal, customerId)` returns that module's data for the customer, read within
 * the caller's scope, and optionally timeline entries. A section whose permission the caller lacks is
 * left out (the console shows it as absent, not empty).
 */

import { and, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm'
import { can, type StaffPrincipal, scopeCondition } from '../../platform/access/principal.ts'
import type { Tx } from '../../platform/db/open.ts'
import { auditLog, events } from '../../platform/db/schema.ts'
import { flushWriteBatch } from '../../platform/db/write-batch.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { type CustomerDto, getCustomer, type ReadOptions } from './customer-queries.ts'

export type TimelineEntry = {
  at: string
  source: 'audit' | 'event'
  kind: string
  actor: string | null
  objectType: string
  objectId: string | null
}

export type SectionResult = {
  data: unknown
  /** objects of this section whose audit records and events join the customer's timeline */
  related?: { objectType: string; ids: string[] }[]
}

export type Customer360Section = {
  key: string
  /** the operation the caller needs to see this section */
  permission?: string
  load(tx: Tx, principal: StaffPrincipal, customerId: string): Promise<SectionResult>
}

const sections = new Map<string, Customer360Section>()

export function registerCustomer360Section(section: Customer360Section): void {
  sections.set(section.key, section)
}

export type Customer360 = {
  customer: CustomerDto
  sections: Record<string, unknown>
  timeline: TimelineEntry[]
}

const TIMELINE_LIMIT = 200

export async function getCustomer360(
  tx: Tx,
  p: StaffPrincipal,
  pii: PiiCipher,
  id: string,
  opts: ReadOptions = {},
): Promise<Customer360> {
  const customer = await getCustomer(tx, p, pii, id, opts)
  const out: Record<string, unknown> = {}
  const related: { objectType: string; ids: string[] }[] = [{ objectType: 'customer', ids: [id] }]
  for (const section of sections.values()) {
    if (section.permission && !can(p, section.permission)) continue
    const result = await section.load(tx, p, id)
    out[section.key] = result.data
    related.push(...(result.related ?? []))
  }
  return { customer, sections: out, timeline: await timelineOf(tx, p, id, related) }
}

async function timelineOf(
  tx: Tx,
  p: StaffPrincipal,
  customerId: string,
  related: { objectType: string; ids: string[] }[],
): Promise<TimelineEntry[]> {
  // the page's own unmask record (written earlier in this transaction) belongs on its timeline
  await flushWriteBatch(tx)
  const objects = related.filter((r) => r.ids.length > 0)
  const auditWhere = or(
    ...objects.map((r) => and(eq(auditLog.objectType, r.objectType), inArray(auditLog.objectId, r.ids))),
  ) as SQL
  const audits = await tx
    .select({
      at: auditLog.at,
      operation: auditLog.operation,
      actorName: auditLog.actorName,
      objectType: auditLog.objectType,
      objectId: auditLog.objectId,
    })
    .from(auditLog)
    .where(and(scopeCondition(p, { institution: auditLog.institutionId }), auditWhere))
    .orderBy(desc(auditLog.at))
    .limit(TIMELINE_LIMIT)
  const eventWhere = or(
    ...objects.map((r) => and(eq(events.aggregateType, r.objectType), inArray(events.aggregateId, r.ids))),
    // other modules' events that name the customer in their payload (e.g. an application's)
    sql`${events.payload} ->> 'customerId' = ${customerId}`,
  )
  const evs = await tx
    .select({
      at: events.createdAt,
      topic: events.topic,
      aggregateType: events.aggregateType,
      aggregateId: events.aggregateId,
    })
    .from(events)
    .where(and(scopeCondition(p, { institution: events.institutionId }), eventWhere))
    .orderBy(desc(events.id))
    .limit(TIMELINE_LIMIT)
  const entries: TimelineEntry[] = [
    ...audits.map((a) => ({
      at: a.at.toISOString(),
      source: 'audit' as const,
      kind: a.operation,
      actor: a.actorName,
      objectType: a.objectType,
      objectId: a.objectId,
    })),
    ...evs.map((e) => ({
      at: e.at.toISOString(),
      source: 'event' as const,
      kind: e.topic,
      actor: null,
      objectType: e.aggregateType,
      objectId: e.aggregateId,
    })),
  ]
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, TIMELINE_LIMIT)
}
