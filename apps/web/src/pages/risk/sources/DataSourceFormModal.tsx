/**
 * A data source's configuration: HTTP endpoint and method, request parameters mapped from the
 * evaluation's context, answer fields mapped to indicators, timeout, cost per call, call cycle (every
 * time or reuse N days) and fallback (manual review, or default values).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, AutoComplete, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch } from 'antd'
import { useEffect } from 'react'
import { api } from '../../../shared/api/client'
import { reportFormError } from '../../../shared/forms'
import { useT } from '../../../shared/i18n'
import { RISK, riskKeys, useAllIndicators } from '../api'
import type { DataSource, IndicatorValue } from '../types'

type FormValues = Omit<DataSource, 'id' | 'requestMapping' | 'fallback' | 'callCycle'> & {
  requestMapping: { param: string; ref: string }[]
  callCycle: { mode: 'every_time' | 'reuse'; days?: number }
  fallback: { mode: 'manual' | 'default' }
  fallbackValues: { indicator: string; value: string }[]
}

const REFS = [
  'customer.name',
  'customer.id_number',
  'customer.phone',
  'device.ip',
  'device.fingerprint',
  'subject.key',
  'const:',
]

function parseValue(text: string): IndicatorValue {
  try {
    return JSON.parse(text) as IndicatorValue
  } catch {
    return text
  }
}

export function DataSourceFormModal({
  open,
  source,
  onClose,
}: {
  open: boolean
  source: DataSource | null
  onClose: () => void
}) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<FormValues>()
  const indicators = useAllIndicators()
  const cycle = Form.useWatch(['callCycle', 'mode'], form)
  const fallback = Form.useWatch(['fallback', 'mode'], form)

  useEffect(() => {
    if (!open) return
    form.resetFields()
    if (!source) {
      form.setFieldsValue({
        method: 'POST',
        timeoutMs: 3000,
        costPerCall: '0.00',
        enabled: true,
        callCycle: { mode: 'every_time' },
        fallback: { mode: 'manual' },
        requestMapping: [],
        responseFields: [],
        fallbackValues: [],
      })
      return
    }
    form.setFieldsValue({
      ...source,
      requestMapping: Object.entries(source.requestMapping ?? {}).map(([param, ref]) => ({ param, ref })),
      callCycle: source.callCycle,
      fallback: { mode: source.fallback.mode },
      fallbackValues:
        source.fallback.mode === 'default'
          ? Object.entries(source.fallback.values).map(([indicator, value]) => ({
              indicator,
              value: JSON.stringify(value),
            }))
          : [],
    })
  }, [open, source, form])

  const save = useMutation({
    mutationFn: (values: FormValues) => {
      const body = {
        code: values.code,
        name: values.name,
        enabled: values.enabled,
        url: values.url,
        method: values.method,
        requestMapping: Object.fromEntries(
          (values.requestMapping ?? []).filter((row) => row?.param).map((row) => [row.param, row.ref]),
        ),
        responseFields: (values.responseFields ?? []).filter((row) => row?.path),
        timeoutMs: values.timeoutMs,
        costPerCall: values.costPerCall,
        callCycle:
          values.callCycle.mode === 'reuse'
            ? { mode: 'reuse', days: values.callCycle.days ?? 1 }
            : { mode: 'every_time' },
        fallback:
          values.fallback.mode === 'default'
            ? {
                mode: 'default',
                values: Object.fromEntries(
                  (values.fallbackValues ?? [])
                    .filter((row) => row?.indicator)
                    .map((row) => [row.indicator, parseValue(row.value)]),
                ),
              }
            : { mode: 'manual' },
      }
      if (source) {
        const { code: _code, ...patch } = body
        return api.patch<DataSource>(RISK.dataSource(source.id), patch)
      }
      return api.post<DataSource>(RISK.dataSources, body)
    },
    onSuccess: () => {
      message.success(t('common.saved'))
      void queryClient.invalidateQueries({ queryKey: riskKeys.dataSources })
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }]
  const indicatorOptions = (indicators.data ?? []).map((indicator) => ({
    value: indicator.code,
    label: `${indicator.name} · ${indicator.code}`,
  }))

  return (
    <Modal
      open={open}
      title={source ? t('risk.source.edit') : t('risk.source.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'source-form-submit' }}
      destroyOnHidden
      width={760}
    >
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)} data-testid="source-form">
        <Space wrap align="start">
          <Form.Item name="code" label={t('risk.source.code')} rules={required(t('risk.source.code'))}>
            <Input className="xd-mono" disabled={Boolean(source)} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="name" label={t('risk.source.name')} rules={required(t('risk.source.name'))}>
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="enabled" label={t('risk.indicator.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item label={t('risk.source.url')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="method" noStyle>
              <Select style={{ width: 100 }} options={[{ value: 'GET' }, { value: 'POST' }]} />
            </Form.Item>
            <Form.Item name="url" noStyle rules={required(t('risk.source.url'))}>
              <Input className="xd-mono" placeholder="https://bureau.example.com/v1/score" data-testid="source-url" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="timeoutMs" label={t('risk.source.timeout')} rules={required(t('risk.source.timeout'))}>
            <InputNumber min={1} max={60000} addonAfter="ms" />
          </Form.Item>
          <Form.Item
            name="costPerCall"
            label={t('risk.source.costPerCall')}
            rules={[
              ...required(t('risk.source.costPerCall')),
              { pattern: /^\d+(\.\d{1,2})?$/, message: t('risk.amountHint') },
            ]}
          >
            <Input prefix="¥" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name={['callCycle', 'mode']} label={t('risk.source.callCycle')}>
            <Radio.Group
              options={[
                { value: 'every_time', label: t('risk.source.everyTime') },
                { value: 'reuse', label: t('risk.source.reuse') },
              ]}
            />
          </Form.Item>
          {cycle === 'reuse' && (
            <Form.Item
              name={['callCycle', 'days']}
              label={t('risk.source.reuseFor')}
              rules={required(t('risk.source.reuseFor'))}
            >
              <InputNumber min={1} max={3650} addonAfter={t('risk.source.days')} />
            </Form.Item>
          )}
        </Space>
        <MappingList
          name="requestMapping"
          title={t('risk.source.requestMapping')}
          left={{ field: 'param', placeholder: t('risk.source.param') }}
          right={{ field: 'ref', placeholder: 'input.phone', options: REFS }}
        />
        <MappingList
          name="responseFields"
          title={t('risk.source.responseFields')}
          left={{ field: 'path', placeholder: 'data.score' }}
          right={{ field: 'indicator', placeholder: t('risk.expression.indicator'), select: indicatorOptions }}
        />
        <Form.Item name={['fallback', 'mode']} label={t('risk.source.fallback')}>
          <Radio.Group
            options={[
              { value: 'manual', label: t('risk.fallback.manual') },
              { value: 'default', label: t('risk.fallback.default') },
            ]}
          />
        </Form.Item>
        {fallback === 'default' && (
          <MappingList
            name="fallbackValues"
            title={t('risk.source.defaultValues')}
            left={{ field: 'indicator', placeholder: t('risk.expression.indicator'), select: indicatorOptions }}
            right={{ field: 'value', placeholder: 'true / 24 / "text"' }}
          />
        )}
      </Form>
    </Modal>
  )
}

type Side = { field: string; placeholder: string; options?: string[]; select?: { value: string; label: string }[] }

function MappingList({ name, title, left, right }: { name: string; title: string; left: Side; right: Side }) {
  const t = useT()
  const input = (side: Side) =>
    side.select ? (
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={side.placeholder}
        options={side.select}
        style={{ width: 260 }}
      />
    ) : side.options ? (
      <AutoComplete
        placeholder={side.placeholder}
        options={side.options.map((value) => ({ value }))}
        style={{ width: 260 }}
      />
    ) : (
      <Input className="xd-mono" placeholder={side.placeholder} style={{ width: 260 }} />
    )
  return (
    <Form.Item label={title}>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline">
                <Form.Item name={[field.name, left.field]} style={{ marginBottom: 8 }}>
                  {input(left)}
                </Form.Item>
                <span>→</span>
                <Form.Item name={[field.name, right.field]} style={{ marginBottom: 8 }}>
                  {input(right)}
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add()}>
              {t('risk.source.addRow')}
            </Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  )
}
