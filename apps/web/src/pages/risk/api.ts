/**
 * Endpoints of the risk module (docs/api-risk.md) and the queries every risk page shares. Paths live
 * here only, so that the pages read as what they show.
 */
import { useQuery } from '@tanstack/react-query'
import { api } from '../../shared/api/client'
import { type Page, rowsOf } from '../../shared/api/types'
import type { DataSource, Indicator, OwnTable, ReportDetail, RuleSetVersion, Scene } from './types'

const BASE = '/api/v1/risk'

export const RISK = {
  scenes: `${BASE}/scenes`,
  scene: (code: string) => `${BASE}/scenes/${encodeURIComponent(code)}`,
  sceneVersions: (code: string) => `${BASE}/scenes/${encodeURIComponent(code)}/versions`,
  sceneRollback: (code: string) => `${BASE}/scenes/${encodeURIComponent(code)}/rollback`,
  evaluate: (code: string) => `${BASE}/scenes/${encodeURIComponent(code)}/evaluate`,
  version: (id: string) => `${BASE}/versions/${encodeURIComponent(id)}`,
  versionSubmit: (id: string) => `${BASE}/versions/${encodeURIComponent(id)}/submit`,
  versionTest: (id: string) => `${BASE}/versions/${encodeURIComponent(id)}/test`,
  versionDiff: (id: string) => `${BASE}/versions/${encodeURIComponent(id)}/diff`,
  versionBacktest: (id: string) => `${BASE}/versions/${encodeURIComponent(id)}/backtest`,
  indicators: `${BASE}/indicators`,
  indicator: (id: string) => `${BASE}/indicators/${encodeURIComponent(id)}`,
  ownFields: `${BASE}/own-fields`,
  dataSources: `${BASE}/data-sources`,
  dataSource: (id: string) => `${BASE}/data-sources/${encodeURIComponent(id)}`,
  dataSourceTest: (id: string) => `${BASE}/data-sources/${encodeURIComponent(id)}/test`,
  lists: `${BASE}/lists`,
  listEntry: (id: string) => `${BASE}/lists/${encodeURIComponent(id)}`,
  listImport: `${BASE}/lists/import`,
  reports: `${BASE}/reports`,
  report: (id: string) => `${BASE}/reports/${encodeURIComponent(id)}`,
}

export const riskKeys = {
  scenes: ['list', RISK.scenes] as const,
  scene: (code: string) => ['risk', 'scene', code] as const,
  versions: (code: string) => ['list', RISK.sceneVersions(code)] as const,
  version: (id: string) => ['risk', 'version', id] as const,
  indicatorsAll: ['list', RISK.indicators, 'all'] as const,
  dataSources: ['list', RISK.dataSources] as const,
  report: (id: string) => ['risk', 'report', id] as const,
}

export function useScenes() {
  return useQuery({
    queryKey: riskKeys.scenes,
    queryFn: ({ signal }) => api.get<Scene[] | Page<Scene>>(RISK.scenes, undefined, { signal }),
    select: (data) => rowsOf<Scene>(data),
  })
}

/** The doc names the own tables and "the derived entities"; accept the bare array or an object holding it. */
type OwnFieldsAnswer = OwnTable[] | { tables?: OwnTable[]; own?: OwnTable[] }
function ownTablesOf(data: OwnFieldsAnswer): OwnTable[] {
  if (Array.isArray(data)) return data
  return data.tables ?? data.own ?? []
}

export function useScene(code: string) {
  return useQuery({
    queryKey: riskKeys.scene(code),
    queryFn: ({ signal }) => api.get<Scene>(RISK.scene(code), undefined, { signal }),
    enabled: Boolean(code),
  })
}

export function useVersions(code: string) {
  return useQuery({
    queryKey: riskKeys.versions(code),
    queryFn: ({ signal }) =>
      api.get<RuleSetVersion[] | Page<RuleSetVersion>>(RISK.sceneVersions(code), undefined, { signal }),
    select: (data) => rowsOf<RuleSetVersion>(data),
    enabled: Boolean(code),
  })
}

export function useVersion(id: string | undefined) {
  return useQuery({
    queryKey: riskKeys.version(id ?? ''),
    queryFn: ({ signal }) => api.get<RuleSetVersion>(RISK.version(id ?? ''), undefined, { signal }),
    enabled: Boolean(id),
  })
}

/**
 * The whole catalog for pickers (the catalog page itself pages on the server). The server's page is at
 * most 200 rows, so larger catalogs are read page by page.
 */
export function useAllIndicators() {
  return useQuery({
    queryKey: riskKeys.indicatorsAll,
    queryFn: async ({ signal }) => {
      const all: Indicator[] = []
      for (let page = 1; page <= 50; page++) {
        const answer = await api.get<Page<Indicator>>(
          RISK.indicators,
          { page, pageSize: 200, sort: 'code', order: 'asc' },
          { signal },
        )
        all.push(...answer.items)
        if (all.length >= answer.total || answer.items.length === 0) break
      }
      return all
    },
    staleTime: 30_000,
  })
}

export function useDataSources() {
  return useQuery({
    queryKey: riskKeys.dataSources,
    queryFn: ({ signal }) => api.get<DataSource[] | Page<DataSource>>(RISK.dataSources, undefined, { signal }),
    select: (data) => rowsOf<DataSource>(data),
  })
}

export function useOwnFields(enabled: boolean) {
  return useQuery({
    queryKey: ['risk', 'own-fields'],
    queryFn: ({ signal }) => api.get<OwnFieldsAnswer>(RISK.ownFields, undefined, { signal }),
    select: ownTablesOf,
    enabled,
    staleTime: 300_000,
  })
}

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: riskKeys.report(id ?? ''),
    queryFn: ({ signal }) => api.get<ReportDetail>(RISK.report(id ?? ''), undefined, { signal }),
    enabled: Boolean(id),
  })
}
