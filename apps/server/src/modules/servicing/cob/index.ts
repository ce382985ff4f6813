/**
 * The daily close (日终/COB) of the servicing module: ages every active loan (DPD, overdue status),
 * accrues penalty and interest, recognises fees when due, books the accruals and emits events
 * through the outbox, then advances the business date. See docs/cob.md.
 *
 * Other modules may call: `runCob` (close up to a date), `closeDay` (one institution, one date),
 * `startCobScheduler`, and `registerCobRoutes` (main.ts).
 */
export { accrualEventId, type ChunkStats } from './chunk.ts'
export { registerCobRoutes } from './routes.ts'
export { type CobTrigger, closeDay, type DayResult, type RunCobOptions, runCob } from './run-cob.ts'
export { parseCobSchedule, startCobScheduler } from './scheduler.ts'
