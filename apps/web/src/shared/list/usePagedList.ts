/**
 * Server-side paging, sorting and filtering for an antd Table over a contract list endpoint:
 * `page`, `pageSize`, `sort`, `order` and the filters go out as query parameters, `{ items, total }`
 * comes back. Changing a filter goes back to page 1.
 */
import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query'
import type { TablePaginationConfig, TableProps } from 'antd'
import type { SorterResult } from 'antd/es/table/interface'
import { useCallback, useMemo, useState } from 'react'
import { api, type Query } from '../api/client'
import type { Page } from '../api/types'
import { useT } from '../i18n'

export type SortOrder = 'asc' | 'desc'
export type Sort = { sort?: string; order?: SortOrder }

type UsePagedListOptions<F extends Query> = {
  path: string
  initialFilters?: F
  initialSort?: Sort
  pageSize?: number
  refetchInterval?: number | false
  enabled?: boolean
}

export const listKey = (path: string) => ['list', path] as const

/** After a change, every page of that list (and the dashboard counts built on it) reloads. */
export function invalidateList(queryClient: QueryClient, path: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: listKey(path) })
}

export function usePagedList<T extends object, F extends Query = Query>(options: UsePagedListOptions<F>) {
  const t = useT()
  const { path, initialFilters, initialSort, refetchInterval = false, enabled = true } = options
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(options.pageSize ?? 20)
  const [sort, setSort] = useState<Sort>(initialSort ?? {})
  const [filters, setFiltersState] = useState<F>((initialFilters ?? {}) as F)

  const params: Query = { ...filters, page, pageSize, sort: sort.sort, order: sort.sort ? sort.order : undefined }
  const query = useQuery({
    queryKey: [...listKey(path), params],
    queryFn: ({ signal }) => api.get<Page<T>>(path, params, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval,
    enabled,
  })

  const setFilters = useCallback((patch: Partial<F>) => {
    setFiltersState((current) => ({ ...current, ...patch }))
    setPage(1)
  }, [])

  const resetFilters = useCallback(() => {
    setFiltersState((initialFilters ?? {}) as F)
    setPage(1)
  }, [initialFilters])

  const onChange = useCallback<NonNullable<TableProps<T>['onChange']>>(
    (pagination: TablePaginationConfig, _filters, sorter) => {
      const single = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined
      const field = single?.order ? String(single.columnKey ?? single.field ?? '') : ''
      const next: Sort = field
        ? { sort: field, order: single?.order === 'ascend' ? 'asc' : 'desc' }
        : (initialSort ?? {})
      const sortChanged = next.sort !== sort.sort || next.order !== sort.order
      setSort(next)
      const nextSize = pagination.pageSize ?? pageSize
      setPageSize(nextSize)
      setPage(sortChanged || nextSize !== pageSize ? 1 : (pagination.current ?? 1))
    },
    [initialSort, pageSize, sort],
  )

  const items = query.data?.items ?? []
  const total = query.data?.total ?? 0

  const tableProps = useMemo(
    () =>
      ({
        rowKey: 'id',
        size: 'middle',
        dataSource: items,
        loading: query.isLoading || query.isPlaceholderData,
        onChange,
        pagination: {
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100, 200],
          showTotal: (count: number) => t('common.total', { total: count }),
        },
      }) satisfies TableProps<T>,
    [items, query.isLoading, query.isPlaceholderData, onChange, page, pageSize, total, t],
  )

  return {
    items,
    total,
    filters,
    setFilters,
    resetFilters,
    sort,
    error: query.error,
    isLoading: query.isLoading,
    isFetching: query.isFetching,
    refetch: query.refetch,
    tableProps,
  }
}

/** Controlled sort arrow for a column, so the header shows the order the server actually used. */
export function sortOrderFor(sort: Sort, field: string): 'ascend' | 'descend' | null {
  if (sort.sort !== field) return null
  return sort.order === 'asc' ? 'ascend' : 'descend'
}
