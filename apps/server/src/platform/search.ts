/**
 * The header's one-step search. Modules register providers (users and institutions now; customers,
 * applications and loans as those modules land); each provider applies the caller's scope itself.
 */
import { z } from 'zod'
import type { StaffPrincipal } from './access/principal.ts'
import type { Tx } from './db/open.ts'
import type { AppContext, XindaiApp } from './http/app.ts'
import { asStaff } from './http/request.ts'
import { problems } from './http/schemas.ts'

export type SearchHit = { type: string; id: string; title: string; subtitle: string; path: string }
export type SearchProvider = (tx: Tx, principal: StaffPrincipal, q: string) => Promise<SearchHit[]>

const providers: SearchProvider[] = []

export function registerSearchProvider(provider: SearchProvider): void {
  providers.push(provider)
}

export function registerSearchRoute(app: XindaiApp, ctx: AppContext) {
  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'One-step search across everything the caller may see',
        querystring: z.strictObject({ q: z.string().trim().min(1).max(100) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ type: z.string(), id: z.string(), title: z.string(), subtitle: z.string(), path: z.string() }),
            ),
          }),
          ...problems,
        },
      },
    },
    (req) =>
      asStaff(ctx, req, async ({ tx, principal }) => {
        const items: SearchHit[] = []
        for (const provider of providers) items.push(...(await provider(tx, principal, req.query.q)))
        return { items: items.slice(0, 50) }
      }),
  )
}
