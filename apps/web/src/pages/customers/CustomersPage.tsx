import { Card, DatePicker, Input, Space, Table, type TableColumnsType, Tag } from 'antd'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { formatDate, formatDateTime } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { ListActions } from '../../shared/list/ListControls'
import { sortOrderFor, usePagedList } from '../../shared/list/usePagedList'
import { LoadError, PageHeader } from '../../shared/ui'
import { CustomerFormModal } from './CustomerFormModal'
import type { CustomerListItem } from './types'

type Filters = {
  q?: string
  phone?: string
  idNumber?: string
  tag?: string
  createdFrom?: string
  createdTo?: string
}

export function CustomersPage() {
  const t = useT()
  const navigate = useNavigate()
  const [creating, setCreating] = useState(false)
  const list = usePagedList<CustomerListItem, Filters>({
    path: '/api/v1/customers',
    initialSort: { sort: 'createdAt', order: 'desc' },
  })
  const columns: TableColumnsType<CustomerListItem> = [
    {
      key: 'name',
      dataIndex: 'name',
      title: t('customers.name'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'name'),
      render: (name: string, c) => <Link to={`/customers/${c.id}`}>{name}</Link>,
    },
    { key: 'phone', dataIndex: 'phone', title: t('customers.phone') },
    { key: 'idNumber', dataIndex: 'idNumber', title: t('customers.idNumber') },
    {
      key: 'sex',
      dataIndex: 'sex',
      title: t('customers.sex'),
      render: (sex: 'male' | 'female') => t(`customers.sex.${sex}`),
    },
    {
      key: 'birthDate',
      dataIndex: 'birthDate',
      title: t('customers.birthDate'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'birthDate'),
      render: formatDate,
    },
    { key: 'channel', dataIndex: 'channel', title: t('customers.channel'), render: (c: string | null) => c ?? '—' },
    {
      key: 'tags',
      dataIndex: 'tags',
      title: t('customers.tags'),
      render: (tags: string[]) => (
        <Space size={[4, 4]} wrap>
          {tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'createdAt',
      dataIndex: 'createdAt',
      title: t('common.createdAt'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'createdAt'),
      render: formatDateTime,
    },
  ]
  const text = (key: keyof Filters) => (value: string) => list.setFilters({ [key]: value.trim() || undefined })

  return (
    <PageHeader
      title={t('customers.title')}
      extra={
        <ListActions
          onRefresh={list.refetch}
          create={{
            permission: 'customer.manage',
            label: t('customers.create'),
            onClick: () => setCreating(true),
            testId: 'create-customer',
          }}
        />
      }
    >
      <Card>
        <div className="xd-filters">
          <Input.Search
            allowClear
            placeholder={t('customers.filterName')}
            style={{ width: 200 }}
            onSearch={text('q')}
          />
          <Input.Search allowClear placeholder={t('customers.phone')} style={{ width: 180 }} onSearch={text('phone')} />
          <Input.Search
            allowClear
            placeholder={t('customers.idNumber')}
            style={{ width: 220 }}
            onSearch={text('idNumber')}
          />
          <Input.Search allowClear placeholder={t('customers.tags')} style={{ width: 140 }} onSearch={text('tag')} />
          <DatePicker.RangePicker
            placeholder={[t('customers.createdFrom'), t('customers.createdTo')]}
            onChange={(range) =>
              list.setFilters({
                createdFrom: range?.[0]?.format('YYYY-MM-DD'),
                createdTo: range?.[1]?.format('YYYY-MM-DD'),
              })
            }
          />
        </div>
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<CustomerListItem>
          {...list.tableProps}
          columns={columns}
          scroll={{ x: 'max-content' }}
          data-testid="customers-table"
        />
      </Card>
      <CustomerFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(customer) => navigate(`/customers/${customer.id}`)}
      />
    </PageHeader>
  )
}
