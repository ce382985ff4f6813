/**
 * Work other modules do when a staff member goes online (上线接单), inside the transaction that
 * records the status — so what a hook does (credit review hands waiting orders to the reviewer who
 * came online) commits exactly with it. Registered at module load, like the close hooks.
 */
import type { Actor } from './audit/record.ts'
import type { Tx } from './db/open.ts'

export type OnlineUser = { userId: string; institutionId: string; actor: Actor }
export type OnlineHook = (tx: Tx, user: OnlineUser) => Promise<void>

const hooks = new Map<string, OnlineHook>()

export function registerOnlineHook(name: string, hook: OnlineHook): void {
  hooks.set(name, hook)
}

export async function runOnlineHooks(tx: Tx, user: OnlineUser): Promise<void> {
  for (const hook of hooks.values()) await hook(tx, user)
}
