/** The origination and credit-review group of the console menu; routes in ./routes.tsx use the same permissions. */
import {
  AuditOutlined,
  BarChartOutlined,
  FileDoneOutlined,
  FormOutlined,
  InboxOutlined,
  SettingOutlined,
  SolutionOutlined,
} from '@ant-design/icons'
import type { MenuEntry } from '../../shared/layout/menu'

export const originationMenuEntries: MenuEntry[] = [
  {
    key: 'applications',
    path: '/origination/applications',
    icon: FormOutlined,
    labelKey: 'orig.nav.applications',
    group: 'origination',
    permission: 'application.read',
  },
  {
    key: 'reviewPools',
    path: '/review/pools',
    icon: InboxOutlined,
    labelKey: 'review.nav.pools',
    group: 'origination',
    permission: 'review.assign',
  },
  {
    key: 'reviewMine',
    path: '/review/my-orders',
    icon: SolutionOutlined,
    labelKey: 'review.nav.mine',
    group: 'origination',
    permission: 'review.work',
  },
  {
    key: 'approvalSteps',
    path: '/origination/approval-steps',
    icon: FileDoneOutlined,
    labelKey: 'orig.nav.steps',
    group: 'origination',
    permission: 'review.approve',
  },
  {
    key: 'reviewQi',
    path: '/review/qi',
    icon: AuditOutlined,
    labelKey: 'review.nav.qi',
    group: 'origination',
    permission: 'review.qi',
  },
  {
    key: 'reviewStats',
    path: '/review/stats',
    icon: BarChartOutlined,
    labelKey: 'review.nav.stats',
    group: 'origination',
    permission: 'review.stats',
  },
  {
    key: 'originationSettings',
    path: '/origination/settings',
    icon: SettingOutlined,
    labelKey: 'orig.nav.settings',
    group: 'origination',
    permission: 'application.manage',
  },
]
