import { useQuery } from '@tanstack/react-query'
import { Card, Empty, List, Result, Tag, Typography } from 'antd'
import { Link, useSearchParams } from 'react-router-dom'
import { isApiError } from '../../shared/api/error'
import { useT } from '../../shared/i18n'
import { fetchSearch, searchKey, searchTypeLabel } from '../../shared/layout/GlobalSearch'
import { PageHeader } from '../../shared/ui'

/** Where the header search lands when a query matches more than one record (or none). */
export function SearchPage() {
  const t = useT()
  const [params] = useSearchParams()
  const q = params.get('q')?.trim() ?? ''
  const results = useQuery({
    queryKey: searchKey(q),
    queryFn: ({ signal }) => fetchSearch(q, signal),
    enabled: q.length > 0,
    retry: false,
  })
  const items = results.data?.items ?? []
  return (
    <PageHeader title={q ? t('search.resultsFor', { q }) : t('search.title')}>
      <Card>
        {results.isError ? (
          <Result
            status="warning"
            title={t('search.unavailable')}
            subTitle={
              isApiError(results.error) && results.error.status !== 404 ? results.error.displayMessage : undefined
            }
          />
        ) : (
          <List
            loading={results.isLoading}
            dataSource={items}
            locale={{ emptyText: <Empty description={q ? t('search.noResults', { q }) : undefined} /> }}
            data-testid="search-results"
            renderItem={(item) => (
              <List.Item key={`${item.type}:${item.id}`}>
                <List.Item.Meta
                  avatar={<Tag color="blue">{searchTypeLabel(t, item.type)}</Tag>}
                  title={<Link to={item.path}>{item.title}</Link>}
                  description={
                    item.subtitle ? <Typography.Text type="secondary">{item.subtitle}</Typography.Text> : null
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </PageHeader>
  )
}
