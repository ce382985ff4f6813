/**
 * A rule-set version (规则集版本): a draft is edited here in the visual builder and tested beside it;
 * other versions are shown read-only with the way forward (approve, copy to a new draft, diff).
 */
import {
  CheckOutlined,
  CopyOutlined,
  DiffOutlined,
  ExperimentOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Col, Input, Row, Space, Spin } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { api } from '../../../shared/api/client'
import { isApiError } from '../../../shared/api/error'
import { Can } from '../../../shared/auth/guards'
import { usePermissions } from '../../../shared/auth/session'
import { useT } from '../../../shared/i18n'
import { errorText, LoadError, PageHeader } from '../../../shared/ui'
import { RISK, riskKeys, useAllIndicators, useVersion } from '../api'
import { VersionStatusTag } from '../labels'
import type { Rule, RuleSetVersion } from '../types'
import { BuilderErrorsProvider } from './errors'
import { placeErrors } from './model'
import { RuleList } from './RuleList'
import { SubmitModal } from './SubmitModal'
import { TestPanel } from './TestPanel'

export function VersionPage() {
  const { id = '' } = useParams()
  const t = useT()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { can, me } = usePermissions()
  const version = useVersion(id)
  const indicators = useAllIndicators()
  const [rules, setRules] = useState<Rule[] | null>(null)
  const [name, setName] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<{ field: string; message: string }[]>([])
  const [submitOpen, setSubmitOpen] = useState(false)

  // A new version loaded (or reloaded after save) replaces the local copy.
  useEffect(() => {
    setRules(version.data?.rules ?? null)
    setName(version.data?.name ?? null)
  }, [version.data])

  const current = rules ?? version.data?.rules ?? []
  const dirty =
    Boolean(version.data) &&
    ((rules !== null && rules !== version.data?.rules) || (name !== null && name !== version.data?.name))
  const editable = version.data?.status === 'draft' && can('risk.manage')
  const placed = useMemo(() => placeErrors(fieldErrors, current), [fieldErrors, current])

  const save = useMutation({
    mutationFn: () => api.put<RuleSetVersion>(RISK.version(id), { name: name ?? version.data?.name, rules: current }),
    onSuccess: (saved) => {
      setFieldErrors([])
      queryClient.setQueryData(riskKeys.version(id), saved)
    },
  })
  const saveIfDirty = async (): Promise<boolean> => {
    if (!dirty || !editable) return true
    try {
      await save.mutateAsync()
      return true
    } catch (error) {
      if (isApiError(error) && error.fieldErrors.length) {
        setFieldErrors(error.fieldErrors)
        message.error(t('risk.builder.invalid', { count: error.fieldErrors.length }))
      } else message.error(errorText(error))
      return false
    }
  }
  const copy = useMutation({
    mutationFn: () =>
      api.post<RuleSetVersion>(RISK.sceneVersions(version.data?.sceneCode ?? ''), { fromVersionId: id }),
    onSuccess: (draft) => navigate(`/risk/versions/${draft.id}`),
    onError: (error) => message.error(errorText(error)),
  })
  const approve = useMutation({
    mutationFn: () => api.post(`/api/v1/approvals/${version.data?.approvalId}/approve`, {}),
    onSuccess: () => {
      message.success(t('risk.version.approved'))
      void queryClient.invalidateQueries({ queryKey: ['risk'] })
      void queryClient.invalidateQueries({ queryKey: ['list'] })
    },
    onError: (error) => message.error(errorText(error)),
  })

  if (version.error) return <LoadError error={version.error} onRetry={() => version.refetch()} />
  if (!version.data) return <Spin />
  const data = version.data
  const ownRequest = data.submittedBy && data.submittedBy === me?.id
  return (
    <PageHeader
      title={
        <Space>
          <Link to={`/risk/scenes/${data.sceneCode}`} className="xd-mono">
            {data.sceneCode}
          </Link>
          <span>· v{data.version}</span>
          <VersionStatusTag status={data.status} role={data.status === 'published' ? data.target : null} />
        </Space>
      }
      extra={
        <>
          <Link to={`/risk/versions/${id}/diff`}>
            <Button icon={<DiffOutlined />} data-testid="version-diff">
              {t('risk.version.diff')}
            </Button>
          </Link>
          <Link to={`/risk/backtest?version=${id}&scene=${data.sceneCode}`}>
            <Button icon={<ExperimentOutlined />}>{t('risk.backtest.title')}</Button>
          </Link>
          {editable && (
            <>
              <Button
                icon={<SaveOutlined />}
                loading={save.isPending}
                disabled={!dirty}
                onClick={() => void saveIfDirty().then((ok) => ok && message.success(t('common.saved')))}
                data-testid="version-save"
              >
                {t('risk.builder.save')}
              </Button>
              <Button
                type="primary"
                icon={<SendOutlined />}
                onClick={() => setSubmitOpen(true)}
                data-testid="version-submit"
              >
                {t('risk.version.submit')}
              </Button>
            </>
          )}
          {data.status !== 'draft' && (
            <Can permission="risk.manage">
              <Button
                icon={<CopyOutlined />}
                loading={copy.isPending}
                onClick={() => copy.mutate()}
                data-testid="version-copy"
              >
                {t('risk.version.copyToDraft')}
              </Button>
            </Can>
          )}
        </>
      }
    >
      {data.status === 'pending_approval' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('risk.version.pendingHint')}
          data-testid="version-pending"
          action={
            <Space>
              <Link to="/approvals">{t('risk.version.openInbox')}</Link>
              {can('risk.publish') && data.approvalId && !ownRequest && (
                <Button
                  type="primary"
                  size="small"
                  icon={<CheckOutlined />}
                  loading={approve.isPending}
                  onClick={() => approve.mutate()}
                  data-testid="version-approve"
                >
                  {t('risk.version.approve')}
                </Button>
              )}
            </Space>
          }
        />
      )}
      {placed.unplaced.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('risk.builder.invalid', { count: fieldErrors.length })}
          description={placed.unplaced.join('; ')}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={can('risk.manage') ? 15 : 24}>
          {editable && (
            <Input
              addonBefore={t('risk.version.name')}
              value={name ?? ''}
              onChange={(event) => setName(event.target.value)}
              style={{ marginBottom: 12, maxWidth: 520 }}
              data-testid="version-name"
            />
          )}
          <BuilderErrorsProvider errors={placed.byAnchor}>
            <RuleList
              rules={current}
              indicators={indicators.data ?? []}
              errors={placed.byAnchor}
              readOnly={!editable}
              onChange={setRules}
            />
          </BuilderErrorsProvider>
        </Col>
        {can('risk.manage') && (
          <Col xs={24} xl={9}>
            <TestPanel
              versionId={id}
              sceneCode={data.sceneCode}
              rules={current}
              indicators={indicators.data ?? []}
              beforeRun={saveIfDirty}
            />
          </Col>
        )}
      </Row>
      <SubmitModal versionId={id} open={submitOpen} onClose={() => setSubmitOpen(false)} beforeSubmit={saveIfDirty} />
    </PageHeader>
  )
}
