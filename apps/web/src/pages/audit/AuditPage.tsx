import { SearchOutlined } from '@ant-design/icons'
import { Button, Card, DatePicker, Form, Input, Select, Table, type TableColumnsType, Tag, Tooltip } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import type { AuditRow } from '../../shared/api/types'
import { Can } from '../../shared/auth/guards'
import { usePermissions } from '../../shared/auth/session'
import { formatDateTime } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { usePagedList } from '../../shared/list/usePagedList'
import { useInstitutionNames, useInstitutions } from '../../shared/reference'
import { LoadError, PageHeader } from '../../shared/ui'
import { AuditDetailDrawer } from './AuditDetailDrawer'
import { useVerifyChain, VerifyButton, VerifyResult } from './VerifyChain'

type AuditFilters = {
  operation?: string
  objectType?: string
  objectId?: string
  actor?: string
  institutionId?: string
  from?: string
  to?: string
}

type FilterForm = Omit<AuditFilters, 'from' | 'to'> & { range?: [Dayjs | null, Dayjs | null] | null }

const TEXT_FILTERS = ['operation', 'objectType', 'objectId', 'actor'] as const

export function AuditPage() {
  const t = useT()
  const { can } = usePermissions()
  const [params] = useSearchParams()
  const institutions = useInstitutions()
  const institutionName = useInstitutionNames()
  // Other pages link here with a ready filter, e.g. /audit?objectId=<user id>.
  const [initialFilters] = useState<AuditFilters>(() =>
    Object.fromEntries(TEXT_FILTERS.map((key) => [key, params.get(key) ?? undefined])),
  )
  const list = usePagedList<AuditRow, AuditFilters>({
    path: '/api/v1/audit',
    initialFilters,
  })
  const [form] = Form.useForm<FilterForm>()
  const [selected, setSelected] = useState<AuditRow | null>(null)
  const verify = useVerifyChain()

  const applyFilters = (values: FilterForm) => {
    const [from, to] = values.range ?? []
    const trimmed = (value?: string) => value?.trim() || undefined
    list.setFilters({
      operation: trimmed(values.operation),
      objectType: trimmed(values.objectType),
      objectId: trimmed(values.objectId),
      actor: trimmed(values.actor),
      institutionId: values.institutionId || undefined,
      from: from?.toISOString(),
      to: to?.toISOString(),
    })
  }

  const columns: TableColumnsType<AuditRow> = [
    // The server answers newest first and offers no other order.
    { key: 'at', dataIndex: 'at', title: t('audit.at'), render: formatDateTime },
    {
      key: 'actorName',
      dataIndex: 'actorName',
      title: t('audit.actor'),
      render: (name: string | null) => name ?? t('audit.system'),
    },
    {
      key: 'operation',
      dataIndex: 'operation',
      title: t('audit.operation'),
      render: (operation: string) => <Tag className="xd-mono">{operation}</Tag>,
    },
    { key: 'objectType', dataIndex: 'objectType', title: t('audit.objectType') },
    {
      key: 'objectId',
      dataIndex: 'objectId',
      title: t('audit.objectId'),
      ellipsis: true,
      render: (id: string | null) => <span className="xd-mono">{id ?? '—'}</span>,
    },
    {
      key: 'institution',
      dataIndex: 'institutionId',
      title: t('audit.institution'),
      render: (id: string | null) => institutionName(id) ?? t('common.platformWide'),
    },
    { key: 'ip', dataIndex: 'ip', title: t('audit.ip'), render: (ip: string | null) => ip ?? '—' },
    { key: 'seq', dataIndex: 'seq', title: t('audit.seq') },
    {
      key: 'hash',
      dataIndex: 'hash',
      title: t('audit.hash'),
      render: (hash: string) => (
        <Tooltip title={<span className="xd-mono">{hash}</span>}>
          <span className="xd-mono">{hash.slice(0, 10)}…</span>
        </Tooltip>
      ),
    },
  ]

  return (
    <PageHeader
      title={t('audit.title')}
      extra={
        <Can permission="audit.verify">
          <VerifyButton loading={verify.isPending} onVerify={() => verify.mutate(list.filters.institutionId)} />
        </Can>
      }
    >
      <VerifyResult verify={verify} onClose={() => verify.reset()} />
      <Card>
        <Form<FilterForm>
          form={form}
          layout="inline"
          initialValues={initialFilters}
          onFinish={applyFilters}
          style={{ rowGap: 8, marginBottom: 16 }}
          data-testid="audit-filters"
        >
          <Form.Item name="operation">
            <Input allowClear placeholder={t('audit.operation')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="objectType">
            <Input allowClear placeholder={t('audit.objectType')} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="objectId">
            <Input allowClear placeholder={t('audit.objectId')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="actor">
            <Input allowClear placeholder={t('audit.actor')} style={{ width: 130 }} />
          </Form.Item>
          {can('institution.read') && (institutions.data?.length ?? 0) > 1 && (
            <Form.Item name="institutionId">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('audit.institution')}
                style={{ width: 180 }}
                options={(institutions.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
              />
            </Form.Item>
          )}
          <Form.Item name="range">
            <DatePicker.RangePicker showTime allowEmpty={[true, true]} placeholder={[t('audit.from'), t('audit.to')]} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
          </Form.Item>
          <Form.Item>
            <Button
              onClick={() => {
                form.setFieldsValue({
                  operation: undefined,
                  objectType: undefined,
                  objectId: undefined,
                  actor: undefined,
                  institutionId: undefined,
                  range: null,
                })
                list.setFilters({
                  operation: undefined,
                  objectType: undefined,
                  objectId: undefined,
                  actor: undefined,
                  institutionId: undefined,
                  from: undefined,
                  to: undefined,
                })
              }}
            >
              {t('common.reset')}
            </Button>
          </Form.Item>
        </Form>
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<AuditRow>
          {...list.tableProps}
          columns={columns}
          scroll={{ x: 'max-content' }}
          onRow={(row) => ({ onClick: () => setSelected(row), style: { cursor: 'pointer' } })}
          data-testid="audit-table"
        />
      </Card>
      <AuditDetailDrawer row={selected} institutionName={institutionName} onClose={() => setSelected(null)} />
    </PageHeader>
  )
}
