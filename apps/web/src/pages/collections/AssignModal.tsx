/** Assigning cases to a collector of the pool's stage group: only those collectors are offered. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Form, Modal, Select, Tag } from 'antd'
import { api } from '../../shared/api/client'
import { useT } from '../../shared/i18n'
import { invalidateList } from '../../shared/list/usePagedList'
import { errorText } from '../../shared/ui'
import { COLLECTIONS, type Collector, type Pool } from './types'

export function AssignModal({
  pool,
  caseIds,
  open,
  onClose,
}: {
  pool: Pool
  caseIds: string[]
  open: boolean
  onClose: (done: boolean) => void
}) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<{ collectorId: string }>()
  const collectors = useQuery({
    queryKey: ['collections', 'collectors', pool.stageCode],
    queryFn: ({ signal }) =>
      api.get<{ items: Collector[] }>(
        `${COLLECTIONS}/pools/${encodeURIComponent(pool.stageCode)}/collectors`,
        undefined,
        {
          signal,
        },
      ),
    enabled: open,
  })
  const assign = useMutation({
    mutationFn: (collectorId: string) =>
      api.post<{ assigned: number; reassigned: number }>(`${COLLECTIONS}/assignments`, { caseIds, collectorId }),
    onSuccess: async (r) => {
      message.success(t('collections.assign.done', { n: r.assigned, m: r.reassigned }))
      await invalidateList(queryClient, `${COLLECTIONS}/cases`)
      await queryClient.invalidateQueries({ queryKey: ['collections'] })
      form.resetFields()
      onClose(true)
    },
  })
  return (
    <Modal
      open={open}
      title={t('collections.assign.title')}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okButtonProps={{ loading: assign.isPending, ...({ 'data-testid': 'assign-submit' } as Record<string, string>) }}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('collections.assign.onlyGroup', { stage: pool.stageCode, position: pool.position })}
      />
      {assign.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(assign.error)} />}
      <Form form={form} layout="vertical" onFinish={(v) => assign.mutate(v.collectorId)}>
        <Form.Item name="collectorId" label={t('collections.assign.collector')} rules={[{ required: true }]}>
          <Select
            data-testid="assign-collector"
            loading={collectors.isLoading}
            options={(collectors.data?.items ?? []).map((c) => ({
              value: c.id,
              label: (
                <span data-testid={`collector-option-${c.username}`}>
                  {c.displayName} ({c.username}) · {t('collections.assign.load', { n: c.load })}
                  {c.paused && (
                    <Tag style={{ marginLeft: 6 }} color="orange">
                      {t('collections.assign.paused')}
                    </Tag>
                  )}
                </span>
              ),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
