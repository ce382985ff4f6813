/** The config parts of derived, list and third-party indicators (see IndicatorConfig in docs/api-risk.md). */
import { Form, type FormInstance, Input, InputNumber, Select, Space } from 'antd'
import { useT } from '../../../shared/i18n'
import { useAllIndicators, useDataSources, useScenes } from '../api'

const AGGREGATES = ['count', 'distinct_count', 'overdue_count', 'differs', 'days_since'] as const
const MATCHES = ['device', 'ip', 'subject'] as const

// biome-ignore lint/suspicious/noExplicitAny: the form's value type is the modal's own
type AnyForm = FormInstance<any>

export function DerivedFields({ form, editing }: { form: AnyForm; editing: boolean }) {
  const t = useT()
  const aggregate = Form.useWatch(['config', 'aggregate'], form) as (typeof AGGREGATES)[number] | undefined
  const entity = Form.useWatch(['config', 'entity'], form) as string | undefined
  const indicators = useAllIndicators()
  const scenes = useScenes()
  const indicatorOptions = (filter?: (type: string) => boolean) =>
    (indicators.data ?? [])
      .filter((indicator) => !filter || filter(indicator.type))
      .map((indicator) => ({ value: indicator.code, label: `${indicator.name} · ${indicator.code}` }))
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }]
  return (
    <>
      <Form.Item
        name={['config', 'aggregate']}
        label={t('risk.derived.aggregate')}
        rules={required(t('risk.derived.aggregate'))}
      >
        <Select
          onChange={(next: string) => {
            form.setFieldsValue({
              config: {
                kind: 'derived',
                aggregate: next,
                ...(next === 'overdue_count' ? { entity: 'installments', match: 'subject' } : {}),
              },
            })
            if (!editing) form.setFieldValue('type', next === 'differs' ? 'boolean' : 'number')
          }}
          options={AGGREGATES.map((value) => ({ value, label: t(`risk.derived.aggregate.${value}`) }))}
        />
      </Form.Item>
      {(aggregate === 'count' || aggregate === 'distinct_count') && (
        <Space wrap align="start">
          <Form.Item
            name={['config', 'entity']}
            label={t('risk.derived.entity')}
            rules={required(t('risk.derived.entity'))}
          >
            <Select
              style={{ width: 170 }}
              options={(['device_events', 'evaluations'] as const).map((value) => ({
                value,
                label: t(`risk.derived.entity.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name={['config', 'match']}
            label={t('risk.derived.match')}
            rules={required(t('risk.derived.match'))}
          >
            <Select
              style={{ width: 140 }}
              options={MATCHES.map((value) => ({ value, label: t(`risk.derived.key.${value}`) }))}
            />
          </Form.Item>
          {aggregate === 'distinct_count' && (
            <Form.Item
              name={['config', 'distinct']}
              label={t('risk.derived.distinct')}
              rules={required(t('risk.derived.distinct'))}
            >
              <Select
                style={{ width: 140 }}
                options={MATCHES.map((value) => ({ value, label: t(`risk.derived.key.${value}`) }))}
              />
            </Form.Item>
          )}
          {entity === 'device_events' && (
            <Form.Item name={['config', 'event']} label={t('risk.derived.event')}>
              <Select
                allowClear
                style={{ width: 140 }}
                options={(['register', 'login', 'apply'] as const).map((value) => ({
                  value,
                  label: t(`risk.derived.event.${value}`),
                }))}
              />
            </Form.Item>
          )}
          {entity === 'evaluations' && (
            <Form.Item name={['config', 'scene']} label={t('risk.derived.scene')}>
              <Select
                allowClear
                style={{ width: 160 }}
                options={(scenes.data ?? []).map((scene) => ({ value: scene.code, label: scene.name }))}
              />
            </Form.Item>
          )}
        </Space>
      )}
      {(aggregate === 'count' || aggregate === 'distinct_count' || aggregate === 'overdue_count') && (
        <Form.Item label={t('risk.derived.window')} extra={t('risk.derived.windowHint')}>
          <Space.Compact>
            <Form.Item name={['config', 'window', 'amount']} noStyle>
              <InputNumber min={1} max={10000} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name={['config', 'window', 'unit']} noStyle initialValue="day">
              <Select
                style={{ width: 100 }}
                options={(['hour', 'day', 'month'] as const).map((value) => ({
                  value,
                  label: t(`risk.derived.unit.${value}`),
                }))}
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      )}
      {aggregate === 'differs' && (
        <Space wrap>
          <Form.Item name={['config', 'left']} label={t('risk.derived.left')} rules={required(t('risk.derived.left'))}>
            <Select showSearch={{ optionFilterProp: 'label' }} style={{ width: 240 }} options={indicatorOptions()} />
          </Form.Item>
          <Form.Item
            name={['config', 'right']}
            label={t('risk.derived.right')}
            rules={required(t('risk.derived.right'))}
          >
            <Select showSearch={{ optionFilterProp: 'label' }} style={{ width: 240 }} options={indicatorOptions()} />
          </Form.Item>
        </Space>
      )}
      {aggregate === 'days_since' && (
        <Form.Item name={['config', 'from']} label={t('risk.derived.from')} rules={required(t('risk.derived.from'))}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={indicatorOptions((type) => type === 'date')} />
        </Form.Item>
      )}
    </>
  )
}

export function ListFields({ form, editing }: { form: AnyForm; editing: boolean }) {
  const t = useT()
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }]
  return (
    <Space wrap align="start">
      <Form.Item
        name={['config', 'listType']}
        label={t('risk.list.listType')}
        rules={required(t('risk.list.listType'))}
      >
        <Select
          style={{ width: 150 }}
          onChange={() => !editing && form.setFieldValue('type', 'boolean')}
          options={(['black', 'white', 'grey'] as const).map((value) => ({
            value,
            label: t(`risk.list.type.${value}`),
          }))}
        />
      </Form.Item>
      <Form.Item name={['config', 'kinds']} label={t('risk.list.kind')} rules={required(t('risk.list.kind'))}>
        <Select
          mode="multiple"
          style={{ minWidth: 300 }}
          options={(['id_number', 'phone', 'device', 'ip', 'bank_card'] as const).map((value) => ({
            value,
            label: t(`risk.list.kind.${value}`),
          }))}
        />
      </Form.Item>
    </Space>
  )
}

export function ThirdPartyFields() {
  const t = useT()
  const sources = useDataSources()
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }]
  return (
    <Space wrap align="start">
      <Form.Item name={['config', 'source']} label={t('risk.source.title')} rules={required(t('risk.source.title'))}>
        <Select
          style={{ width: 220 }}
          loading={sources.isLoading}
          options={(sources.data ?? []).map((source) => ({
            value: source.code,
            label: `${source.name} · ${source.code}`,
          }))}
        />
      </Form.Item>
      <Form.Item
        name={['config', 'path']}
        label={t('risk.source.responsePath')}
        rules={required(t('risk.source.responsePath'))}
      >
        <Input className="xd-mono" placeholder="data.score" style={{ width: 220 }} />
      </Form.Item>
    </Space>
  )
}
