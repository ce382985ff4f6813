/**
 * The difference between two versions of a scene's rule set, side by side: rules added, removed,
 * changed (with the changed header fields and expressions highlighted) and moved in the run order.
 */
import { useQuery } from '@tanstack/react-query'
import { Card, Empty, Space, Spin, Switch, Tag, Typography } from 'antd'
import { type ReactNode, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router-dom'
import { api } from '../../../shared/api/client'
import { useT } from '../../../shared/i18n'
import { LoadError, PageHeader } from '../../../shared/ui'
import { RISK, useAllIndicators, useVersion } from '../api'
import { conditionText } from '../builder/model'
import { DecisionTag } from '../labels'
import type { Expression, Rule, VersionDiff } from '../types'

const COLORS = { added: '#f6ffed', removed: '#fff1f0', changed: '#fffbe6', same: undefined } as const
type Change = keyof typeof COLORS

export function DiffPage() {
  const { id = '' } = useParams()
  const [params] = useSearchParams()
  const against = params.get('against') ?? undefined
  const t = useT()
  const diff = useQuery({
    queryKey: ['risk', 'diff', id, against],
    queryFn: ({ signal }) => api.get<VersionDiff>(RISK.versionDiff(id), { against }, { signal }),
  })
  const to = useVersion(id)
  const from = useVersion(diff.data?.from?.id)
  const indicators = useAllIndicators()
  const name = (code: string) => indicators.data?.find((indicator) => indicator.code === code)?.name ?? code
  const [onlyChanges, setOnlyChanges] = useState(true)

  if (diff.error) return <LoadError error={diff.error} onRetry={() => diff.refetch()} />
  if (!diff.data || !to.data || (diff.data.from && !from.data)) return <Spin />
  const d = diff.data
  const changed = new Map(d.changed.map((change) => [change.id, change]))
  const moved = new Map(d.moved.map((move) => [move.id, move]))
  const added = new Set(d.added.map((rule) => rule.id))
  const beforeRules = from.data?.rules ?? []
  const beforeById = new Map(beforeRules.map((rule) => [rule.id, rule]))
  // Rows follow the new order; removed rules stay where they were.
  const rows: { id: string; before?: Rule; after?: Rule; change: Change }[] = to.data.rules.map((rule) => ({
    id: rule.id,
    before: beforeById.get(rule.id),
    after: rule,
    change: added.has(rule.id) ? 'added' : changed.has(rule.id) ? 'changed' : 'same',
  }))
  d.removed.forEach((rule) => {
    const position = beforeRules.findIndex((candidate) => candidate.id === rule.id)
    rows.splice(Math.min(position, rows.length), 0, { id: rule.id, before: rule, change: 'removed' })
  })
  const nothing = !d.added.length && !d.removed.length && !d.changed.length && !d.moved.length

  return (
    <PageHeader
      title={
        <Space>
          {t('risk.diff.title')}
          <Link to={`/risk/scenes/${to.data.sceneCode}`} className="xd-mono">
            {to.data.sceneCode}
          </Link>
          <Tag>{d.from ? `v${d.from.version}` : '∅'}</Tag>→<Tag color="blue">v{d.to.version}</Tag>
        </Space>
      }
    >
      <Space style={{ marginBottom: 12 }} wrap data-testid="diff-summary">
        <Tag color="green">
          +{d.added.length} {t('risk.diff.added')}
        </Tag>
        <Tag color="red">
          −{d.removed.length} {t('risk.diff.removed')}
        </Tag>
        <Tag color="gold">
          ~{d.changed.length} {t('risk.diff.changed')}
        </Tag>
        <Tag>
          ↕{d.moved.length} {t('risk.diff.moved')}
        </Tag>
        <Switch size="small" checked={onlyChanges} onChange={setOnlyChanges} data-testid="diff-only-changes" />
        <span>{t('risk.diff.onlyChanges')}</span>
      </Space>
      {nothing && <Empty description={t('risk.diff.same')} />}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr' }} data-testid="diff-grid">
          <Header>{d.from ? `v${d.from.version}` : '∅'}</Header>
          <Header>v{d.to.version}</Header>
          {rows
            .filter((row) => !onlyChanges || row.change !== 'same')
            .map((row) => {
              const change = changed.get(row.id)
              const move = moved.get(row.id)
              return [
                <Cell
                  key={`${row.id}-l`}
                  change={row.change === 'added' ? 'same' : row.change}
                  testId={`diff-left-${row.id}`}
                >
                  {row.before && (
                    <RuleBlock
                      rule={row.before}
                      name={name}
                      fields={change?.fields}
                      removedExpressions={change?.expressions.removed}
                      changedIndexes={change?.expressions.changed.map((c) => c.index)}
                    />
                  )}
                </Cell>,
                <Cell
                  key={`${row.id}-r`}
                  change={row.change === 'removed' ? 'same' : row.change}
                  testId={`diff-right-${row.id}`}
                >
                  {row.after && (
                    <RuleBlock
                      rule={row.after}
                      name={name}
                      fields={change?.fields}
                      addedExpressions={change?.expressions.added}
                      changedIndexes={change?.expressions.changed.map((c) => c.index)}
                      moved={move ? `${move.from + 1} → ${move.to + 1}` : undefined}
                    />
                  )}
                </Cell>,
              ]
            })}
        </div>
      </Card>
    </PageHeader>
  )
}

function Header({ children }: { children: ReactNode }) {
  return (
    <div style={{ padding: '8px 12px', background: '#fafafa', borderBottom: '1px solid #f0f0f0', fontWeight: 600 }}>
      {children}
    </div>
  )
}

function Cell({ change, children, testId }: { change: Change; children: ReactNode; testId: string }) {
  return (
    <div
      data-testid={testId}
      data-change={change}
      style={{
        padding: '8px 12px',
        borderBottom: '1px solid #f0f0f0',
        borderRight: '1px solid #f0f0f0',
        background: COLORS[change],
        minHeight: 36,
      }}
    >
      {children}
    </div>
  )
}

const sameExpression = (a: Expression, b: Expression) => JSON.stringify(a) === JSON.stringify(b)

function RuleBlock({
  rule,
  name,
  fields = [],
  addedExpressions = [],
  removedExpressions = [],
  changedIndexes = [],
  moved,
}: {
  rule: Rule
  name: (code: string) => string
  fields?: string[]
  addedExpressions?: Expression[]
  removedExpressions?: Expression[]
  changedIndexes?: number[]
  moved?: string
}) {
  const t = useT()
  const mark = (field: string) => (fields.includes(field) ? { background: '#ffe58f', padding: '0 2px' } : undefined)
  return (
    <div>
      <Space size={6} wrap>
        <Typography.Text strong style={mark('name')}>
          {rule.name}
        </Typography.Text>
        <span className="xd-mono" style={{ color: '#8c8c8c' }}>
          {rule.code}
        </span>
        <Tag style={mark('mode')}>{t(`risk.mode.${rule.mode}`)}</Tag>
        <Tag style={mark('relation')}>{t(`risk.relation.${rule.relation as 'max'}`)}</Tag>
        {!rule.enabled && <Tag style={mark('enabled')}>{t('risk.builder.disabled')}</Tag>}
        {moved && <Tag color="purple">↕ {moved}</Tag>}
      </Space>
      {rule.mode === 'score' && rule.thresholds?.length ? (
        <div style={mark('thresholds')} className="xd-mono">
          {rule.thresholds
            .map((threshold) => `< ${threshold.below} → ${t(`risk.decision.${threshold.result}`)}`)
            .join('; ')}
        </div>
      ) : null}
      <ol style={{ margin: '4px 0 0', paddingLeft: 20 }}>
        {rule.expressions.map((expression, index) => {
          const isAdded = addedExpressions.some((candidate) => sameExpression(candidate, expression))
          const isRemoved = removedExpressions.some((candidate) => sameExpression(candidate, expression))
          const isChanged = changedIndexes.includes(index)
          const background = isAdded ? '#b7eb8f' : isRemoved ? '#ffa39e' : isChanged ? '#ffe58f' : undefined
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: expressions are positional
            <li key={index} style={{ background }}>
              <span className="xd-mono">{conditionText(expression.condition, name)}</span> →{' '}
              {typeof expression.result === 'string' && ['pass', 'reject', 'manual'].includes(expression.result) ? (
                <DecisionTag decision={expression.result as 'pass'} />
              ) : (
                <Tag>{String(expression.result)}</Tag>
              )}
            </li>
          )
        })}
      </ol>
    </div>
  )
}
