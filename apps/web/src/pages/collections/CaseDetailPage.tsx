/** One case: the overdue loan, the borrower (masked), contacts, records, promises, history; record an action. */
import { useQuery } from '@tanstack/react-query'
import { Card, Col, Descriptions, Row, Table, Tag } from 'antd'
import type { ReactNode } from 'react'
import { Link, useParams } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { usePermissions } from '../../shared/auth/session'
import { formatCurrency, formatDate, formatDateTime } from '../../shared/format'
import { type MessageKey, useT } from '../../shared/i18n'
import { LoadError, PageHeader } from '../../shared/ui'
import { DecisionTag } from '../risk/labels'
import { ComplaintsCard } from './ComplaintsCard'
import { LegalCard } from './LegalCard'
import { LegalProcessCard } from './LegalProcessCard'
import { CaseStatusTag, PromiseTag, StageTag } from './labels'
import { RecordForm } from './RecordForm'
import { SegmentInfo } from './SegmentInfo'
import { type CaseDetail, COLLECTIONS, type CollectionRecord, type PromiseToPay } from './types'

export function CaseDetailPage() {
  const t = useT()
  const { id = '' } = useParams()
  const q = useQuery({
    queryKey: ['collections', 'case', id],
    queryFn: ({ signal }) => api.get<CaseDetail>(`${COLLECTIONS}/cases/${id}`, undefined, { signal }),
  })
  const d = q.data
  if (!d) return <LoadError error={q.error} onRetry={() => q.refetch()} />
  const none = t('collections.case.none')
  return (
    <PageHeader title={t('collections.case.title', { loanNo: d.loanNo })} extra={<CaseStatusTag status={d.status} />}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('collections.case.loan')} size="small">
            <Descriptions column={2} size="small">
              <Descriptions.Item label={t('collections.case.loanNo')}>{d.loanNo}</Descriptions.Item>
              <Descriptions.Item label={t('collections.case.product')}>{d.loan.productName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('collections.case.stage')}>
                <StageTag code={d.stageCode} />
              </Descriptions.Item>
              <Descriptions.Item label={t('collections.case.dpd')}>{d.dpd}</Descriptions.Item>
              <Descriptions.Item label={t('collections.segment.ofCase')} span={2}>
                <SegmentInfo strategy={d.strategy} />
              </Descriptions.Item>
              <Descriptions.Item label={t('collections.case.overdueAmount')}>
                {formatCurrency(d.overdueAmount)}
              </Descriptions.Item>
              <Descriptions.Item label={t('collections.case.installmentsDue')}>
                {d.loan.installmentsDue}
              </Descriptions.Item>
              <Descriptions.Item label={t('collections.case.principalOutstanding')}>
                {formatCurrency(d.loan.principalOutstanding)}
              </Descriptions.Item>
              <Descriptions.Item label={t('collections.case.penalty')}>
                {formatCurrency(d.loan.penaltyOutstanding)}
              </Descriptions.Item>
              <Descriptions.Item label={t('collections.case.collector')}>{d.collectorName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('collections.case.brokenPromises')}>{d.brokenPromises}</Descriptions.Item>
              <Descriptions.Item label={t('collections.case.openedOn')}>{formatDate(d.openedOn)}</Descriptions.Item>
              <Descriptions.Item label={t('collections.case.finishedOn')}>
                {d.finishedOn
                  ? `${formatDate(d.finishedOn)} ${d.finishReason ? t(`collections.case.reason.${d.finishReason}` as MessageKey) : ''}`
                  : '—'}
              </Descriptions.Item>
            </Descriptions>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              title={() => t('collections.case.payments')}
              dataSource={d.transactions}
              columns={[
                { key: 'date', dataIndex: 'valueDate', title: t('collections.case.openedOn'), render: formatDate },
                { key: 'type', dataIndex: 'type', title: '' },
                {
                  key: 'amount',
                  dataIndex: 'amount',
                  align: 'right',
                  title: '',
                  render: (a: string) => formatCurrency(a),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('collections.case.borrowerInfo')} size="small">
            <Descriptions column={2} size="small">
              <Descriptions.Item label={t('collections.case.borrower')}>
                {d.borrower?.name ?? d.borrowerName}
              </Descriptions.Item>
              <Descriptions.Item label={t('collections.case.phone')}>{d.borrower?.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('collections.case.idNumber')}>
                {d.borrower?.idNumber ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('collections.case.addressBook')}>
                {d.borrower ? t('collections.case.addressBookCount', { n: d.borrower.addressBook.count }) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('collections.case.contacts')} span={2}>
                {d.borrower?.contacts.length
                  ? d.borrower.contacts.map((c) => (
                      <Tag key={c.id}>
                        {c.name} · {c.relation} · {c.phone}
                      </Tag>
                    ))
                  : none}
              </Descriptions.Item>
              <Descriptions.Item label={t('collections.case.riskReports')} span={2}>
                <RiskReports reports={d.riskReports} none={none} />
              </Descriptions.Item>
              <Descriptions.Item label={t('collections.case.thirdParty')} span={2}>
                {d.thirdPartyData.length
                  ? d.thirdPartyData.map((source) => (
                      <div key={source.source} data-testid="case-third-party">
                        <Tag color="blue">{source.source}</Tag>
                        {formatDate(source.fetchedAt)}{' '}
                        {Object.entries(source.values).map(([k, v]) => (
                          <Tag key={k}>
                            {k}: {typeof v === 'object' ? JSON.stringify(v) : String(v)}
                          </Tag>
                        ))}
                      </div>
                    ))
                  : none}
              </Descriptions.Item>
              <Descriptions.Item label={t('collections.case.flags')} span={2}>
                {d.contactFlags.length ? d.contactFlags.map((f) => <Tag key={f.contactKey}>{f.contactKey}</Tag>) : none}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('collections.case.history')} size="small" style={{ marginTop: 16 }}>
            <Table
              size="small"
              rowKey={(s) => `${s.stageCode}-${s.enteredOn}`}
              pagination={false}
              dataSource={d.stages}
              columns={[
                {
                  key: 'stage',
                  title: t('collections.case.stage'),
                  render: (_v, s) => <StageTag code={s.stageCode} />,
                },
                { key: 'in', dataIndex: 'enteredOn', title: t('collections.case.enteredOn'), render: formatDate },
                { key: 'out', dataIndex: 'leftOn', title: t('collections.case.leftOn'), render: formatDate },
                { key: 'dpd', dataIndex: 'dpdOnEntry', title: t('collections.case.dpdOnEntry') },
              ]}
            />
            <Table
              size="small"
              rowKey="createdAt"
              pagination={false}
              dataSource={d.assignments}
              columns={[
                { key: 'date', dataIndex: 'businessDate', title: t('collections.case.date'), render: formatDate },
                { key: 'stage', dataIndex: 'stageCode', title: t('collections.case.stage') },
                { key: 'who', dataIndex: 'collectorName', title: t('collections.case.collector') },
                {
                  key: 'kind',
                  title: t('collections.assign'),
                  render: (_v, a) => t(`collections.assignKind.${a.kind}` as MessageKey),
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <LegalCard detail={d} />
        </Col>
        {d.legalCases.length > 0 && (
          <Col span={24}>
            <LegalProcessCard cases={d.legalCases} caseId={d.id} />
          </Col>
        )}
        <Col span={24}>
          <ComplaintsCard caseId={d.id} complaints={d.complaints} />
        </Col>
        <Col span={24}>
          <Card title={t('collections.record.add')} size="small">
            <RecordForm detail={d} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('collections.case.records')} size="small">
            <Table<CollectionRecord>
              size="small"
              rowKey="id"
              dataSource={d.records}
              data-testid="case-records"
              columns={[
                { key: 'at', title: t('collections.case.date'), render: (_v, r) => formatDateTime(r.createdAt) },
                {
                  key: 'channel',
                  title: t('collections.record.channel'),
                  render: (_v, r) => t(`collections.channel.${r.channel}` as MessageKey),
                },
                {
                  key: 'contact',
                  title: t('collections.record.contact'),
                  render: (_v, r) =>
                    `${t(`collections.contact.${r.contact}` as MessageKey)}${r.contactLabel ? ` · ${r.contactLabel}` : ''}`,
                },
                { key: 'reached', title: t('collections.record.reached'), render: (_v, r) => (r.reached ? '✓' : '✗') },
                {
                  key: 'result',
                  title: t('collections.record.result'),
                  render: (_v, r) => t(`collections.result.${r.resultCode}` as MessageKey),
                },
                { key: 'notes', dataIndex: 'notes', title: t('collections.record.notes') },
                { key: 'who', dataIndex: 'collectorName', title: t('collections.case.collector') },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('collections.case.promises')} size="small">
            <Table<PromiseToPay>
              size="small"
              rowKey="id"
              dataSource={d.promises}
              data-testid="case-promises"
              columns={[
                {
                  key: 'date',
                  dataIndex: 'promisedDate',
                  title: t('collections.record.promiseDate'),
                  render: formatDate,
                },
                {
                  key: 'amount',
                  title: t('collections.record.promiseAmount'),
                  align: 'right',
                  render: (_v, p) => formatCurrency(p.amount),
                },
                {
                  key: 'status',
                  title: t('collections.case.status'),
                  render: (_v, p) => <PromiseTag status={p.status} />,
                },
                {
                  key: 'paid',
                  title: t('collections.promise.paid'),
                  align: 'right',
                  render: (_v, p) => formatCurrency(p.paidAmount),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </PageHeader>
  )
}

/** The customer's latest risk reports: scene, decision, score; a link for those who may read reports. */
function RiskReports({ reports, none }: { reports: CaseDetail['riskReports']; none: ReactNode }) {
  const { can } = usePermissions()
  if (reports.length === 0) return <>{none}</>
  return (
    <div data-testid="case-risk-reports">
      {reports.map((r) => {
        const text = `${formatDate(r.createdAt)} · ${r.sceneCode}${r.score === null ? '' : ` · ${r.score}`}`
        return (
          <div key={r.id}>
            <DecisionTag decision={r.decision} />
            {can('risk.report.read') ? <Link to={`/risk/reports/${r.id}`}>{text}</Link> : text}
          </div>
        )
      })}
    </div>
  )
}
