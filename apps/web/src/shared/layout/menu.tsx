/**
 * The console's navigation as data. An entry appears only for users holding its permission (any of,
 * when several are listed); the route of the same entry is guarded by the same permission.
 * Later modules add their entries here.
 */
import {
  AccountBookOutlined,
  AuditOutlined,
  BankOutlined,
  CalculatorOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  FileTextOutlined,
  IdcardOutlined,
  MailOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons'
import type { ComponentType } from 'react'
import { collectionsMenuEntries } from '../../pages/collections/menu'
import { originationMenuEntries } from '../../pages/origination/menu'
import { riskMenuEntries } from '../../pages/risk/menu'
import type { MessageKey } from '../i18n'

export type MenuEntry = {
  key: string
  path: string
  icon: ComponentType
  labelKey: MessageKey
  /** Operation code(s) needed to see the entry; absent = every signed-in user. */
  permission?: string | string[]
  /** Entries of a group are listed under its heading (see `menuGroups`). */
  group?: MenuGroupKey
}

export type MenuGroupKey = 'servicing' | 'origination' | 'risk' | 'collections' | 'system'

/** Headings in menu order; a group with no visible entry is not shown. */
export const menuGroups: { key: MenuGroupKey; labelKey: MessageKey }[] = [
  { key: 'origination', labelKey: 'orig.nav.group' },
  { key: 'servicing', labelKey: 'nav.servicing' },
  { key: 'risk', labelKey: 'risk.nav.group' },
  { key: 'collections', labelKey: 'collections.nav.group' },
  { key: 'system', labelKey: 'nav.system' },
]

export const menuEntries: MenuEntry[] = [
  { key: 'home', path: '/', icon: DashboardOutlined, labelKey: 'nav.home' },
  {
    key: 'customers',
    path: '/customers',
    icon: IdcardOutlined,
    labelKey: 'nav.customers',
    permission: 'customer.read',
  },
  { key: 'approvals', path: '/approvals', icon: CheckSquareOutlined, labelKey: 'nav.approvals' },
  {
    key: 'products',
    path: '/servicing/products',
    icon: ShopOutlined,
    labelKey: 'nav.products',
    group: 'servicing',
    permission: 'product.read',
  },
  {
    key: 'loans',
    path: '/servicing/loans',
    icon: FileTextOutlined,
    labelKey: 'nav.loans',
    group: 'servicing',
    permission: 'loan.read',
  },
  {
    key: 'ledger',
    path: '/servicing/ledger',
    icon: AccountBookOutlined,
    labelKey: 'nav.ledger',
    group: 'servicing',
    permission: ['ledger.read', 'ledger.verify'],
  },
  {
    key: 'cob',
    path: '/servicing/cob',
    icon: ScheduleOutlined,
    labelKey: 'nav.cob',
    group: 'servicing',
    permission: 'cob.run',
  },
  {
    key: 'calculator',
    path: '/servicing/calculator',
    icon: CalculatorOutlined,
    labelKey: 'nav.calculator',
    group: 'servicing',
    permission: ['product.read', 'loan.read'],
  },
  ...originationMenuEntries,
  ...riskMenuEntries,
  ...collectionsMenuEntries,
  {
    key: 'users',
    path: '/system/users',
    icon: UserOutlined,
    labelKey: 'nav.users',
    group: 'system',
    permission: 'user.read',
  },
  {
    key: 'access',
    path: '/system/access',
    icon: SafetyCertificateOutlined,
    labelKey: 'nav.access',
    group: 'system',
    permission: 'user.read',
  },
  {
    key: 'teams',
    path: '/system/teams',
    icon: TeamOutlined,
    labelKey: 'nav.teams',
    group: 'system',
    permission: 'user.read',
  },
  {
    key: 'institutions',
    path: '/system/institutions',
    icon: BankOutlined,
    labelKey: 'nav.institutions',
    group: 'system',
    permission: 'institution.read',
  },
  {
    key: 'audit',
    path: '/system/audit',
    icon: AuditOutlined,
    labelKey: 'nav.audit',
    group: 'system',
    permission: 'audit.read',
  },
  {
    key: 'outbox',
    path: '/system/outbox',
    icon: MailOutlined,
    labelKey: 'nav.outbox',
    group: 'system',
    permission: 'notification.read',
  },
]

/** The entry whose path is the longest prefix of the current location (so /users/42 lights up Users). */
export function activeMenuKey(pathname: string): string | undefined {
  let best: MenuEntry | undefined
  for (const entry of menuEntries) {
    const matches =
      entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`)
    if (matches && (!best || entry.path.length > best.path.length)) best = entry
  }
  return best?.key
}

export function menuEntry(key: string): MenuEntry {
  const entry = menuEntries.find((candidate) => candidate.key === key)
  if (!entry) throw new Error(`unknown menu entry ${key}`)
  return entry
}
