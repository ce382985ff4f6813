/**
 * One scene: the versions it runs (champion, optional challenger with its share of traffic), every
 * version with its status, a new draft, a diff between any two versions, and rollback requests.
 */
import { DiffOutlined, EditOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import {
  App,
  Button,
  Card,
  Descriptions,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Spin,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd'
import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { api } from '../../../shared/api/client'
import { Can } from '../../../shared/auth/guards'
import { usePermissions } from '../../../shared/auth/session'
import { formatDateTime } from '../../../shared/format'
import { useT } from '../../../shared/i18n'
import { errorText, LoadError, PageHeader } from '../../../shared/ui'
import { RISK, useScene, useVersions } from '../api'
import { VersionStatusTag } from '../labels'
import type { RuleSetVersion, Scene } from '../types'
import { EvaluatePanel } from './EvaluatePanel'

export function SceneDetailPage() {
  const { code = '' } = useParams()
  const t = useT()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { can } = usePermissions()
  const scene = useScene(code)
  const versions = useVersions(code)
  const [compare, setCompare] = useState<{ from?: string; to?: string }>({})
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['risk', 'scene', code] })
    void queryClient.invalidateQueries({ queryKey: ['list', RISK.sceneVersions(code)] })
    void queryClient.invalidateQueries({ queryKey: ['list', RISK.scenes] })
  }
  const newDraft = useMutation({
    mutationFn: () => api.post<RuleSetVersion>(RISK.sceneVersions(code), {}),
    onSuccess: (draft) => navigate(`/risk/versions/${draft.id}`),
    onError: (error) => message.error(errorText(error)),
  })
  const rollback = useMutation({
    mutationFn: (versionId: string) => api.post<{ approvalId: string }>(RISK.sceneRollback(code), { versionId }),
    onSuccess: () => {
      message.success(t('risk.scene.rollbackRequested'))
      refresh()
    },
    onError: (error) => message.error(errorText(error)),
  })
  const patch = useMutation({
    mutationFn: (
      body: Partial<Pick<Scene, 'challengerShare' | 'useChallengerDecision'>> & { removeChallenger?: true },
    ) => api.patch<Scene>(RISK.scene(code), body),
    onSuccess: () => {
      message.success(t('common.saved'))
      refresh()
    },
    onError: (error) => message.error(errorText(error)),
  })

  if (scene.error) return <LoadError error={scene.error} onRetry={() => scene.refetch()} />
  if (!scene.data) return <Spin />
  const data = scene.data
  const list = versions.data ?? []
  const draft = list.find((version) => version.status === 'draft')
  const roleOf = (version: RuleSetVersion) =>
    version.id === data.champion?.versionId
      ? 'champion'
      : version.id === data.challenger?.versionId
        ? 'challenger'
        : null

  const columns: TableColumnsType<RuleSetVersion> = [
    {
      key: 'version',
      dataIndex: 'version',
      title: t('risk.version.number'),
      render: (number: number, version) => <Link to={`/risk/versions/${version.id}`}>v{number}</Link>,
    },
    { key: 'name', dataIndex: 'name', title: t('risk.version.name') },
    {
      key: 'status',
      title: t('risk.version.status'),
      render: (_, version) => <VersionStatusTag status={version.status} role={roleOf(version)} />,
    },
    { key: 'ruleCount', dataIndex: 'ruleCount', title: t('risk.version.ruleCount') },
    {
      key: 'createdByName',
      dataIndex: 'createdByName',
      title: t('risk.version.createdBy'),
      render: (name?: string | null) => name ?? '—',
    },
    { key: 'updatedAt', dataIndex: 'updatedAt', title: t('risk.scene.updatedAt'), render: formatDateTime },
    { key: 'publishedAt', dataIndex: 'publishedAt', title: t('risk.version.publishedAt'), render: formatDateTime },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, version) => (
        <Space size={4}>
          <Link to={`/risk/versions/${version.id}/diff`}>{t('risk.version.diff')}</Link>
          {can('risk.manage') && version.status === 'superseded' && (
            <Popconfirm
              title={t('risk.scene.rollbackConfirm', { version: version.version })}
              onConfirm={() => rollback.mutate(version.id)}
            >
              <Button size="small" type="link" icon={<RollbackOutlined />} data-testid={`rollback-${version.version}`}>
                {t('risk.scene.rollback')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ]

  return (
    <PageHeader
      title={
        <Space>
          <span>{data.name}</span>
          <Tag className="xd-mono">{data.code}</Tag>
          {data.builtIn && <Tag>{t('risk.scene.builtIn')}</Tag>}
        </Space>
      }
      extra={
        <Can permission="risk.manage">
          {draft ? (
            <Link to={`/risk/versions/${draft.id}`}>
              <Button type="primary" icon={<EditOutlined />} data-testid="scene-open-draft">
                {t('risk.scene.openDraft', { version: draft.version })}
              </Button>
            </Link>
          ) : (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              loading={newDraft.isPending}
              onClick={() => newDraft.mutate()}
              data-testid="scene-new-draft"
            >
              {t('risk.scene.newDraft')}
            </Button>
          )}
        </Can>
      }
    >
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('risk.scene.champion')}>
            {data.champion ? (
              <Link to={`/risk/versions/${data.champion.versionId}`} data-testid="scene-champion">
                v{data.champion.version} · {data.champion.name}
              </Link>
            ) : (
              t('risk.scene.noChampion')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('risk.scene.challenger')}>
            {data.challenger ? (
              <Space wrap>
                <Link to={`/risk/versions/${data.challenger.versionId}`}>
                  v{data.challenger.version} · {data.challenger.name}
                </Link>
                <InputNumber
                  size="small"
                  min={0}
                  max={100}
                  addonAfter="%"
                  defaultValue={data.challengerShare}
                  disabled={!can('risk.manage')}
                  onBlur={(event) => {
                    const share = Number(event.target.value)
                    if (Number.isFinite(share) && share !== data.challengerShare)
                      patch.mutate({ challengerShare: share })
                  }}
                  style={{ width: 110 }}
                />
                <Switch
                  size="small"
                  checked={data.useChallengerDecision}
                  disabled={!can('risk.manage')}
                  onChange={(useChallengerDecision) => patch.mutate({ useChallengerDecision })}
                />
                <span>{t('risk.scene.useChallengerDecision')}</span>
                <Can permission="risk.manage">
                  <Popconfirm
                    title={t('risk.scene.removeChallengerConfirm')}
                    onConfirm={() => patch.mutate({ removeChallenger: true })}
                  >
                    <Button size="small" danger type="link">
                      {t('risk.scene.removeChallenger')}
                    </Button>
                  </Popconfirm>
                </Can>
                <Link to={`/risk/backtest?scene=${code}&version=${data.challenger.versionId}`}>
                  {t('risk.scene.compare')}
                </Link>
              </Space>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          {data.description && (
            <Descriptions.Item label={t('risk.scene.description')}>{data.description}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('risk.report.title')}>
            <Link to={`/risk/reports?scene=${code}`}>{t('risk.scene.viewReports')}</Link>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={t('risk.version.title')}
        extra={
          <Space wrap>
            <Select
              size="small"
              placeholder={t('risk.diff.from')}
              style={{ width: 120 }}
              value={compare.from}
              onChange={(from: string) => setCompare((current) => ({ ...current, from }))}
              options={list.map((version) => ({ value: version.id, label: `v${version.version}` }))}
            />
            <span>→</span>
            <Select
              size="small"
              placeholder={t('risk.diff.to')}
              style={{ width: 120 }}
              value={compare.to}
              onChange={(to: string) => setCompare((current) => ({ ...current, to }))}
              options={list.map((version) => ({ value: version.id, label: `v${version.version}` }))}
            />
            <Button
              size="small"
              icon={<DiffOutlined />}
              disabled={!compare.from || !compare.to || compare.from === compare.to}
              onClick={() => navigate(`/risk/versions/${compare.to}/diff?against=${compare.from}`)}
            >
              {t('risk.version.diff')}
            </Button>
          </Space>
        }
      >
        <LoadError error={versions.error} onRetry={() => versions.refetch()} />
        <Table<RuleSetVersion>
          rowKey="id"
          size="middle"
          loading={versions.isLoading}
          dataSource={list}
          columns={columns}
          pagination={false}
          data-testid="versions-table"
        />
      </Card>
      {can('risk.evaluate') && (
        <div style={{ marginTop: 16 }}>
          <EvaluatePanel scene={data} />
        </div>
      )}
    </PageHeader>
  )
}
