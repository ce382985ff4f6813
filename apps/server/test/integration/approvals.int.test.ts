/** Four-eyes (复核): a change proposed by one person runs only when a different person approves it. */
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { teams } from '../../src/modules/identity/schema.ts'
import { dbContextOf } from '../../src/platform/access/principal.ts'
import { registerApprovalKind, requestApproval } from '../../src/platform/approvals/approvals.ts'
import { startTestEnv, type TestEnv } from '../harness.ts'

registerApprovalKind<{ name: string }>({
  kind: 'test.rename_team',
  approverOperation: 'role.manage',
  async apply({ tx, payload, request }) {
    await tx.update(teams).set({ name: payload.name }).where(eq(teams.id, request.objectId))
    return { renamed: payload.name }
  },
})

let env: TestEnv
beforeAll(async () => {
  env = await startTestEnv()
})
afterAll(() => env?.close())

type Approval = { id: string; status: string; result: unknown }

describe('four-eyes approvals', () => {
  it('the requester cannot approve their own request; a second admin can, and the change happens then', async () => {
    const requester = await env.login('huixin.admin')
    const team = (await requester.get<{ id: string; name: string }[]>('/api/v1/teams')).body[0]!
    const me = (await requester.get<{ id: string }>('/api/v1/me')).body
    // create the request the way a module would, inside a scoped transaction
    const principal = {
      kind: 'staff' as const,
      userId: me.id,
      username: 'huixin.admin',
      displayName: '',
      institutionId: team.id,
      institutionCode: '',
      institutionName: '',
      institutionKind: 'lender' as const,
      teamId: null,
      permissions: new Set<string>(),
      scope: 'institution' as const,
      online: false,
      csrfToken: '',
      businessDate: null,
    }
    const instId = (await requester.get<{ institution: { id: string } }>('/api/v1/me')).body.institution.id
    principal.institutionId = instId
    const req = await env.platform.db.tx(dbContextOf(principal), (tx) =>
      requestApproval({
        tx,
        principal,
        actor: { type: 'staff', id: me.id, name: 'huixin.admin', institutionId: instId, ip: null },
        kind: 'test.rename_team',
        objectType: 'team',
        objectId: team.id,
        summary: 'rename',
        payload: { name: '改名后的团队' },
      }),
    )
    const own = await requester.post<{ code: string; detail: string }>(`/api/v1/approvals/${req.id}/approve`, {})
    expect(own.status).toBe(422)
    expect(own.body.detail).toContain('四眼')
    expect(
      (await requester.get<{ name: string }[]>('/api/v1/teams')).body.find((t) => t.name === team.name),
    ).toBeDefined()

    // a second person with the operation approves
    const admin2 = await env.login('admin')
    const ok = await admin2.post<Approval>(`/api/v1/approvals/${req.id}/approve`, { comment: '同意' })
    expect(ok.status).toBe(200)
    expect(ok.body.status).toBe('approved')
    expect(
      (await requester.get<{ id: string; name: string }[]>('/api/v1/teams')).body.find((t) => t.id === team.id)?.name,
    ).toBe('改名后的团队')
    // the requester finds it under "mine"; the second admin under "decidable"
    expect(
      (await requester.get<{ items: Approval[] }>('/api/v1/approvals?mine=true')).body.items.map((i) => i.id),
    ).toContain(req.id)
    // decided once only
    expect((await admin2.post(`/api/v1/approvals/${req.id}/reject`, {})).status).toBe(422)
    const trail = await admin2.get<{ items: { operation: string }[] }>(`/api/v1/audit?objectId=${team.id}`)
    expect(trail.body.items.map((i) => i.operation)).toEqual(
      expect.arrayContaining(['approval.request', 'approval.approve']),
    )
  })

  it('someone without the approver operation is refused', async () => {
    const cs = await env.login('huixin.cs')
    const list = await cs.get<{ items: Approval[]; decidableKinds: string[] }>('/api/v1/approvals')
    expect(list.body.decidableKinds).not.toContain('test.rename_team')
  })
})
