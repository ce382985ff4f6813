/**
 * Create or edit an indicator: its type and where its value comes from — caller input, a whitelisted
 * field of own data (data source → table → field), a derived aggregate, a list hit, or a field of a
 * third-party answer. Code and type are fixed once created.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Form, Input, Modal, Select, Switch } from 'antd'
import { useEffect } from 'react'
import { api } from '../../../shared/api/client'
import { reportFormError } from '../../../shared/forms'
import { useT } from '../../../shared/i18n'
import { invalidateList } from '../../../shared/list/usePagedList'
import { RISK, riskKeys, useOwnFields } from '../api'
import type { Indicator, IndicatorConfig, IndicatorType } from '../types'
import { DerivedFields, ListFields, ThirdPartyFields } from './ConfigFields'

type FormValues = {
  code: string
  name: string
  description?: string
  type: IndicatorType
  enumValues?: string[]
  enabled: boolean
  config: Record<string, unknown> & { kind: IndicatorConfig['kind'] }
}

export function configSummary(config: IndicatorConfig | undefined): string {
  if (!config) return '—'
  switch (config.kind) {
    case 'input':
      return 'input'
    case 'own':
      return `${config.table}.${config.field}`
    case 'list':
      return `${config.listType}: ${config.kinds.join('/')}`
    case 'third_party':
      return `${config.source} → ${config.path}`
    default:
      if (config.aggregate === 'differs') return `${config.left} ≠ ${config.right}`
      if (config.aggregate === 'days_since') return `days since ${config.from}`
      return `${config.aggregate}(${config.entity} by ${config.match})${config.window ? ` / ${config.window.amount} ${config.window.unit}` : ''}`
  }
}

/** Drops empty optional parts so the server sees only what was chosen. */
function cleanConfig(config: FormValues['config']): IndicatorConfig {
  const entries = Object.entries(config).filter(([, value]) => value !== undefined && value !== null && value !== '')
  const clean = Object.fromEntries(entries) as Record<string, unknown>
  const window = clean.window as { amount?: number; unit?: string } | undefined
  if (window && !window.amount) delete clean.window
  return clean as IndicatorConfig
}

export function IndicatorFormModal({
  open,
  indicator,
  onClose,
}: {
  open: boolean
  indicator: Indicator | null
  onClose: () => void
}) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<FormValues>()
  const editing = Boolean(indicator)
  const kind = Form.useWatch(['config', 'kind'], form)
  const table = Form.useWatch(['config', 'table'], form) as string | undefined
  const type = Form.useWatch('type', form)
  const ownFields = useOwnFields(open && kind === 'own')

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(
      indicator
        ? {
            ...indicator,
            description: indicator.description ?? undefined,
            enumValues: indicator.enumValues ?? undefined,
            config: indicator.config as FormValues['config'],
          }
        : { type: 'number', enabled: true, config: { kind: 'input' } },
    )
  }, [open, indicator, form])

  const save = useMutation({
    mutationFn: (values: FormValues) => {
      const config = cleanConfig(values.config)
      const enumValues = values.type === 'enum' ? values.enumValues : undefined
      if (indicator)
        return api.patch<Indicator>(RISK.indicator(indicator.id), {
          name: values.name,
          description: values.description ?? null,
          enabled: values.enabled,
          enumValues,
          config,
        })
      return api.post<Indicator>(RISK.indicators, {
        code: values.code,
        name: values.name,
        description: values.description,
        type: values.type,
        enumValues,
        config,
        enabled: values.enabled,
      })
    },
    onSuccess: () => {
      message.success(t('common.saved'))
      void invalidateList(queryClient, RISK.indicators)
      void queryClient.invalidateQueries({ queryKey: riskKeys.indicatorsAll })
      onClose()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })

  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }]
  const fieldsOfTable = ownFields.data?.find((candidate) => candidate.table === table)?.fields ?? []

  return (
    <Modal
      open={open}
      title={editing ? t('risk.indicator.edit') : t('risk.indicator.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'indicator-form-submit' }}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)} data-testid="indicator-form">
        <Form.Item
          name="code"
          label={t('risk.indicator.code')}
          extra={t('risk.codeHint')}
          rules={required(t('risk.indicator.code'))}
        >
          <Input className="xd-mono" disabled={editing} name="code" />
        </Form.Item>
        <Form.Item name="name" label={t('risk.indicator.name')} rules={required(t('risk.indicator.name'))}>
          <Input name="name" />
        </Form.Item>
        <Form.Item name="description" label={t('risk.indicator.description')}>
          <Input.TextArea autoSize={{ minRows: 1 }} />
        </Form.Item>
        <Form.Item
          name={['config', 'kind']}
          label={t('risk.indicator.sourceKind')}
          rules={required(t('risk.indicator.sourceKind'))}
        >
          <Select
            disabled={editing}
            onChange={(next: string) => form.setFieldsValue({ config: { kind: next } as FormValues['config'] })}
            options={(['input', 'own', 'derived', 'list', 'third_party'] as const).map((value) => ({
              value,
              label: t(`risk.sourceKind.${value}`),
            }))}
            data-testid="indicator-kind"
          />
        </Form.Item>
        {kind === 'own' && (
          <>
            <Form.Item
              name={['config', 'table']}
              label={t('risk.indicator.table')}
              rules={required(t('risk.indicator.table'))}
            >
              <Select
                loading={ownFields.isLoading}
                onChange={() => form.setFieldValue(['config', 'field'], undefined)}
                options={(ownFields.data ?? []).map((candidate) => ({
                  value: candidate.table,
                  label: candidate.table,
                }))}
              />
            </Form.Item>
            <Form.Item
              name={['config', 'field']}
              label={t('risk.indicator.field')}
              rules={required(t('risk.indicator.field'))}
            >
              <Select
                disabled={!table}
                onChange={(field: string) => {
                  const chosen = fieldsOfTable.find((candidate) => candidate.field === field)
                  if (chosen && !editing) form.setFieldValue('type', chosen.type)
                }}
                options={fieldsOfTable.map((candidate) => ({
                  value: candidate.field,
                  label: `${candidate.field} · ${candidate.label} (${t(`risk.indicatorType.${candidate.type}`)})`,
                }))}
              />
            </Form.Item>
          </>
        )}
        {kind === 'derived' && <DerivedFields form={form} editing={editing} />}
        {kind === 'list' && <ListFields form={form} editing={editing} />}
        {kind === 'third_party' && <ThirdPartyFields />}
        <Form.Item
          name="type"
          label={t('risk.indicator.type')}
          rules={required(t('risk.indicator.type'))}
          extra={t('risk.indicator.typeHint')}
        >
          <Select
            disabled={editing}
            options={(['number', 'string', 'boolean', 'date', 'enum', 'string_list'] as const).map((value) => ({
              value,
              label: t(`risk.indicatorType.${value}`),
            }))}
            data-testid="indicator-type"
          />
        </Form.Item>
        {type === 'enum' && (
          <Form.Item
            name="enumValues"
            label={t('risk.indicator.enumValues')}
            rules={required(t('risk.indicator.enumValues'))}
          >
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} />
          </Form.Item>
        )}
        <Form.Item name="enabled" label={t('risk.indicator.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  )
}
