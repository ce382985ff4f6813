/** The risk group of the console menu; each route of routes.tsx is guarded by its entry's permission. */
import {
  ApartmentOutlined,
  ApiOutlined,
  ExperimentOutlined,
  FileSearchOutlined,
  FunctionOutlined,
  StopOutlined,
} from '@ant-design/icons'
import type { MenuEntry } from '../../shared/layout/menu'

export const riskMenuEntries: MenuEntry[] = [
  {
    key: 'riskScenes',
    path: '/risk/scenes',
    icon: ApartmentOutlined,
    labelKey: 'risk.nav.scenes',
    group: 'risk',
    permission: 'risk.read',
  },
  {
    key: 'riskIndicators',
    path: '/risk/indicators',
    icon: FunctionOutlined,
    labelKey: 'risk.nav.indicators',
    group: 'risk',
    permission: 'risk.read',
  },
  {
    key: 'riskSources',
    path: '/risk/sources',
    icon: ApiOutlined,
    labelKey: 'risk.nav.sources',
    group: 'risk',
    permission: 'risk.read',
  },
  {
    key: 'riskLists',
    path: '/risk/lists',
    icon: StopOutlined,
    labelKey: 'risk.nav.lists',
    group: 'risk',
    permission: 'risk.read',
  },
  {
    key: 'riskBacktest',
    path: '/risk/backtest',
    icon: ExperimentOutlined,
    labelKey: 'risk.nav.backtest',
    group: 'risk',
    permission: 'risk.read',
  },
  {
    key: 'riskReports',
    path: '/risk/reports',
    icon: FileSearchOutlined,
    labelKey: 'risk.nav.reports',
    group: 'risk',
    permission: 'risk.report.read',
  },
]
