/**
 * Own-data indicators (data source → table → field): one query per whitelisted table, keyed by the
 * customer under evaluation. The queries are fixed here; an indicator only names a table and field.
 */
import { type SQL, sql } from 'drizzle-orm'
import { queryRows, type Tx } from '../../platform/db/open.ts'
import { provinceOfIp } from './datasim-answers.ts'
import type { EvaluationSubject } from './evaluation-subject.ts'

type Row = Record<string, unknown>

/**
 * "Today" for ages and windows is the institution's business date (营业日), the day the daily close
 * has reached — not the database server's calendar — so a back-dated or replayed evaluation and the
 * daily close agree on how old a customer is.
 */
export const businessDateOf = (institutionColumn: SQL) =>
  sql`coalesce((select b.business_date from business_dates b where b.institution_id = ${institutionColumn}), current_date)`

const TABLE_QUERIES: Record<string, (customerId: string) => SQL> = {
  customers: (id) => sql`select extract(year from age(bd.d, c.birth_date))::int as age, c.sex,
      (bd.d - c.created_at::date)::int as days_since_registration, c.address->>'province' as province,
      c.channel, c.address_book_count, c.tags,
      (select count(*)::int from customer_bank_cards b where b.customer_id = c.id) as bank_card_count
    from customers c cross join lateral (select ${businessDateOf(sql`c.institution_id`)} as d) bd
    where c.id = ${id}::uuid`,
  applications: (id) => sql`select count(a.id)::int as application_count,
      count(a.id) filter (where a.submitted_at::date > bd.d - 30)::int as applications_last_30_days,
      count(a.id) filter (where a.status = 'rejected')::int as rejected_application_count,
      -- in progress = origination's ACTIVE_STATUSES (origination/domain/status.ts)
      count(a.id) filter (where a.status in ('submitted', 'manual_review', 'approval', 'approved', 'disbursing'))::int
        as open_application_count,
      (bd.d - max(a.decided_at::date) filter (where a.status = 'rejected'))::int as days_since_last_rejection
    from customers c cross join lateral (select ${businessDateOf(sql`c.institution_id`)} as d) bd
      left join applications a on a.customer_id = c.id
    where c.id = ${id}::uuid group by bd.d`,
  loans: (id) => sql`select count(*)::int as loan_count,
      count(*) filter (where status in ('active', 'overdue'))::int as active_loan_count,
      coalesce(sum(principal_outstanding), 0)::float8 as principal_outstanding,
      coalesce(max(dpd), 0)::int as max_dpd, count(*) filter (where status = 'settled')::int as settled_loan_count
    from loans where customer_id = ${id}::uuid`,
  installments: (id) => sql`select count(*) filter (where i.status = 'overdue')::int as overdue_installments,
      count(*) filter (where i.paid_on > i.due_date)::int as late_paid_installments
    from installments i join loans l on l.id = i.loan_id where l.customer_id = ${id}::uuid`,
  loan_transactions: (id) => sql`select count(*) filter (where t.type = 'repayment')::int as repayment_count,
      count(*) filter (where t.type = 'repayment' and t.reversed_by_id is not null)::int as reversal_count
    from loan_transactions t join loans l on l.id = t.loan_id where l.customer_id = ${id}::uuid`,
}

/** The fields of the request itself (no query). */
export function requestFields(subject: EvaluationSubject): Row {
  const ip = subject.device.ip ?? null
  return { ip, device_fingerprint: subject.device.fingerprint ?? null, ip_province: ip ? provinceOfIp(ip) : null }
}

/** The query of one whitelisted table for the subject, or null when there is nothing to read. */
export function ownTableQuery(table: string, subject: EvaluationSubject): SQL | null {
  const query = TABLE_QUERIES[table]
  return query && subject.customerId ? query(subject.customerId) : null
}

/** Field values of one table for the subject, by field name (empty when there is no customer). */
export async function readOwnTable(tx: Tx, table: string, subject: EvaluationSubject): Promise<Row> {
  if (table === 'request') return requestFields(subject)
  const query = ownTableQuery(table, subject)
  if (!query) return {}
  const [row] = await queryRows<Row>(tx, query)
  return row ?? {}
}
