/** The warning rule catalog: each rule's switch, severity, owner and thresholds (editable with warning.manage). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd'
import { api } from '../../shared/api/client'
import { usePermissions } from '../../shared/auth/session'
import { reportFormError } from '../../shared/forms'
import { type MessageKey, useT } from '../../shared/i18n'
import { LoadError } from '../../shared/ui'
import { SEVERITIES, WARNINGS, type WarningParams, type WarningRule } from './warning-types'

const PARAMS: Record<WarningRule['code'], (keyof WarningParams)[]> = {
  underpayment_streak: ['thresholdPercent', 'periods'],
  ip_velocity: ['applications', 'windowMinutes'],
  first_payment_default: ['days'],
}

function RuleForm({ rule, editable }: { rule: WarningRule; editable: boolean }) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<WarningRule>()
  const save = useMutation({
    mutationFn: (v: WarningRule) =>
      api.put<WarningRule>(`${WARNINGS}/rules/${rule.code}`, {
        enabled: v.enabled,
        severity: v.severity,
        ownerPosition: v.ownerPosition,
        toAccountManager: v.toAccountManager,
        params: v.params,
      }),
    onSuccess: async () => {
      message.success(t('collections.warnings.rules.saved'))
      await queryClient.invalidateQueries({ queryKey: ['warning-rules'] })
    },
    onError: (e) => reportFormError(form, e, (text) => message.error(text)),
  })
  return (
    <Card
      size="small"
      title={t(`collections.warnings.rule.${rule.code}` as MessageKey)}
      style={{ marginBottom: 16 }}
      data-testid={`warning-rule-${rule.code}`}
    >
      <Typography.Paragraph type="secondary">
        {t(`collections.warnings.ruleHint.${rule.code}` as MessageKey)}
      </Typography.Paragraph>
      <Form<WarningRule>
        form={form}
        layout="inline"
        initialValues={rule}
        disabled={!editable}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="enabled" label={t('collections.warnings.rules.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="severity" label={t('collections.warnings.severity')}>
          <Select
            style={{ width: 90 }}
            options={SEVERITIES.map((s) => ({
              value: s,
              label: t(`collections.warnings.severity.${s}` as MessageKey),
            }))}
          />
        </Form.Item>
        <Form.Item name="ownerPosition" label={t('collections.warnings.rules.ownerPosition')}>
          <Input style={{ width: 150 }} />
        </Form.Item>
        <Form.Item
          name="toAccountManager"
          label={t('collections.warnings.rules.toAccountManager')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        {PARAMS[rule.code].map((p) => (
          <Form.Item key={p} name={['params', p]} label={t(`collections.warnings.rules.${p}` as MessageKey)}>
            {p === 'thresholdPercent' ? <Input style={{ width: 90 }} /> : <InputNumber style={{ width: 100 }} />}
          </Form.Item>
        ))}
        {editable && (
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('collections.save')}
            </Button>
          </Form.Item>
        )}
      </Form>
    </Card>
  )
}

export function WarningRulesCard() {
  const { can } = usePermissions()
  const q = useQuery({
    queryKey: ['warning-rules'],
    queryFn: ({ signal }) => api.get<{ items: WarningRule[] }>(`${WARNINGS}/rules`, undefined, { signal }),
  })
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <LoadError error={q.error} onRetry={() => q.refetch()} />
      {(q.data?.items ?? []).map((r) => (
        <RuleForm key={r.code} rule={r} editable={can('warning.manage')} />
      ))}
    </Space>
  )
}
