/**
 * The header's one-step search (GET /api/v1/search?q=). Typing shows matches in a dropdown; Enter goes
 * straight to the single match, or to the results page when there are several.
 */

import { LoadingOutlined, SearchOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { App, AutoComplete, Input, Tag, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { api } from '../api/client'
import { isApiError } from '../api/error'
import type { SearchResult } from '../api/types'
import { isMessageKey, type Translate, useT } from '../i18n'

type SearchAnswer = { items: SearchResult[] }

export const searchKey = (q: string) => ['search', q] as const

export function fetchSearch(q: string, signal?: AbortSignal): Promise<SearchAnswer> {
  return api.get<SearchAnswer>('/api/v1/search', { q }, { signal })
}

export function searchTypeLabel(t: Translate, type: string): string {
  const key = `search.type.${type}`
  return isMessageKey(key) ? t(key) : type
}

function useDebounced(value: string, delay: number): string {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay)
    return () => clearTimeout(timer)
  }, [value, delay])
  return debounced
}

export function GlobalSearch() {
  const t = useT()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const picked = useRef(false)
  const q = useDebounced(text.trim(), 250)
  const suggestions = useQuery({
    queryKey: searchKey(q),
    queryFn: ({ signal }) => fetchSearch(q, signal),
    enabled: q.length >= 2,
    retry: false,
    staleTime: 10_000,
  })

  const go = (path: string) => {
    setText('')
    navigate(path)
  }

  const submit = async (value: string) => {
    const query = value.trim()
    if (!query) return
    setBusy(true)
    try {
      const { items } = await fetchSearch(query)
      if (items.length === 1 && items[0]) go(items[0].path)
      else navigate(`/search?q=${encodeURIComponent(query)}`)
    } catch (error) {
      message.error(isApiError(error) && error.status !== 404 ? error.displayMessage : t('search.unavailable'))
    } finally {
      setBusy(false)
    }
  }

  const options = (q.length >= 2 && q === text.trim() ? (suggestions.data?.items ?? []) : []).map((item) => ({
    value: `${item.type}:${item.id}`,
    path: item.path,
    label: (
      <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <Tag style={{ marginInlineEnd: 0 }}>{searchTypeLabel(t, item.type)}</Tag>
        <Typography.Text ellipsis>{item.title}</Typography.Text>
        {item.subtitle && (
          <Typography.Text type="secondary" ellipsis>
            {item.subtitle}
          </Typography.Text>
        )}
      </div>
    ),
  }))

  return (
    <AutoComplete
      value={text}
      options={options}
      defaultActiveFirstOption={false}
      onChange={(value) => setText(String(value ?? ''))}
      onSelect={(_value, option) => {
        picked.current = true
        go(option.path)
      }}
      style={{ width: 360, maxWidth: '40vw' }}
      popupMatchSelectWidth={420}
    >
      <Input
        placeholder={t('header.searchPlaceholder')}
        prefix={busy ? <LoadingOutlined /> : <SearchOutlined />}
        allowClear
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return
          picked.current = false
          const input = event.currentTarget
          const value = input.value
          if (value.trim()) input.blur()
          // Enter on a highlighted suggestion selects it (onSelect); plain Enter runs the search.
          setTimeout(() => {
            if (!picked.current) void submit(value)
          }, 0)
        }}
        data-testid="global-search"
      />
    </AutoComplete>
  )
}
