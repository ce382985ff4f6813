import { Col, Descriptions, Drawer, Row, Space, Tag, Typography } from 'antd'
import type { AuditRow } from '../../shared/api/types'
import { formatDateTime } from '../../shared/format'
import { useT } from '../../shared/i18n'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Top-level fields whose value differs between before and after (added and removed ones included). */
export function changedFields(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return []
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
}

function JsonBlock({ value, testId }: { value: unknown; testId: string }) {
  const t = useT()
  return (
    <pre className="xd-json" data-testid={testId}>
      {value === null || value === undefined ? t('audit.empty') : JSON.stringify(value, null, 2)}
    </pre>
  )
}

export function AuditDetailDrawer({
  row,
  institutionName,
  onClose,
}: {
  row: AuditRow | null
  institutionName: (id: string | null) => string | undefined
  onClose: () => void
}) {
  const t = useT()
  const changed = row ? changedFields(row.before, row.after) : []
  return (
    <Drawer open={Boolean(row)} onClose={onClose} size={960} title={row ? t('audit.detail', { seq: row.seq }) : ''}>
      {row && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            size="small"
            bordered
            items={[
              { key: 'at', label: t('audit.at'), children: formatDateTime(row.at) },
              { key: 'actor', label: t('audit.actor'), children: row.actorName ?? t('audit.system') },
              {
                key: 'operation',
                label: t('audit.operation'),
                children: <Tag className="xd-mono">{row.operation}</Tag>,
              },
              { key: 'ip', label: t('audit.ip'), children: row.ip ?? '—' },
              { key: 'objectType', label: t('audit.objectType'), children: row.objectType },
              {
                key: 'objectId',
                label: t('audit.objectId'),
                children: <span className="xd-mono">{row.objectId ?? '—'}</span>,
              },
              {
                key: 'institution',
                label: t('audit.institution'),
                children: institutionName(row.institutionId) ?? t('common.platformWide'),
              },
              { key: 'seq', label: t('audit.seq'), children: row.seq },
              {
                key: 'hash',
                label: t('audit.hash'),
                span: 2,
                children: (
                  <Typography.Text className="xd-mono" copyable>
                    {row.hash}
                  </Typography.Text>
                ),
              },
            ]}
          />
          {changed.length > 0 && (
            <div>
              <Typography.Text type="secondary">{t('audit.changedFields')}: </Typography.Text>
              {changed.map((key) => (
                <Tag key={key} color="orange" className="xd-mono">
                  {key}
                </Tag>
              ))}
            </div>
          )}
          <Row gutter={16}>
            <Col span={12}>
              <Typography.Title level={5}>{t('audit.before')}</Typography.Title>
              <JsonBlock value={row.before} testId="audit-before" />
            </Col>
            <Col span={12}>
              <Typography.Title level={5}>{t('audit.after')}</Typography.Title>
              <JsonBlock value={row.after} testId="audit-after" />
            </Col>
          </Row>
        </Space>
      )}
    </Drawer>
  )
}
