/**
 * Evaluates a scene (场景) for a customer or application: the champion version decides; a customer in
 * the challenger's share (stable: hash of the subject) is also run through the challenger, whose
 * result is recorded beside it (and used instead only if the scene says so). Every evaluation is
 * stored as a risk report (风控报告). Used by `POST /risk/scenes/:code/evaluate` and by origination.
 */
import { sql } from 'drizzle-orm'
import { type Database, queryRows, type Tx } from '../../platform/db/open.ts'
import { fieldError, notFound } from '../../platform/errors.ts'
import { formatAmount, parseAmount } from '../../platform/money.ts'
import type { PiiCipher } from '../../platform/pii.ts'
import type { RiskEvaluation, TDecision, TRiskReport } from './domain/index.ts'
import { evaluationSubject, type RiskDevice, type RiskSubject } from './evaluation-subject.ts'
import { assertRequiredInputs, knownValues, runRuleSet } from './run-rule-set.ts'
import { compiledVersion, runtimeOf } from './runtime.ts'
import { riskReports } from './schema.ts'

export type EvaluateSceneOptions = {
  /** the caller's transaction, or a database to open one in (institution scope) */
  tx?: Tx
  db?: Database
  pii: PiiCipher
  institutionId: string
  sceneCode: string
  subject: RiskSubject
  /** application values for `input` indicators, plus name / id_number / phone / bank_card for sources */
  inputs: Readonly<Record<string, unknown>>
  device?: RiskDevice
  /** what the device capture records; default `apply` (`login` for register_login) */
  event?: 'register' | 'login' | 'apply'
}

export type EvaluateSceneResult = {
  decision: TDecision
  score: number | null
  amount: string | null
  reportId: string
  variant: 'champion' | 'challenger'
  versionId: string | null
  challenger?: { versionId: string; version: number; decision: TDecision; score: number | null; amount: string | null }
}

type SceneRow = {
  champion_version_id: string | null
  challenger_version_id: string | null
  challenger_share: number
  use_challenger_decision: boolean
  stamp: string | number
  customer_ok: boolean
}

export function evaluateScene(o: EvaluateSceneOptions): Promise<EvaluateSceneResult> {
  if (o.tx) return evaluateIn(o.tx, o)
  if (!o.db) throw new Error('evaluateScene needs tx or db')
  return o.db.tx({ scope: 'institution', institutionId: o.institutionId }, (tx) => evaluateIn(tx, o))
}

/** Stable per subject: the same customer always lands on the same side of the split. */
export function challengerBucket(subjectKey: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < subjectKey.length; i++) h = Math.imul(h ^ subjectKey.charCodeAt(i), 0x01000193) >>> 0
  return h % 100
}

async function evaluateIn(tx: Tx, o: EvaluateSceneOptions): Promise<EvaluateSceneResult> {
  const device = o.device ?? {}
  const subject = evaluationSubject(tx, o.pii, o.institutionId, o.subject, o.inputs, device)
  // the device is captured before rules run (velocity counts include this attempt), in the same round
  // trip as the scene; an unknown scene or bad input rolls the transaction back with it
  const captured = Boolean(device.fingerprint || device.ip)
  const event = o.event ?? (o.sceneCode === 'register_login' ? 'login' : 'apply')
  const [scene] = await queryRows<SceneRow>(
    tx,
    sql`with captured as (
        insert into risk_device_events (institution_id, subject_key, event, device_fingerprint, ip)
        select ${o.institutionId}::uuid, ${subject.key}, ${event}, ${device.fingerprint ?? null}, ${device.ip ?? null}
        where ${captured} returning 1)
      select s.champion_version_id, s.challenger_version_id, s.challenger_share, s.use_challenger_decision,
        coalesce((select stamp from risk_config_stamps c where c.institution_id = s.institution_id), 0) as stamp,
        (${o.subject.customerId ?? null}::uuid is null or exists (select 1 from customers c
          where c.id = ${o.subject.customerId ?? null}::uuid and c.institution_id = s.institution_id)) as customer_ok
      from risk_scenes s where s.institution_id = ${o.institutionId}::uuid and s.code = ${o.sceneCode}`,
  )
  if (!scene) throw notFound()
  if (!scene.customer_ok) throw fieldError('body.customerId', 'risk.field.customer_unknown')
  const champion = scene.champion_version_id
    ? await compiledVersion(tx, o.institutionId, scene.champion_version_id)
    : null
  const inChallenger = scene.challenger_version_id !== null && challengerBucket(subject.key) < scene.challenger_share
  const challenger = inChallenger ? await compiledVersion(tx, o.institutionId, scene.challenger_version_id!) : null
  for (const compiled of [champion, challenger]) if (compiled) assertRequiredInputs(compiled, o.inputs)

  const runtime = await runtimeOf(tx, o.institutionId, Number(scene.stamp))
  const first = champion ? await runRuleSet({ tx, pii: o.pii, runtime, compiled: champion, subject }) : null
  const second = challenger
    ? await runRuleSet({
        tx,
        pii: o.pii,
        runtime,
        compiled: challenger,
        subject,
        known: first ? knownValues(first) : {},
      })
    : null
  const useChallenger = second !== null && scene.use_challenger_decision
  const decided = useChallenger ? second : first
  const report = first ? first.toReport() : emptyReport(o.sceneCode)
  const values = { ...(first ? knownValues(first) : {}), ...(second ? knownValues(second) : {}) }
  const [row] = await tx
    .insert(riskReports)
    .values({
      institutionId: o.institutionId,
      sceneCode: o.sceneCode,
      versionId: scene.champion_version_id,
      version: report.ruleSet.version || null,
      variant: useChallenger ? 'challenger' : 'champion',
      customerId: o.subject.customerId ?? null,
      applicationId: o.subject.applicationId ?? null,
      subjectKey: subject.key,
      decision: decided?.decision ?? 'pass',
      score: decided?.score === null || decided?.score === undefined ? null : String(decided.score),
      amount: decided?.amount ?? null,
      dataCost: addCosts(report.dataCost, second?.toReport().dataCost),
      values,
      report: report as never,
      challenger: second ? (second.toReport() as never) : null,
      challengerDecision: second?.decision ?? null,
      deviceFingerprint: device.fingerprint ?? null,
      ip: device.ip ?? null,
    })
    .returning({ id: riskReports.id })
  return {
    decision: decided?.decision ?? 'pass',
    score: decided?.score ?? null,
    amount: decided?.amount ?? null,
    reportId: row!.id,
    variant: useChallenger ? 'challenger' : 'champion',
    versionId: scene.champion_version_id,
    ...(second ? { challenger: summary(second, scene.challenger_version_id!) } : {}),
  }
}

function summary(evaluation: RiskEvaluation, versionId: string) {
  return {
    versionId,
    version: evaluation.compiled.ruleSet.version,
    decision: evaluation.decision,
    score: evaluation.score,
    amount: evaluation.amount,
  }
}

function addCosts(a: string, b: string | undefined): string {
  return b ? formatAmount(parseAmount(a).plus(parseAmount(b))) : a
}

/** A scene with nothing published passes; the report says no rules ran. */
function emptyReport(scene: string): TRiskReport {
  return {
    ruleSet: { id: 'none', scene, name: 'no published rule set', version: 0 },
    decision: 'pass',
    score: null,
    amount: null,
    fallbackToManual: false,
    rules: [],
    sourcesCalled: [],
    dataCost: '0.00',
  }
}
