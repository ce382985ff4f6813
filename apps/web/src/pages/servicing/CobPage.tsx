/**
 * The daily close (日终/COB) of the user's institution: start it up to a date, watch the days and loans
 * go by, and read the history. The run continues on the server if the page is closed.
 */
import { PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Progress,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { api } from '../../shared/api/client'
import { ME_KEY } from '../../shared/auth/session'
import { formatDateTime } from '../../shared/format'
import { useT } from '../../shared/i18n'
import { invalidateList, usePagedList } from '../../shared/list/usePagedList'
import { errorText, LoadError, PageHeader } from '../../shared/ui'

const RUNS_PATH = '/api/v1/cob/runs'

type CobRun = {
  id: string
  businessDate: string
  status: 'queued' | 'running' | 'completed' | 'failed'
  step: string | null
  loansTotal: number
  loansDone: number
  chunksTotal: number
  chunksDone: number
  stats: Record<string, unknown>
  error: string | null
  requestId: string | null
  toDate: string | null
  trigger: string
  startedAt: string
  finishedAt: string | null
}

type RunProgress = CobRun & {
  request: {
    fromDate: string
    toDate: string
    daysTotal: number
    daysDone: number
    status: string
    currentRunId: string
    currentDate: string
  }
  institutionBusinessDate: string
}

type Started = { id: string; fromDate: string; toDate: string; businessDate: string }

const STATUS_COLORS: Record<string, string> = {
  queued: 'default',
  running: 'processing',
  completed: 'green',
  failed: 'red',
}
const STAT_KEYS = ['loans', 'overdueLoans', 'becameOverdue', 'cured', 'dpdChanged', 'events', 'journalEntries'] as const

function RunStatus({ status }: { status: string }) {
  const t = useT()
  const key = `servicing.cob.status.${status}` as 'servicing.cob.status.running'
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{t(key)}</Tag>
}

function LiveProgress({ runId, onDone }: { runId: string; onDone: () => void }) {
  const t = useT()
  const progress = useQuery({
    queryKey: ['cob-run', runId],
    queryFn: ({ signal }) => api.get<RunProgress>(`${RUNS_PATH}/${runId}`, undefined, { signal }),
    refetchInterval: (query) => {
      const status = query.state.data?.request.status
      if (status === 'completed' || status === 'failed') {
        onDone()
        return false
      }
      return 1000
    },
  })
  const p = progress.data
  if (!p) return <LoadError error={progress.error} onRetry={() => progress.refetch()} />
  const r = p.request
  const dayPercent = r.daysTotal ? Math.round((r.daysDone / r.daysTotal) * 100) : 0
  const loanPercent = p.loansTotal ? Math.round((p.loansDone / p.loansTotal) * 100) : p.status === 'completed' ? 100 : 0
  const failed = r.status === 'failed'
  return (
    <Card style={{ marginBottom: 16 }} data-testid="cob-progress" data-status={r.status}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 4 }}
        items={[
          { key: 'range', label: t('servicing.cob.range'), children: `${r.fromDate} → ${r.toDate}` },
          { key: 'current', label: t('servicing.cob.currentDate'), children: r.currentDate },
          { key: 'status', label: t('servicing.status'), children: <RunStatus status={r.status} /> },
          {
            key: 'bd',
            label: t('header.businessDate'),
            children: <span data-testid="cob-business-date">{p.institutionBusinessDate}</span>,
          },
        ]}
      />
      <div style={{ marginTop: 12 }}>
        {t('servicing.cob.days', { done: r.daysDone, total: r.daysTotal })}
        <Progress
          percent={dayPercent}
          status={failed ? 'exception' : r.status === 'completed' ? 'success' : 'active'}
        />
        {t('servicing.cob.loans', { done: p.loansDone, total: p.loansTotal, step: p.step ?? '—' })}
        <Progress percent={loanPercent} size="small" status={failed ? 'exception' : undefined} />
      </div>
      {p.error && <Alert type="error" showIcon title={p.error} style={{ marginTop: 12 }} />}
    </Card>
  )
}

export function CobPage() {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const list = usePagedList<CobRun>({ path: RUNS_PATH })
  const [toDate, setToDate] = useState<Dayjs | null>(null)
  const [runId, setRunId] = useState<string | null>(null)
  const start = useMutation({
    mutationFn: () => api.post<Started>(RUNS_PATH, toDate ? { toDate: toDate.format('YYYY-MM-DD') } : {}),
    onSuccess: (started) => {
      setRunId(started.id)
      void invalidateList(queryClient, RUNS_PATH)
    },
    onError: (error) => message.error(errorText(error)),
  })
  const finished = () => {
    void invalidateList(queryClient, RUNS_PATH)
    // the business date in the header and every loan's DPD moved
    void queryClient.invalidateQueries({ queryKey: ME_KEY })
    void queryClient.invalidateQueries({ queryKey: ['loan'] })
    void invalidateList(queryClient, '/api/v1/loans')
  }

  const columns: TableColumnsType<CobRun> = [
    { key: 'businessDate', dataIndex: 'businessDate', title: t('servicing.cob.businessDate') },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('servicing.status'),
      render: (s: string) => <RunStatus status={s} />,
    },
    { key: 'loans', title: t('servicing.cob.loansDone'), render: (_v, r) => `${r.loansDone} / ${r.loansTotal}` },
    ...STAT_KEYS.slice(1).map((key) => ({
      key,
      title: t(`servicing.cob.stat.${key}`),
      align: 'right' as const,
      render: (_v: unknown, r: CobRun) => String(r.stats[key] ?? '—'),
    })),
    { key: 'trigger', dataIndex: 'trigger', title: t('servicing.cob.trigger') },
    { key: 'startedAt', dataIndex: 'startedAt', title: t('servicing.cob.startedAt'), render: formatDateTime },
    { key: 'finishedAt', dataIndex: 'finishedAt', title: t('servicing.cob.finishedAt'), render: formatDateTime },
  ]

  return (
    <PageHeader
      title={t('servicing.cob.title')}
      extra={
        <Space>
          <DatePicker
            value={toDate}
            onChange={setToDate}
            placeholder={t('servicing.cob.toDatePlaceholder')}
            disabledDate={(d) => d.isBefore(dayjs().subtract(10, 'year'))}
            data-testid="cob-to-date"
          />
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={start.isPending}
            onClick={() => start.mutate()}
            data-testid="cob-start"
          >
            {t('servicing.cob.start')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => list.refetch()} aria-label={t('common.refresh')} />
        </Space>
      }
    >
      {runId && <LiveProgress runId={runId} onDone={finished} />}
      <Card title={t('servicing.cob.history')}>
        <LoadError error={list.error} onRetry={() => list.refetch()} />
        <Table<CobRun> {...list.tableProps} columns={columns} scroll={{ x: 'max-content' }} data-testid="cob-runs" />
      </Card>
    </PageHeader>
  )
}
