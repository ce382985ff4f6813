/**
 * Customer 360 (客户全景): everything about one customer on one page — identity (masked; holders of
 * pii.read may reveal it, which the server audits), contacts, cards, job, address book, loans with
 * schedules and repayments, other modules' sections as they land, and the timeline.
 */
import { ArrowLeftOutlined, EditOutlined, EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { useNavigate, useParams } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { isApiError } from '../../shared/api/error'
import { Can } from '../../shared/auth/guards'
import { formatCurrency, formatDate, formatDateTime } from '../../shared/format'
import { isMessageKey, useT } from '../../shared/i18n'
import { LoadError, PageHeader } from '../../shared/ui'
import { CustomerFormModal } from './CustomerFormModal'
import { GenericSection, LoansSection, TimelineSection } from './CustomerSections'
import type { Customer, Customer360 } from './types'

const OTHER_SECTIONS = ['applications', 'riskReports', 'reviews', 'collections', 'warnings', 'tickets'] as const

export function Customer360Page() {
  const t = useT()
  const navigate = useNavigate()
  const { id = '' } = useParams()
  const [unmask, setUnmask] = useState(false)
  const [editing, setEditing] = useState(false)
  const view = useQuery({
    queryKey: ['customer360', id, unmask],
    queryFn: ({ signal }) =>
      api.get<Customer360>(`/api/v1/customers/${encodeURIComponent(id)}/360`, unmask ? { unmask: 'true' } : undefined, {
        signal,
      }),
    staleTime: unmask ? 0 : 10_000,
  })

  if (view.isLoading) return <Skeleton active />
  if (isApiError(view.error) && view.error.status === 404)
    return <Result status="404" title={t('common.notFound')} subTitle={view.error.displayMessage} />
  if (!view.data) return <LoadError error={view.error} onRetry={() => view.refetch()} />
  const { customer: c, sections, timeline } = view.data

  return (
    <PageHeader
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
          {t('customers.360')} · {c.name}
        </Space>
      }
      extra={
        <Can permission="customer.manage">
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        </Can>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <IdentityCard customer={c} unmask={unmask} onToggle={() => setUnmask((u) => !u)} />
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card title={t('customers.contacts')} size="small" data-testid="section-contacts">
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={c.contacts}
                locale={{ emptyText: t('customers.section.none') }}
                columns={[
                  { key: 'name', dataIndex: 'name', title: t('customers.contact.name') },
                  {
                    key: 'relation',
                    dataIndex: 'relation',
                    title: t('customers.contact.relation'),
                    render: (r: string) => {
                      const key = `customers.relation.${r}`
                      return isMessageKey(key) ? t(key) : r
                    },
                  },
                  { key: 'phone', dataIndex: 'phone', title: t('customers.phone') },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('customers.bankCards')} size="small" data-testid="section-cards">
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={c.bankCards}
                locale={{ emptyText: t('customers.section.none') }}
                columns={[
                  { key: 'bank', dataIndex: 'bank', title: t('customers.bank') },
                  { key: 'cardNumber', dataIndex: 'cardNumber', title: t('customers.cardNumber') },
                  { key: 'createdAt', dataIndex: 'createdAt', title: t('common.createdAt'), render: formatDateTime },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('customers.job')} size="small" data-testid="section-job">
              <Descriptions
                size="small"
                column={2}
                items={[
                  ...(['employer', 'position', 'industry'] as const).map((f) => ({
                    key: f as string,
                    label: t(`customers.job.${f}`),
                    children: c.job?.[f] ?? '—',
                  })),
                  {
                    key: 'income',
                    label: t('customers.job.monthlyIncome'),
                    children: c.job?.monthlyIncome ? formatCurrency(c.job.monthlyIncome) : '—',
                  },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('customers.addressBookAndDocs')} size="small" data-testid="section-address-book">
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 'book',
                    label: t('customers.addressBook'),
                    children: c.addressBook.uploadedAt
                      ? t('customers.addressBook.count', {
                          count: c.addressBook.count,
                          at: formatDateTime(c.addressBook.uploadedAt),
                        })
                      : t('customers.addressBook.none'),
                  },
                  {
                    key: 'docs',
                    label: t('customers.documents'),
                    children: c.documents.length
                      ? c.documents.map((d) => <Tag key={d.fileRef}>{d.name ?? d.kind}</Tag>)
                      : t('common.none'),
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
        <LoansSection loans={sections.loans} />
        <Row gutter={[16, 16]}>
          {OTHER_SECTIONS.map((key) => (
            <Col xs={24} xl={12} key={key}>
              <GenericSection title={t(`customers.section.${key}`)} data={sections[key]} testId={`section-${key}`} />
            </Col>
          ))}
        </Row>
        <TimelineSection entries={timeline} />
      </Space>
      <CustomerFormModal open={editing} customer={c} onClose={() => setEditing(false)} />
    </PageHeader>
  )
}

function IdentityCard({
  customer: c,
  unmask,
  onToggle,
}: {
  customer: Customer
  unmask: boolean
  onToggle: () => void
}) {
  const t = useT()
  const address = c.address
    ? [c.address.province, c.address.city, c.address.district, c.address.detail].filter(Boolean).join(' ')
    : '—'
  return (
    <Card
      title={t('customers.identity')}
      size="small"
      data-testid="section-identity"
      extra={
        <Can permission="pii.read">
          <Button
            size="small"
            icon={unmask ? <EyeInvisibleOutlined /> : <EyeOutlined />}
            onClick={onToggle}
            data-testid="reveal-pii"
          >
            {unmask ? t('customers.hide') : t('customers.reveal')}
          </Button>
        </Can>
      }
    >
      {c.unmasked && <Alert type="warning" showIcon title={t('customers.revealedHint')} style={{ marginBottom: 12 }} />}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'name', label: t('customers.name'), children: c.name },
          {
            key: 'idNumber',
            label: t('customers.idNumber'),
            children: <span data-testid="customer-id-number">{c.idNumber}</span>,
          },
          {
            key: 'phone',
            label: t('customers.phone'),
            children: <span data-testid="customer-phone">{[c.phone, ...c.otherPhones].join(' / ')}</span>,
          },
          { key: 'sex', label: t('customers.sex'), children: t(`customers.sex.${c.sex}`) },
          { key: 'birthDate', label: t('customers.birthDate'), children: formatDate(c.birthDate) },
          { key: 'channel', label: t('customers.channel'), children: c.channel ?? '—' },
          { key: 'address', label: t('customers.address'), children: address, span: 2 },
          {
            key: 'tags',
            label: t('customers.tags'),
            children: c.tags.length ? c.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—',
          },
          { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(c.createdAt) },
        ]}
      />
    </Card>
  )
}
