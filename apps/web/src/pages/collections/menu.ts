/** The collections group of the console menu; each route in ./routes.tsx is guarded by its entry's permission. */
import {
  AimOutlined,
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  ClusterOutlined,
  InboxOutlined,
  SafetyOutlined,
  SlidersOutlined,
} from '@ant-design/icons'
import type { MenuEntry } from '../../shared/layout/menu'

export const collectionsMenuEntries: MenuEntry[] = [
  {
    key: 'collectionPools',
    path: '/collections/pools',
    icon: InboxOutlined,
    labelKey: 'collections.nav.pools',
    group: 'collections',
    permission: 'collection.assign',
  },
  {
    key: 'collectionMyCases',
    path: '/collections/my-cases',
    icon: AimOutlined,
    labelKey: 'collections.nav.myCases',
    group: 'collections',
    permission: 'collection.work',
  },
  {
    key: 'collectionDashboard',
    path: '/collections/dashboard',
    icon: BarChartOutlined,
    labelKey: 'collections.nav.dashboard',
    group: 'collections',
    permission: 'collection.read',
  },
  {
    key: 'collectionWarnings',
    path: '/collections/warnings',
    icon: AlertOutlined,
    labelKey: 'collections.nav.warnings',
    group: 'collections',
    permission: 'warning.read',
  },
  {
    key: 'collectionStrategies',
    path: '/collections/strategies',
    icon: ClusterOutlined,
    labelKey: 'collections.nav.strategies',
    group: 'collections',
    permission: 'collection.read',
  },
  {
    key: 'collectionLegal',
    path: '/collections/legal',
    icon: AuditOutlined,
    labelKey: 'collections.nav.legal',
    group: 'collections',
    permission: 'collection.read',
  },
  {
    key: 'collectionStages',
    path: '/collections/stages',
    icon: SlidersOutlined,
    labelKey: 'collections.nav.stages',
    group: 'collections',
    permission: 'collection.manage',
  },
  {
    key: 'collectionCompliance',
    path: '/collections/compliance',
    icon: SafetyOutlined,
    labelKey: 'collections.nav.compliance',
    group: 'collections',
    permission: 'collection.manage',
  },
]
