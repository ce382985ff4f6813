/**
 * Back-test (回测): replay a version over the scene's stored evaluations and see what would change —
 * decisions moving between pass, reject and manual, the credit line and the data cost. Run it on a
 * challenger to compare it with the champion's recorded decisions.
 */
import { ExperimentOutlined } from '@ant-design/icons'
import { useMutation } from '@tanstack/react-query'
import { Alert, Button, Card, DatePicker, Empty, Form, InputNumber, Progress, Select, Space } from 'antd'
import type { Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { api } from '../../../shared/api/client'
import { useT } from '../../../shared/i18n'
import { errorText, PageHeader } from '../../../shared/ui'
import { RISK, useScenes, useVersions } from '../api'
import type { BacktestResult } from '../types'
import { BacktestResults } from './BacktestResults'

type RunValues = { scene?: string; version?: string; range?: [Dayjs | null, Dayjs | null] | null; limit?: number }

/** The server answers in one response; this shows that work is going on and for how long. */
function useElapsed(running: boolean) {
  const [seconds, setSeconds] = useState(0)
  useEffect(() => {
    if (!running) return
    setSeconds(0)
    const timer = setInterval(() => setSeconds((value) => value + 1), 1000)
    return () => clearInterval(timer)
  }, [running])
  return seconds
}

export function BacktestPage() {
  const t = useT()
  const [params, setParams] = useSearchParams()
  const [form] = Form.useForm<RunValues>()
  const scenes = useScenes()
  const scene = Form.useWatch('scene', form) ?? params.get('scene') ?? undefined
  const versions = useVersions(scene ?? '')
  const [ran, setRan] = useState<{ label: string } | null>(null)
  const run = useMutation({
    mutationFn: (values: RunValues) => {
      const [from, to] = values.range ?? []
      return api.post<BacktestResult>(RISK.versionBacktest(values.version ?? ''), {
        limit: values.limit,
        from: from?.format('YYYY-MM-DD'),
        to: to?.format('YYYY-MM-DD'),
      })
    },
  })
  const elapsed = useElapsed(run.isPending)
  const sceneData = scenes.data?.find((candidate) => candidate.code === scene)
  const versionOptions = (scene ? (versions.data ?? []) : []).map((version) => {
    const role =
      version.id === sceneData?.champion?.versionId
        ? ` · ${t('risk.scene.champion')}`
        : version.id === sceneData?.challenger?.versionId
          ? ` · ${t('risk.scene.challenger')}`
          : ''
    return {
      value: version.id,
      label: `v${version.version} · ${t(`risk.versionStatus.${version.status}`)}${role} · ${version.name}`,
    }
  })
  const submit = (values: RunValues) => {
    const option = versionOptions.find((candidate) => candidate.value === values.version)
    setRan({ label: option?.label.split(' · ')[0] ?? '' })
    setParams({ scene: values.scene ?? '', version: values.version ?? '' }, { replace: true })
    run.mutate(values)
  }
  return (
    <PageHeader title={t('risk.backtest.title')}>
      <Card style={{ marginBottom: 16 }}>
        <Form<RunValues>
          form={form}
          layout="inline"
          initialValues={{
            scene: params.get('scene') ?? undefined,
            version: params.get('version') ?? undefined,
            limit: 1000,
          }}
          onFinish={submit}
          style={{ rowGap: 8 }}
          data-testid="backtest-form"
        >
          <Form.Item
            name="scene"
            rules={[{ required: true, message: t('common.required', { field: t('risk.report.scene') }) }]}
          >
            <Select
              placeholder={t('risk.report.scene')}
              style={{ width: 180 }}
              onChange={() => form.setFieldValue('version', undefined)}
              options={(scenes.data ?? []).map((candidate) => ({ value: candidate.code, label: candidate.name }))}
            />
          </Form.Item>
          <Form.Item
            name="version"
            rules={[{ required: true, message: t('common.required', { field: t('risk.version.number') }) }]}
          >
            <Select
              placeholder={t('risk.backtest.version')}
              style={{ width: 340 }}
              loading={versions.isLoading}
              options={versionOptions}
              data-testid="backtest-version"
            />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              placeholder={[t('risk.backtest.from'), t('risk.backtest.to')]}
            />
          </Form.Item>
          <Form.Item name="limit" label={t('risk.backtest.limit')}>
            <InputNumber min={1} max={5000} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              icon={<ExperimentOutlined />}
              loading={run.isPending}
              data-testid="backtest-run"
            >
              {t('risk.backtest.run')}
            </Button>
          </Form.Item>
        </Form>
        {run.isPending && (
          <Space style={{ marginTop: 12 }}>
            <Progress type="circle" size={28} percent={Math.min(95, elapsed * 10)} showInfo={false} />
            <span>{t('risk.backtest.running', { seconds: elapsed })}</span>
          </Space>
        )}
        {run.error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorText(run.error)} />}
      </Card>
      {run.data ? (
        <BacktestResults result={run.data} versionLabel={ran?.label ?? ''} />
      ) : (
        !run.isPending && <Empty description={t('risk.backtest.empty')} />
      )}
    </PageHeader>
  )
}
