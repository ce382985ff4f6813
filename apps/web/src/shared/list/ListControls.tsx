/**
 * The controls every list page repeats: refresh and "create" in the page header, a server-side search
 * box and select filters above the table. They work on what `usePagedList` / `useArrayList` return.
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import { Button, Input, Select } from 'antd'
import type { ReactNode } from 'react'
import { Can } from '../auth/guards'
import { useT } from '../i18n'

type Filterable<F> = { filters: F; setFilters: (patch: Partial<F>) => void }

/** Refresh, then the create button for those whose permission allows it. */
export function ListActions({
  onRefresh,
  create,
  children,
}: {
  onRefresh: () => unknown
  create?: { permission: string; label: ReactNode; onClick: () => void; testId: string }
  children?: ReactNode
}) {
  const t = useT()
  return (
    <>
      <Button icon={<ReloadOutlined />} onClick={() => onRefresh()} aria-label={t('common.refresh')} />
      {children}
      {create && (
        <Can permission={create.permission}>
          <Button type="primary" icon={<PlusOutlined />} onClick={create.onClick} data-testid={create.testId}>
            {create.label}
          </Button>
        </Can>
      )}
    </>
  )
}

/** Free-text search sent to the server as `q` (trimmed; empty clears it). */
export function SearchFilter<F extends { q?: string }>({
  list,
  placeholder,
  testId,
  width = 240,
}: {
  list: Filterable<F>
  placeholder: string
  testId?: string
  width?: number
}) {
  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      style={{ width }}
      onSearch={(q) => list.setFilters({ q: q.trim() || undefined } as Partial<F>)}
      data-testid={testId}
    />
  )
}

/** One filter field chosen from fixed values, each with its label. */
export function SelectFilter<F, K extends keyof F & string, V extends string>({
  list,
  field,
  values,
  label,
  placeholder,
  testId,
  width = 140,
}: {
  list: Filterable<F>
  field: K
  values: readonly V[]
  label: (value: V) => string
  placeholder: string
  testId?: string
  width?: number
}) {
  return (
    <Select
      allowClear
      placeholder={placeholder}
      style={{ width }}
      value={list.filters[field] as string | undefined}
      onChange={(value?: string) => list.setFilters({ [field]: value } as unknown as Partial<F>)}
      options={values.map((value) => ({ value, label: label(value) }))}
      data-testid={testId}
    />
  )
}
