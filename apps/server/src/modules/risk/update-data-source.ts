/** Edits a data source's endpoint, mapping, cost, call cycle or fallback. */
import { eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { checkDataSourceInput, type TDataSourceInput } from './data-source-input.ts'
import { type DataSourceRow, findDataSource, toDataSourceDto } from './data-source-queries.ts'
import { bumpConfigStamp } from './runtime.ts'
import { riskDataSources } from './schema.ts'

export type UpdateDataSourceOptions = {
  tx: Tx
  principal: StaffPrincipal
  actor: Actor
  id: string
  input: Partial<Omit<TDataSourceInput, 'code'>>
}

export async function updateDataSource({ tx, principal, actor, id, input }: UpdateDataSourceOptions) {
  checkDataSourceInput(input)
  const before = await findDataSource(tx, principal, id)
  const [row] = (await tx
    .update(riskDataSources)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(riskDataSources.id, id))
    .returning()) as [DataSourceRow]
  await bumpConfigStamp(tx, before.institutionId)
  await recordAudit(tx, actor, {
    operation: 'risk.source.update',
    objectType: 'risk_data_source',
    objectId: id,
    institutionId: before.institutionId,
    before: toDataSourceDto(before),
    after: toDataSourceDto(row),
  })
  return toDataSourceDto(row)
}
