import { Card, Checkbox, Col, Empty, Row, Skeleton, Typography } from 'antd'
import { pickLabel, useI18n } from '../../shared/i18n'
import { useOperations } from '../../shared/reference'
import { groupOperations, operationGroupLabel } from './operationGroups'

type OperationsChecklistProps = { value?: string[]; onChange?: (value: string[]) => void }

/** The operations catalog as a checklist grouped by `group`; usable as an antd Form control. */
export function OperationsChecklist({ value = [], onChange }: OperationsChecklistProps) {
  const { t, locale } = useI18n()
  const operations = useOperations()
  if (operations.isLoading) return <Skeleton active paragraph={{ rows: 4 }} />
  const groups = groupOperations(operations.data ?? [])
  if (!groups.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
  const selected = new Set(value)
  const toggle = (codes: string[], on: boolean) => {
    const next = new Set(selected)
    for (const code of codes) {
      if (on) next.add(code)
      else next.delete(code)
    }
    onChange?.([...next])
  }
  return (
    <div style={{ display: 'grid', gap: 8 }} data-testid="operations-checklist">
      {groups.map(([group, entries]) => {
        const codes = entries.map((entry) => entry.code)
        const checkedCount = codes.filter((code) => selected.has(code)).length
        return (
          <Card
            key={group}
            size="small"
            title={
              <Checkbox
                checked={checkedCount === codes.length}
                indeterminate={checkedCount > 0 && checkedCount < codes.length}
                onChange={(event) => toggle(codes, event.target.checked)}
              >
                {operationGroupLabel(t, group)}
              </Checkbox>
            }
          >
            <Row gutter={[8, 8]}>
              {entries.map((operation) => (
                <Col key={operation.code} xs={24} sm={12}>
                  <Checkbox
                    checked={selected.has(operation.code)}
                    onChange={(event) => toggle([operation.code], event.target.checked)}
                    value={operation.code}
                  >
                    {pickLabel(operation.label, locale, operation.code)}{' '}
                    <Typography.Text type="secondary" className="xd-mono">
                      {operation.code}
                    </Typography.Text>
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Card>
        )
      })}
    </div>
  )
}
