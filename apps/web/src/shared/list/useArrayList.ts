/**
 * For reference endpoints that answer a bare array (roles, positions, teams): fetch with the
 * endpoint's own filters, then page and sort in the table. They are small by nature (dozens of rows).
 */
import { useQuery } from '@tanstack/react-query'
import type { TableProps } from 'antd'
import { useCallback, useMemo, useState } from 'react'
import { api, type Query } from '../api/client'
import { type Page, rowsOf } from '../api/types'
import { useT } from '../i18n'
import { listKey } from './usePagedList'

export function useArrayList<T extends object, F extends Query = Query>(path: string, initialFilters?: F) {
  const t = useT()
  const [filters, setFiltersState] = useState<F>((initialFilters ?? {}) as F)
  const query = useQuery({
    queryKey: [...listKey(path), filters],
    queryFn: ({ signal }) => api.get<T[] | Page<T>>(path, filters, { signal }),
    select: (data) => rowsOf<T>(data),
  })
  const setFilters = useCallback((patch: Partial<F>) => setFiltersState((current) => ({ ...current, ...patch })), [])
  const items = query.data ?? []

  const tableProps = useMemo(
    () =>
      ({
        rowKey: 'id',
        size: 'middle',
        dataSource: items,
        loading: query.isLoading,
        pagination: {
          defaultPageSize: 20,
          showSizeChanger: true,
          hideOnSinglePage: false,
          showTotal: (count: number) => t('common.total', { total: count }),
        },
      }) satisfies TableProps<T>,
    [items, query.isLoading, t],
  )

  return { items, filters, setFilters, error: query.error, refetch: query.refetch, tableProps }
}

/** Local sorter for a text or number column of an array list. */
export function compareBy<T>(pick: (row: T) => string | number | null | undefined) {
  return (a: T, b: T) => {
    const x = pick(a) ?? ''
    const y = pick(b) ?? ''
    return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN')
  }
}
