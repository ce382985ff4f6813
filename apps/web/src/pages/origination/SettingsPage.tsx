/** The institution's approval-chain policy (tiers by amount and score) and the contract template. */
import { useMutation, useQuery } from '@tanstack/react-query'
import { App as AntApp, Button, Card, Input, Space, Switch, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { api } from '../../shared/api/client'
import { useT } from '../../shared/i18n'
import { errorText, PageHeader } from '../../shared/ui'

type Policy = { productId: string | null; alwaysManual: boolean; tiers: unknown[]; isDefault: boolean }
type Template = { name: string; body: string; version: number }

export function SettingsPage() {
  const t = useT()
  const { message } = AntApp.useApp()
  const policies = useQuery({
    queryKey: ['origination-policies'],
    queryFn: () => api.get<Policy[]>('/api/v1/origination/policies'),
  })
  const template = useQuery({
    queryKey: ['contract-template'],
    queryFn: () => api.get<Template>('/api/v1/contract-templates'),
  })
  const [tiers, setTiers] = useState('')
  const [alwaysManual, setAlwaysManual] = useState(false)
  const [name, setName] = useState('')
  const [body, setBody] = useState('')
  useEffect(() => {
    const p = policies.data?.find((x) => x.productId === null)
    if (p) {
      setTiers(JSON.stringify(p.tiers, null, 2))
      setAlwaysManual(p.alwaysManual)
    }
  }, [policies.data])
  useEffect(() => {
    if (template.data) {
      setName(template.data.name)
      setBody(template.data.body)
    }
  }, [template.data])
  const savePolicy = useMutation({
    mutationFn: () =>
      api.put('/api/v1/origination/policies', { productId: null, alwaysManual, tiers: JSON.parse(tiers) }),
    onSuccess: () => message.success(t('orig.saved')),
    onError: (e) => message.error(e instanceof SyntaxError ? t('orig.badJson') : errorText(e)),
  })
  const saveTemplate = useMutation({
    mutationFn: () => api.put<Template>('/api/v1/contract-templates', { productId: null, name, body }),
    onSuccess: () => {
      message.success(t('orig.saved'))
      template.refetch()
    },
    onError: (e) => message.error(errorText(e)),
  })
  return (
    <PageHeader title={t('orig.nav.settings')}>
      <Space direction="vertical" style={{ width: '100%' }} size={16}>
        <Card title={t('orig.policyTitle')}>
          <Typography.Paragraph type="secondary">{t('orig.policyHint')}</Typography.Paragraph>
          <Input.TextArea
            rows={14}
            value={tiers}
            onChange={(e) => setTiers(e.target.value)}
            style={{ fontFamily: 'monospace' }}
          />
          <Space style={{ marginTop: 12 }}>
            <Switch checked={alwaysManual} onChange={setAlwaysManual} /> {t('orig.alwaysManual')}
            <Button type="primary" loading={savePolicy.isPending} onClick={() => savePolicy.mutate()}>
              {t('orig.save')}
            </Button>
          </Space>
        </Card>
        <Card title={`${t('orig.templateTitle')} v${template.data?.version ?? 0}`}>
          <Typography.Paragraph type="secondary">{t('orig.templateHint')}</Typography.Paragraph>
          <Input value={name} onChange={(e) => setName(e.target.value)} style={{ marginBottom: 8 }} />
          <Input.TextArea rows={18} value={body} onChange={(e) => setBody(e.target.value)} />
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            loading={saveTemplate.isPending}
            onClick={() => saveTemplate.mutate()}
          >
            {t('orig.save')}
          </Button>
        </Card>
      </Space>
    </PageHeader>
  )
}
