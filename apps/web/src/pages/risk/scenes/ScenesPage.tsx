/** Scenes (场景): the built-in three and any added by code, each with the rule set it runs. */
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, Form, Input, Modal, Table, type TableColumnsType, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { api } from '../../../shared/api/client'
import { Can } from '../../../shared/auth/guards'
import { formatDateTime } from '../../../shared/format'
import { reportFormError } from '../../../shared/forms'
import { useT } from '../../../shared/i18n'
import { LoadError, PageHeader } from '../../../shared/ui'
import { RISK, riskKeys, useScenes } from '../api'
import type { Scene } from '../types'

export function ScenesPage() {
  const t = useT()
  const scenes = useScenes()
  const [creating, setCreating] = useState(false)
  const columns: TableColumnsType<Scene> = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('risk.scene.code'),
      render: (code: string) => (
        <Link to={`/risk/scenes/${code}`} className="xd-mono" data-testid={`scene-link-${code}`}>
          {code}
        </Link>
      ),
    },
    {
      key: 'name',
      dataIndex: 'name',
      title: t('risk.scene.name'),
      render: (name: string, scene) => (
        <>
          {name} {scene.builtIn && <Tag>{t('risk.scene.builtIn')}</Tag>}
        </>
      ),
    },
    {
      key: 'champion',
      title: t('risk.scene.champion'),
      render: (_, scene) =>
        scene.champion ? (
          <Link to={`/risk/versions/${scene.champion.versionId}`}>
            v{scene.champion.version} · {scene.champion.name}
          </Link>
        ) : (
          <Typography.Text type="secondary">{t('risk.scene.noChampion')}</Typography.Text>
        ),
    },
    {
      key: 'challenger',
      title: t('risk.scene.challenger'),
      render: (_, scene) =>
        scene.challenger ? (
          <Link to={`/risk/versions/${scene.challenger.versionId}`}>
            v{scene.challenger.version} · {scene.challengerShare}%
          </Link>
        ) : (
          '—'
        ),
    },
    {
      key: 'pending',
      title: t('risk.scene.pending'),
      render: (_, scene) =>
        scene.pendingVersionId ? (
          <Link to={`/risk/versions/${scene.pendingVersionId}`}>
            <Tag color="gold">{t('risk.versionStatus.pending_approval')}</Tag>
          </Link>
        ) : (
          '—'
        ),
    },
    { key: 'updatedAt', dataIndex: 'updatedAt', title: t('risk.scene.updatedAt'), render: formatDateTime },
  ]
  return (
    <PageHeader
      title={t('risk.scene.title')}
      extra={
        <Can permission="risk.manage">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="scene-create">
            {t('risk.scene.create')}
          </Button>
        </Can>
      }
    >
      <Card>
        <LoadError error={scenes.error} onRetry={() => scenes.refetch()} />
        <Table<Scene>
          rowKey="code"
          size="middle"
          loading={scenes.isLoading}
          dataSource={scenes.data ?? []}
          columns={columns}
          pagination={false}
          data-testid="scenes-table"
        />
      </Card>
      <SceneCreateModal open={creating} onClose={() => setCreating(false)} />
    </PageHeader>
  )
}

function SceneCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ code: string; name: string; description?: string }>()
  const create = useMutation({
    mutationFn: (values: { code: string; name: string; description?: string }) => api.post<Scene>(RISK.scenes, values),
    onSuccess: (scene) => {
      void queryClient.invalidateQueries({ queryKey: riskKeys.scenes })
      onClose()
      navigate(`/risk/scenes/${scene.code}`)
    },
    onError: (error) => reportFormError(form, error, message.error),
  })
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }]
  return (
    <Modal
      open={open}
      title={t('risk.scene.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'scene-form-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values)} data-testid="scene-form">
        <Form.Item
          name="code"
          label={t('risk.scene.code')}
          extra={t('risk.codeHint')}
          rules={[
            ...required(t('risk.scene.code')),
            { pattern: /^[a-z][a-z0-9_]{0,63}$/, message: t('risk.codeHint') },
          ]}
        >
          <Input name="code" className="xd-mono" placeholder="withdrawal" />
        </Form.Item>
        <Form.Item name="name" label={t('risk.scene.name')} rules={required(t('risk.scene.name'))}>
          <Input name="name" />
        </Form.Item>
        <Form.Item name="description" label={t('risk.scene.description')}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
