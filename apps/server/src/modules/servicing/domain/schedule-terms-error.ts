/**
 * Thrown for terms the engine cannot schedule. `field` names the offending input (dotted, as in the
 * request body) and `reason` is a stable code, so the HTTP layer can answer 400 with a field-level
 * message in the caller's language instead of echoing this English text.
 */
export type ScheduleTermsErrorReason = 'invalid' | 'out_of_range' | 'not_cents' | 'not_allowed'

export class ScheduleTermsError extends RangeError {
  readonly field: string
  readonly reason: ScheduleTermsErrorReason

  constructor({ field, reason, message }: { field: string; reason: ScheduleTermsErrorReason; message: string }) {
    super(`${field}: ${message}`)
    this.name = 'ScheduleTermsError'
    this.field = field
    this.reason = reason
  }
}
