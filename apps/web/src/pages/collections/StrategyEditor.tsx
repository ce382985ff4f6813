/** Create or edit a draft strategy: segments (conditions) and their approach (channel mix, priority, frequency). */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd'
import { api } from '../../shared/api/client'
import { reportFormError } from '../../shared/forms'
import { type MessageKey, useT } from '../../shared/i18n'
import { CHANNELS, type Segment, type Strategy } from './strategy-types'
import { COLLECTIONS, type StageSets } from './types'

type SegmentValues = Omit<Segment, 'minAmount' | 'maxAmount'> & { minAmount?: string; maxAmount?: string }
type Values = { name: string; description?: string; segments: SegmentValues[] }

const EMPTY_SEGMENT: Partial<SegmentValues> = {
  stages: [],
  channels: [{ channel: 'call', weight: 100 }],
  priority: 3,
}

/** `initial` with an id edits that draft; without one (a copy, or nothing) creates a new draft. */
export function StrategyEditor({ initial, onClose }: { initial: Partial<Strategy> | null; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const stages = useQuery({
    queryKey: ['collections', 'stages'],
    queryFn: ({ signal }) => api.get<StageSets>(`${COLLECTIONS}/stages`, undefined, { signal }),
  })
  const stageCodes = [
    ...new Set(
      [stages.data?.short, stages.data?.monthly, ...(stages.data?.products ?? []).map((p) => p.stages)]
        .flatMap((set) => set ?? [])
        .filter((s) => s.opensCases)
        .map((s) => s.code),
    ),
  ]
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name,
        description: v.description || null,
        segments: v.segments.map((s) => ({
          ...s,
          stages: s.stages ?? [],
          minAmount: s.minAmount?.trim() || null,
          maxAmount: s.maxAmount?.trim() || null,
          minScore: s.minScore ?? null,
          maxScore: s.maxScore ?? null,
          minBrokenPromises: s.minBrokenPromises ?? null,
          maxBrokenPromises: s.maxBrokenPromises ?? null,
          minPreviousCases: s.minPreviousCases ?? null,
          maxPreviousCases: s.maxPreviousCases ?? null,
          contactEveryDays: s.contactEveryDays ?? null,
        })),
      }
      return initial?.id
        ? api.put<Strategy>(`${COLLECTIONS}/strategies/${initial.id}`, body)
        : api.post<Strategy>(`${COLLECTIONS}/strategies`, body)
    },
    onSuccess: async () => {
      message.success(t('collections.strategy.saved'))
      await queryClient.invalidateQueries({ queryKey: ['list', `${COLLECTIONS}/strategies`] })
      onClose()
    },
    onError: (e) => reportFormError(form, e, (text) => message.error(text)),
  })
  const initialValues: Values = {
    name: initial?.name ?? '',
    description: initial?.description ?? undefined,
    segments: (initial?.segments ?? [{ ...EMPTY_SEGMENT, code: 'all', name: '' } as Segment]).map((s) => ({
      ...s,
      minAmount: s.minAmount ?? undefined,
      maxAmount: s.maxAmount ?? undefined,
    })),
  }
  const bound = (name: number, field: string, label: string | undefined, money: boolean, placeholder: string) => (
    <Form.Item name={[name, field]} label={label} style={{ marginBottom: 8 }}>
      {money ? (
        <Input style={{ width: 110 }} placeholder={placeholder} inputMode="decimal" />
      ) : (
        <InputNumber style={{ width: 100 }} placeholder={placeholder} />
      )}
    </Form.Item>
  )
  const range = (label: MessageKey, min: string, max: string, name: number, money = false) => (
    <Space align="end" size={4}>
      {bound(name, min, t(label), money, t('collections.segment.min'))}
      {bound(name, max, '\u00a0', money, t('collections.segment.max'))}
    </Space>
  )
  return (
    <Modal
      open
      width={980}
      title={initial?.id ? t('collections.strategy.edit') : t('collections.strategy.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => save.mutate(v)}>
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="name" label={t('collections.strategy.name')} rules={[{ required: true }]}>
              <Input maxLength={100} data-testid="strategy-name" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="description" label={t('collections.strategy.description')}>
              <Input maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="segments">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={`${t('collections.strategy.segments')} ${i + 1}`}
                  extra={
                    <Button size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
                  }
                  data-testid={`segment-${i}`}
                >
                  <Row gutter={12}>
                    <Col span={4}>
                      <Form.Item
                        name={[f.name, 'code']}
                        label={t('collections.segment.code')}
                        rules={[{ required: true }]}
                      >
                        <Input maxLength={20} />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item
                        name={[f.name, 'name']}
                        label={t('collections.segment.name')}
                        rules={[{ required: true }]}
                      >
                        <Input maxLength={60} />
                      </Form.Item>
                    </Col>
                    <Col span={14}>
                      <Form.Item name={[f.name, 'stages']} label={t('collections.segment.stages')}>
                        <Select mode="multiple" options={stageCodes.map((c) => ({ value: c, label: c }))} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Space wrap size="large">
                    {range('collections.segment.amount', 'minAmount', 'maxAmount', f.name, true)}
                    {range('collections.segment.score', 'minScore', 'maxScore', f.name)}
                    {range('collections.segment.broken', 'minBrokenPromises', 'maxBrokenPromises', f.name)}
                    {range('collections.segment.previous', 'minPreviousCases', 'maxPreviousCases', f.name)}
                  </Space>
                  <Row gutter={12}>
                    <Col span={12}>
                      <Form.Item label={t('collections.segment.channels')} style={{ marginBottom: 0 }}>
                        <Form.List name={[f.name, 'channels']}>
                          {(cf, ops, { errors: channelErrors }) => (
                            <Space direction="vertical" size={4}>
                              {cf.map((c) => (
                                <Space key={c.key}>
                                  <Form.Item name={[c.name, 'channel']} noStyle>
                                    <Select
                                      style={{ width: 130 }}
                                      options={CHANNELS.map((ch) => ({
                                        value: ch,
                                        label: t(`collections.channel.${ch}` as MessageKey),
                                      }))}
                                    />
                                  </Form.Item>
                                  <Form.Item name={[c.name, 'weight']} noStyle>
                                    <InputNumber min={1} max={100} addonAfter="%" style={{ width: 110 }} />
                                  </Form.Item>
                                  <Button size="small" icon={<DeleteOutlined />} onClick={() => ops.remove(c.name)} />
                                </Space>
                              ))}
                              <Button
                                size="small"
                                icon={<PlusOutlined />}
                                onClick={() => ops.add({ channel: 'sms', weight: 10 })}
                              >
                                {t('collections.segment.addChannel')}
                              </Button>
                              <Form.ErrorList errors={channelErrors} />
                            </Space>
                          )}
                        </Form.List>
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item
                        name={[f.name, 'priority']}
                        label={t('collections.segment.priority')}
                        rules={[{ required: true }]}
                      >
                        <InputNumber min={1} max={5} />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item name={[f.name, 'contactEveryDays']} label={t('collections.segment.every')}>
                        <InputNumber min={1} max={30} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ ...EMPTY_SEGMENT, code: `seg${fields.length + 1}` })}
                data-testid="segment-add"
              >
                {t('collections.segment.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  )
}
