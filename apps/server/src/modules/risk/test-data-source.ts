/** The console's "test call" (测试调用): one real call to a source, never cached, never a 5xx. */
import { and, eq } from 'drizzle-orm'
import type { StaffPrincipal } from '../../platform/access/principal.ts'
import type { Tx } from '../../platform/db/open.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import { findDataSource } from './data-source-queries.ts'
import { evaluationSubject, type RiskDevice } from './evaluation-subject.ts'
import { callHttpSource, valueAtPath } from './http-source.ts'
import { riskIndicators } from './schema.ts'

export type TestDataSourceOptions = {
  tx: Tx
  principal: StaffPrincipal
  pii: PiiCipher
  id: string
  input: { inputs?: Record<string, unknown>; customerId?: string; device?: RiskDevice }
}

export async function testDataSource({ tx, principal, pii, id, input }: TestDataSourceOptions) {
  const source = await findDataSource(tx, principal, id)
  const subject = evaluationSubject(
    tx,
    pii,
    source.institutionId,
    { customerId: input.customerId ?? null },
    input.inputs ?? {},
    input.device ?? {},
  )
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), source.timeoutMs)
  const started = performance.now()
  try {
    const answer = await callHttpSource(source, subject, controller.signal)
    const indicators = await tx
      .select({ code: riskIndicators.code, config: riskIndicators.config })
      .from(riskIndicators)
      .where(and(eq(riskIndicators.institutionId, source.institutionId), eq(riskIndicators.dataSource, source.code)))
    for (const { code, config } of indicators) {
      if (!(code in answer.values) && typeof config.path === 'string')
        answer.values[code] = valueAtPath(answer.raw, config.path)
    }
    return {
      ok: true,
      latencyMs: Math.round(performance.now() - started),
      status: answer.status,
      values: answer.values,
      raw: answer.raw,
      error: null,
    }
  } catch (err) {
    const error = controller.signal.aborted ? `timed out after ${source.timeoutMs} ms` : (err as Error).message
    return { ok: false, latencyMs: Math.round(performance.now() - started), status: null, values: {}, raw: null, error }
  } finally {
    clearTimeout(timer)
  }
}
