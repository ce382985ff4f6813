/** Risk reports (风控报告): every evaluation, paged and filtered on the server, newest first. */
import { SearchOutlined } from '@ant-design/icons'
import { Button, Card, DatePicker, Form, Input, Select, Table, type TableColumnsType, Tag } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router-dom'
import { formatCurrency, formatDateTime } from '../../../shared/format'
import { useT } from '../../../shared/i18n'
import { sortOrderFor, usePagedList } from '../../../shared/list/usePagedList'
import { LoadError, PageHeader } from '../../../shared/ui'
import { RISK, useScenes } from '../api'
import { DecisionTag } from '../labels'
import type { Decision, ReportSummary } from '../types'

type Filters = {
  scene?: string
  decision?: Decision
  customerId?: string
  applicationId?: string
  from?: string
  to?: string
}
type FilterForm = Omit<Filters, 'from' | 'to'> & { range?: [Dayjs | null, Dayjs | null] | null }

export function ReportsPage() {
  const t = useT()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const scenes = useScenes()
  const [initialFilters] = useState<Filters>(() => ({
    scene: params.get('scene') ?? undefined,
    customerId: params.get('customerId') ?? undefined,
  }))
  const list = usePagedList<ReportSummary, Filters>({
    path: RISK.reports,
    initialFilters,
    initialSort: { sort: 'createdAt', order: 'desc' },
  })
  const [form] = Form.useForm<FilterForm>()
  const apply = (values: FilterForm) => {
    const [from, to] = values.range ?? []
    list.setFilters({
      scene: values.scene || undefined,
      decision: values.decision || undefined,
      customerId: values.customerId?.trim() || undefined,
      applicationId: values.applicationId?.trim() || undefined,
      from: from?.format('YYYY-MM-DD'),
      to: to?.format('YYYY-MM-DD'),
    })
  }
  const columns: TableColumnsType<ReportSummary> = [
    {
      key: 'createdAt',
      dataIndex: 'createdAt',
      title: t('risk.report.createdAt'),
      sorter: true,
      sortOrder: sortOrderFor(list.sort, 'createdAt'),
      sortDirections: ['descend', 'ascend', 'descend'],
      render: (at: string, row) => <Link to={`/risk/reports/${row.id}`}>{formatDateTime(at)}</Link>,
    },
    {
      key: 'sceneCode',
      dataIndex: 'sceneCode',
      title: t('risk.report.scene'),
      render: (code: string) => <span className="xd-mono">{code}</span>,
    },
    {
      key: 'version',
      title: t('risk.report.ruleSet'),
      render: (_, row) => (
        <>
          v{row.version} {row.variant === 'challenger' && <Tag color="cyan">{t('risk.scene.challenger')}</Tag>}
        </>
      ),
    },
    {
      key: 'decision',
      dataIndex: 'decision',
      title: t('risk.report.decision'),
      render: (decision: Decision) => <DecisionTag decision={decision} />,
    },
    {
      key: 'challengerDecision',
      dataIndex: 'challengerDecision',
      title: t('risk.report.challengerDecision'),
      render: (decision: Decision | null) => (decision ? <DecisionTag decision={decision} /> : '—'),
    },
    { key: 'score', dataIndex: 'score', title: t('risk.report.score'), render: (score: number | null) => score ?? '—' },
    {
      key: 'amount',
      dataIndex: 'amount',
      title: t('risk.report.amount'),
      render: (amount: string | null) => (amount ? formatCurrency(amount) : '—'),
    },
    {
      key: 'dataCost',
      dataIndex: 'dataCost',
      title: t('risk.report.dataCost'),
      render: (cost: string) => formatCurrency(cost),
    },
    {
      key: 'customer',
      title: t('risk.report.customer'),
      render: (_, row) =>
        row.customerId ? (
          <Link to={`/customers/${row.customerId}`} className="xd-mono">
            {row.customerId.slice(0, 8)}
          </Link>
        ) : (
          <span className="xd-mono">{row.subjectKey ?? '—'}</span>
        ),
    },
  ]
  return (
    <PageHeader title={t('risk.report.title')}>
      <Card>
        <Form<FilterForm>
          form={form}
          layout="inline"
          initialValues={initialFilters}
          onFinish={apply}
          style={{ rowGap: 8, marginBottom: 16 }}
        >
          <Form.Item name="scene">
            <Select
              allowClear
              placeholder={t('risk.report.scene')}
              style={{ width: 160 }}
              options={(scenes.data ?? []).map((scene) => ({ value: scene.code, label: scene.name }))}
            />
          </Form.Item>
          <Form.Item name="decision">
            <Select
              allowClear
              placeholder={t('risk.report.decision')}
              style={{ width: 130 }}
              options={(['pass', 'manual', 'reject'] as const).map((decision) => ({
                value: decision,
                label: t(`risk.decision.${decision}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="customerId">
            <Input allowClear placeholder={t('risk.report.customerId')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="applicationId">
            <Input allowClear placeholder={t('risk.report.applicationId')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
          </Form.Item>
          <Form.Item>
            <Button
              onClick={() => {
                form.resetFields()
                form.setFieldsValue({ scene: undefined, customerId: undefined })
                list.setFilters({
                  scene: undefined,
                  decision: undefined,
                  customerId: undefined,
                  applicationId: undefined,
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
        <Table<ReportSummary>
          {...list.tableProps}
          columns={columns}
          scroll={{ x: 'max-content' }}
          onRow={(row) => ({ onDoubleClick: () => navigate(`/risk/reports/${row.id}`) })}
          data-testid="reports-table"
        />
      </Card>
    </PageHeader>
  )
}
