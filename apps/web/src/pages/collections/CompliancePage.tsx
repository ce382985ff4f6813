/** Contact-compliance settings of the institution: hours, time zone, attempt cap, third-party rule. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, Form, Input, InputNumber, Switch, Typography } from 'antd'
import { useEffect } from 'react'
import { api } from '../../shared/api/client'
import { reportFormError } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { LoadError, PageHeader } from '../../shared/ui'
import { LadderCard } from './LadderCard'
import { COLLECTIONS, type Compliance } from './types'

export function CompliancePage() {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Compliance>()
  const q = useQuery({
    queryKey: ['collections', 'settings'],
    queryFn: ({ signal }) => api.get<Compliance>(`${COLLECTIONS}/settings`, undefined, { signal }),
  })
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data)
  }, [q.data, form])
  const save = useMutation({
    mutationFn: (v: Compliance) => api.put<Compliance>(`${COLLECTIONS}/settings`, v),
    onSuccess: async () => {
      message.success(t('collections.compliance.saved'))
      await queryClient.invalidateQueries({ queryKey: ['collections', 'settings'] })
    },
    onError: (e) => reportFormError(form, e, (text) => message.error(text)),
  })
  return (
    <PageHeader title={t('collections.compliance.title')}>
      <LoadError error={q.error} onRetry={() => q.refetch()} />
      <Card style={{ maxWidth: 640 }}>
        <Typography.Paragraph type="secondary">{t('collections.compliance.hint')}</Typography.Paragraph>
        <Form<Compliance> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="compliance-form">
          <Form.Item name="allowedFrom" label={t('collections.compliance.allowedFrom')} rules={[{ required: true }]}>
            <Input placeholder="08:00" name="allowedFrom" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="allowedTo" label={t('collections.compliance.allowedTo')} rules={[{ required: true }]}>
            <Input placeholder="22:00" name="allowedTo" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="timeZone" label={t('collections.compliance.timeZone')} rules={[{ required: true }]}>
            <Input placeholder="Asia/Shanghai" name="timeZone" style={{ width: 240 }} />
          </Form.Item>
          <Form.Item
            name="maxUnansweredPerDay"
            label={t('collections.compliance.maxUnanswered')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={50} />
          </Form.Item>
          <Form.Item
            name="thirdPartyOnlyWhenUnreachable"
            label={t('collections.compliance.thirdParty')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="compliance-save">
            {t('collections.save')}
          </Button>
        </Form>
      </Card>
      <LadderCard />
    </PageHeader>
  )
}
