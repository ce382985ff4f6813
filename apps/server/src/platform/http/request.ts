/** Per-request helpers: the actor for the audit trail and the scoped transaction of the caller. */
// brings the request and route-config fields the platform adds to Fastify into every program
import './types.ts'
import type { FastifyRequest } from 'fastify'
import type { StaffPrincipal } from '../access/principal.ts'
import { dbContextOf } from '../access/principal.ts'
import type { Actor } from '../audit/record.ts'
import type { Tx } from '../db/open.ts'
import type { AppContext } from './app.ts'
import { staffOf } from './auth-hook.ts'

export function actorOf(req: FastifyRequest): Actor {
  if (req.principal)
    return {
      type: 'staff',
      id: req.principal.userId,
      name: req.principal.username,
      institutionId: req.principal.institutionId,
      ip: req.ip,
    }
  if (req.borrower)
    return {
      type: 'borrower',
      id: req.borrower.borrowerId,
      name: req.borrower.phoneMasked,
      institutionId: null,
      ip: req.ip,
    }
  return { type: 'system', id: null, name: 'anonymous', institutionId: null, ip: req.ip }
}

export type StaffCall = { tx: Tx; principal: StaffPrincipal; actor: Actor }

/** Runs `fn` in one transaction with the caller's tenant context (RLS) and audit actor. */
export function asStaff<T>(ctx: AppContext, req: FastifyRequest, fn: (call: StaffCall) => Promise<T>): Promise<T> {
  const principal = staffOf(req)
  const actor = actorOf(req)
  return ctx.db.tx(dbContextOf(principal), (tx) => fn({ tx, principal, actor }))
}
