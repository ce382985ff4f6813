/**
 * Work other modules do at the end of each institution's daily close (日终), inside the transaction
 * that completes the day and advances the business date — so it commits exactly once with the day,
 * and a close restarted after a crash runs it again (hooks must be idempotent per institution and
 * date). Registered at module load, e.g. the collections case flow.
 */
import type { IsoDate } from './dates.ts'
import type { Tx } from './db/open.ts'

export type CloseDay = { institutionId: string; date: IsoDate }
export type CloseHook = (tx: Tx, day: CloseDay) => Promise<void>

const hooks = new Map<string, CloseHook>()

export function registerCloseHook(name: string, hook: CloseHook): void {
  hooks.set(name, hook)
}

export async function runCloseHooks(tx: Tx, day: CloseDay): Promise<void> {
  for (const hook of hooks.values()) await hook(tx, day)
}
