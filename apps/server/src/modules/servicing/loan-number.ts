/** Readable loan numbers, one sequence per institution and business day: L20260901-000123. */
import { sql } from 'drizzle-orm'
import type { IsoDate } from '../../platform/dates.ts'
import { queryRows, type Tx } from '../../platform/db/open.ts'

export async function nextLoanNo(tx: Tx, institutionId: string, day: IsoDate): Promise<string> {
  // the upsert locks the counter row, so concurrent creations get distinct numbers
  const [row] = await queryRows<{ last_value: number }>(
    tx,
    sql`insert into loan_number_counters (institution_id, day, last_value) values (${institutionId}, ${day}, 1)
      on conflict (institution_id, day) do update set last_value = loan_number_counters.last_value + 1
      returning last_value`,
  )
  return `L${day.replaceAll('-', '')}-${String(row!.last_value).padStart(6, '0')}`
}
