import { SafetyOutlined } from '@ant-design/icons'
import { useMutation } from '@tanstack/react-query'
import { Alert, Button, Table, Tag } from 'antd'
import { api } from '../../shared/api/client'
import type { AuditProblem, AuditVerifyResult } from '../../shared/api/types'
import { useT } from '../../shared/i18n'
import { errorText } from '../../shared/ui'

const PROBLEM_COLORS: Record<AuditProblem['kind'], string> = { edited: 'red', missing: 'volcano', reordered: 'orange' }

/** POST /api/v1/audit/verify: walks the hash chains and names every edited, missing or reordered row. */
export function useVerifyChain() {
  return useMutation({
    mutationFn: (institutionId?: string) =>
      api.post<AuditVerifyResult>('/api/v1/audit/verify', institutionId ? { institutionId } : {}),
  })
}

export function VerifyButton({ onVerify, loading }: { onVerify: () => void; loading: boolean }) {
  const t = useT()
  return (
    <Button icon={<SafetyOutlined />} onClick={onVerify} loading={loading} data-testid="audit-verify">
      {t('audit.verify')}
    </Button>
  )
}

export function VerifyResult({ verify, onClose }: { verify: ReturnType<typeof useVerifyChain>; onClose: () => void }) {
  const t = useT()
  if (verify.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(verify.error)}
        closable={{ onClose }}
        style={{ marginBottom: 16 }}
      />
    )
  const result = verify.data
  if (!result) return null
  const counts = { rows: result.checkedRows, chains: result.chains }
  if (result.ok)
    return (
      <Alert
        type="success"
        showIcon
        title={t('audit.verifyOk', counts)}
        closable={{ onClose }}
        style={{ marginBottom: 16 }}
        data-testid="audit-verify-result"
      />
    )
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      data-testid="audit-verify-result"
      title={t('audit.verifyFailed', { ...counts, count: result.problems.length })}
      description={
        <Table<AuditProblem>
          size="small"
          pagination={false}
          rowKey={(problem) => `${problem.chain}:${problem.seq}:${problem.id}`}
          dataSource={result.problems}
          columns={[
            { key: 'chain', dataIndex: 'chain', title: t('audit.problem.chain') },
            { key: 'seq', dataIndex: 'seq', title: t('audit.seq') },
            { key: 'id', dataIndex: 'id', title: 'ID', render: (id: string) => <span className="xd-mono">{id}</span> },
            {
              key: 'kind',
              dataIndex: 'kind',
              title: t('audit.problem.kind'),
              render: (kind: AuditProblem['kind']) => (
                <Tag color={PROBLEM_COLORS[kind]}>{t(`audit.problem.${kind}`)}</Tag>
              ),
            },
            { key: 'message', dataIndex: 'message', title: t('audit.problem.message') },
          ]}
        />
      }
    />
  )
}
