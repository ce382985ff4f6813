/** Request and route-config fields the platform adds to Fastify. */
import type { StaffPrincipal } from '../access/principal.ts'
import type { Locale } from '../i18n.ts'

export type BorrowerPrincipal = { kind: 'borrower'; borrowerId: string; phoneMasked: string; csrfToken: string }

/** Who may call a route: nobody needs a session (`public`), staff, or borrowers. */
export type RouteAuth = 'public' | 'staff' | 'borrower'

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale
    principal: StaffPrincipal | undefined
    borrower: BorrowerPrincipal | undefined
  }
  interface FastifyContextConfig {
    /** default: `staff` */
    auth?: RouteAuth
    /** the operation the caller needs; checked for every staff route that names one */
    permission?: string
    /** cookie-authenticated writes need the CSRF header unless a route opts out (login) */
    csrf?: boolean
  }
}
