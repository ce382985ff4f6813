/** Staff passwords: argon2id hashes and a minimal strength rule. */
import { hash, verify } from '@node-rs/argon2'

// argon2id (algorithm 2) with the OWASP-recommended minimum: 19 MiB, 2 iterations.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS)
}

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain)
  } catch {
    return false
  }
}

export function isStrongEnough(plain: string): boolean {
  return plain.length >= 8 && /[A-Za-z]/.test(plain) && /\d/.test(plain)
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | undefined
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-1')
  return dummyHash
}
