/** Stage settings: the short and monthly sets as editable ranges; the server refuses gaps and overlaps. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Input, InputNumber, Select, Space, Switch, Table, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { api } from '../../shared/api/client'
import { isApiError } from '../../shared/api/error'
import { useT } from '../../shared/i18n'
import { errorText, LoadError, PageHeader } from '../../shared/ui'
import { COLLECTIONS, type Stage, type StageSets } from './types'

const POSITIONS = ['collector_s1', 'collector_s2', 'collection_lead']

function StageSetEditor({ setKey, title, initial }: { setKey: 'short' | 'monthly'; title: string; initial: Stage[] }) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [rows, setRows] = useState<Stage[]>(initial)
  useEffect(() => setRows(initial), [initial])
  const [errors, setErrors] = useState<string[]>([])
  const save = useMutation({
    mutationFn: () => api.put(`${COLLECTIONS}/stages/${setKey}`, { stages: rows }),
    onMutate: () => setErrors([]),
    onSuccess: async () => {
      message.success(t('collections.stages.saved'))
      await queryClient.invalidateQueries({ queryKey: ['collections'] })
    },
    onError: (e) =>
      setErrors(isApiError(e) && e.fieldErrors.length ? e.fieldErrors.map((f) => f.message) : [errorText(e)]),
  })
  const update = (i: number, patch: Partial<Stage>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)))
  return (
    <Card
      title={title}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        <Space>
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              const last = rows.at(-1)
              const from = last ? (last.toDay ?? last.fromDay) + 1 : 1
              setRows([
                ...rows,
                { code: `S${rows.length}`, fromDay: from, toDay: null, position: 'collector_s2', opensCases: true },
              ])
            }}
          >
            {t('collections.stages.add')}
          </Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => save.mutate()}
            data-testid={`stages-save-${setKey}`}
          >
            {t('collections.save')}
          </Button>
        </Space>
      }
      data-testid={`stages-${setKey}`}
    >
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={<span data-testid="stages-error">{errors.join('；')}</span>}
        />
      )}
      <Table<Stage>
        size="small"
        rowKey={(_r) => String(rows.indexOf(_r))}
        pagination={false}
        dataSource={rows}
        columns={[
          {
            key: 'code',
            title: t('collections.stages.code'),
            render: (_v, r, i) => (
              <Input value={r.code} style={{ width: 80 }} onChange={(e) => update(i, { code: e.target.value })} />
            ),
          },
          {
            key: 'from',
            title: t('collections.stages.fromDay'),
            render: (_v, r, i) => (
              <InputNumber
                value={r.fromDay}
                onChange={(v) => update(i, { fromDay: Number(v ?? 0) })}
                data-testid={`stage-${setKey}-${i}-from`}
              />
            ),
          },
          {
            key: 'to',
            title: t('collections.stages.toDay'),
            render: (_v, r, i) => (
              <InputNumber
                value={r.toDay ?? undefined}
                placeholder={t('collections.stages.openEnded')}
                onChange={(v) => update(i, { toDay: v === null || v === undefined ? null : Number(v) })}
                data-testid={`stage-${setKey}-${i}-to`}
              />
            ),
          },
          {
            key: 'position',
            title: t('collections.stages.position'),
            render: (_v, r, i) => (
              <Select
                value={r.position}
                style={{ width: 160 }}
                onChange={(position) => update(i, { position })}
                options={[...new Set([...POSITIONS, r.position])].map((p) => ({ value: p, label: p }))}
              />
            ),
          },
          {
            key: 'opens',
            title: t('collections.stages.opensCases'),
            render: (_v, r, i) => (
              <Switch checked={r.opensCases} onChange={(opensCases) => update(i, { opensCases })} />
            ),
          },
          {
            key: 'del',
            title: '',
            render: (_v, _r, i) => (
              <Button icon={<DeleteOutlined />} size="small" onClick={() => setRows(rows.filter((_x, k) => k !== i))} />
            ),
          },
        ]}
      />
    </Card>
  )
}

export function StagesPage() {
  const t = useT()
  const q = useQuery({
    queryKey: ['collections', 'stages'],
    queryFn: ({ signal }) => api.get<StageSets>(`${COLLECTIONS}/stages`, undefined, { signal }),
  })
  return (
    <PageHeader title={t('collections.stages.title')}>
      <LoadError error={q.error} onRetry={() => q.refetch()} />
      <Typography.Paragraph type="secondary">{t('collections.stages.hint')}</Typography.Paragraph>
      {q.data && (
        <>
          <StageSetEditor setKey="short" title={t('collections.stages.short')} initial={q.data.short} />
          <StageSetEditor setKey="monthly" title={t('collections.stages.monthly')} initial={q.data.monthly} />
          <Card title={t('collections.stages.products')} size="small">
            <Table
              size="small"
              rowKey="productId"
              pagination={false}
              dataSource={q.data.products}
              columns={[
                { key: 'name', dataIndex: 'productName', title: t('collections.case.product') },
                {
                  key: 'follows',
                  title: t('collections.stages.follows'),
                  render: (_v, p) =>
                    p.follows === 'short'
                      ? t('collections.stages.short')
                      : p.follows === 'monthly'
                        ? t('collections.stages.monthly')
                        : (p.stages ?? []).map((s) => s.code).join(' / '),
                },
              ]}
            />
          </Card>
        </>
      )}
    </PageHeader>
  )
}
