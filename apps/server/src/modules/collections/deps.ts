/**
 * What the collections module needs from the composition root: the notifier (broken promises,
 * reminders) and a wall clock (contact hours). Set once by `configureCollections` (main.ts); tests
 * replace the clock with `setCollectionsWallClock`.
 */
import { systemClock, type WallClock } from '../../platform/clock.ts'
import type { Notifier } from '../../platform/notify/notifier.ts'
import type { PiiCipher } from '../../platform/pii.ts'

export const deps: { notifier: Notifier | null; pii: PiiCipher | null; clock: WallClock } = {
  notifier: null,
  pii: null,
  clock: systemClock,
}

export function configureCollections(o: { notifier: Notifier; pii?: PiiCipher }): void {
  deps.notifier = o.notifier
  deps.pii = o.pii ?? null
}

/** Tests only: fix "now" for the contact-hours rule. */
export function setCollectionsWallClock(clock: WallClock): void {
  deps.clock = clock
}
