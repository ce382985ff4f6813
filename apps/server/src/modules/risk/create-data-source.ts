/** Configures a third-party data source (调用接口管理). */
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import { type Actor, recordAudit } from '../../platform/audit/record.ts'
import type { Tx } from '../../platform/db/open.ts'
import { fieldError, isUniqueViolation } from '../../platform/errors.ts'
import { checkDataSourceInput, type TDataSourceInput } from './data-source-input.ts'
import { type DataSourceRow, toDataSourceDto } from './data-source-queries.ts'
import { bumpConfigStamp } from './runtime.ts'
import { riskDataSources } from './schema.ts'

export type CreateDataSourceOptions = { tx: Tx; principal: StaffPrincipal; actor: Actor; input: TDataSourceInput }

const RESERVED = /^(input|lists|own_.*|derived_.*)$/

export async function createDataSource({ tx, principal, actor, input }: CreateDataSourceOptions) {
  checkDataSourceInput(input)
  if (RESERVED.test(input.code)) throw fieldError('body.code', 'risk.field.source_code_reserved')
  const institutionId = principal.institutionId
  let row: DataSourceRow
  try {
    ;[row] = (await tx
      .insert(riskDataSources)
      .values({ institutionId, ...input, enabled: input.enabled ?? true })
      .returning()) as [DataSourceRow]
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('body.code', 'field.code_taken', undefined, 'conflict')
    throw err
  }
  await bumpConfigStamp(tx, institutionId)
  await recordAudit(tx, actor, {
    operation: 'risk.source.create',
    objectType: 'risk_data_source',
    objectId: row.id,
    institutionId,
    after: toDataSourceDto(row),
  })
  return toDataSourceDto(row)
}
