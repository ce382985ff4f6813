/** Shapes from docs/api-foundation.md, the contract between server and console. */

export type Scope = 'own' | 'team' | 'institution' | 'platform'
export type InstitutionKind = 'platform' | 'lender'
export type InstitutionStatus = 'active' | 'suspended'
export type UserStatus = 'active' | 'frozen'

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number }

export type Me = {
  id: string
  username: string
  displayName: string
  /** `businessDate` is sent by the server although the contract does not list it. */
  institution: { id: string; code: string; name: string; kind: InstitutionKind; businessDate?: string }
  teamId: string | null
  permissions: string[]
  scope: Scope
  online: boolean
  csrfToken: string
}

export type User = {
  id: string
  username: string
  displayName: string
  institutionId: string
  institutionName: string
  teamId: string | null
  teamName: string | null
  status: UserStatus
  locked: boolean
  lockedUntil: string | null
  online: boolean
  lastLoginAt: string | null
  positions: { id: string; code: string; name: string }[]
  createdAt: string
}

export type Institution = {
  id: string
  code: string
  name: string
  kind: InstitutionKind
  status: InstitutionStatus
  businessDate: string
  userCount: number
  createdAt: string
}

export type Operation = { code: string; group: string; label: { 'zh-CN': string; 'en-US': string } }

export type Role = { id: string; institutionId: string | null; code: string; name: string; positionCount: number }

export type Position = {
  id: string
  institutionId: string | null
  roleId: string
  roleName: string
  code: string
  name: string
  scope: Scope
  operations: string[]
  userCount: number
}

/** The contract names only `{ name, institutionId? }` for teams; the server also sends `memberCount`. */
export type Team = { id: string; name: string; institutionId: string | null; memberCount?: number }

export type AuditRow = {
  id: number | string
  institutionId: string | null
  seq: number
  at: string
  actorId: string | null
  actorName: string | null
  ip: string | null
  operation: string
  objectType: string
  objectId: string | null
  before: unknown
  after: unknown
  hash: string
}

export type AuditProblem = {
  chain: string
  seq: number
  id: number | string | null
  kind: 'edited' | 'missing' | 'reordered'
  message: string
}
export type AuditVerifyResult = { ok: boolean; checkedRows: number; chains: number; problems: AuditProblem[] }

export type NotificationChannel = 'sms' | 'email' | 'inapp' | 'robocall'
export type Notification = {
  id: string
  channel: NotificationChannel
  provider: string
  recipient: string
  subject: string | null
  body: string
  status: string
  createdAt: string
}

export type SearchResult = { type: string; id: string; title: string; subtitle?: string | null; path: string }

export type BorrowerMe = { id: string; phoneMasked: string; createdAt: string }
export type BorrowerLogin = { id: string; phoneMasked: string; isNew: boolean }
export type OtpSent = { sentAt: string; retryAfterSeconds: number }

/** Some reference lists may come back as a bare array or as a page; callers need only the rows. */
export function rowsOf<T>(data: T[] | Page<T> | undefined): T[] {
  if (!data) return []
  return Array.isArray(data) ? data : data.items
}
