/**
 * One rule of the draft: its place in the run order (drag, or the arrows), code and name, mode, the
 * relation between its expressions, score thresholds, and the expressions themselves.
 */
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  DownOutlined,
  HolderOutlined,
  PlusOutlined,
  RightOutlined,
} from '@ant-design/icons'
import { Badge, Button, Card, Input, InputNumber, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd'
import { useT } from '../../../shared/i18n'
import { DecisionTag } from '../labels'
import type { Condition, Decision, Indicator, Rule, RuleMode, ScoreThreshold } from '../types'
import { ConditionEditor } from './ConditionEditor'
import { ErrorsAt, useStatusAt } from './errors'
import { blankLeaf, changeMode, conditionText, type Path } from './model'

type RuleCardProps = {
  rule: Rule
  index: number
  count: number
  indicators: Indicator[]
  expanded: boolean
  errorCount: number
  readOnly?: boolean
  onToggle: () => void
  onChange: (rule: Rule) => void
  onMove: (to: number) => void
  onRemove: () => void
  drag: {
    onDragStart: () => void
    onDragOver: (event: React.DragEvent) => void
    onDrop: () => void
    over: boolean
  }
}

const RELATIONS: Record<RuleMode, string[]> = {
  result: ['all_pass', 'any_pass'],
  score: ['max', 'min', 'sum'],
  quota: ['max', 'min', 'sum'],
}

export function RuleCard(props: RuleCardProps) {
  const { rule, index, count, indicators, expanded, errorCount, readOnly, onToggle, onChange, onMove, onRemove, drag } =
    props
  const t = useT()
  const base: Path = ['rules', index]
  const name = (code: string) => indicators.find((indicator) => indicator.code === code)?.name ?? code
  return (
    <Card
      size="small"
      data-testid={`rule-row-${index}`}
      data-rule-code={rule.code}
      onDragOver={drag.onDragOver}
      onDrop={drag.onDrop}
      style={{
        marginBottom: 8,
        borderColor: drag.over ? '#1668dc' : errorCount ? '#ff4d4f' : undefined,
        opacity: rule.enabled ? 1 : 0.6,
      }}
      styles={{ body: { display: expanded ? 'block' : 'none' } }}
      title={
        <Space size={8} wrap style={{ fontWeight: 'normal' }}>
          {!readOnly && (
            <Button
              size="small"
              type="text"
              draggable
              onDragStart={drag.onDragStart}
              style={{ cursor: 'grab' }}
              title={t('risk.builder.drag')}
              icon={<HolderOutlined />}
            />
          )}
          <Button
            size="small"
            type="text"
            icon={expanded ? <DownOutlined /> : <RightOutlined />}
            onClick={onToggle}
            data-testid="rule-toggle"
          />
          <Tag>{index + 1}</Tag>
          <Badge count={errorCount} size="small">
            <Typography.Text strong>{rule.name || t('risk.builder.untitled')}</Typography.Text>
          </Badge>
          <Typography.Text type="secondary" className="xd-mono">
            {rule.code}
          </Typography.Text>
          <Tag color="geekblue">{t(`risk.mode.${rule.mode}`)}</Tag>
          {!expanded && (
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420 }}>
              {rule.expressions.map((expression) => conditionText(expression.condition, name)).join(' ; ')}
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        !readOnly && (
          <Space size={2}>
            <Tooltip title={t('risk.builder.enabled')}>
              <Switch size="small" checked={rule.enabled} onChange={(enabled) => onChange({ ...rule, enabled })} />
            </Tooltip>
            <Button
              size="small"
              type="text"
              icon={<ArrowUpOutlined />}
              disabled={index === 0}
              onClick={() => onMove(index - 1)}
              data-testid="rule-up"
            />
            <Button
              size="small"
              type="text"
              icon={<ArrowDownOutlined />}
              disabled={index === count - 1}
              onClick={() => onMove(index + 1)}
              data-testid="rule-down"
            />
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              onClick={onRemove}
              data-testid="rule-remove"
            />
          </Space>
        )
      }
    >
      {expanded && <RuleBody {...props} base={base} />}
    </Card>
  )
}

function RuleBody({ rule, indicators, readOnly, onChange, base }: RuleCardProps & { base: Path }) {
  const t = useT()
  const codeStatus = useStatusAt([...base, 'code'])
  const nameStatus = useStatusAt([...base, 'name'])
  const setExpressions = (expressions: Rule['expressions']) => onChange({ ...rule, expressions } as Rule)
  const setCondition = (e: number, condition: Condition) =>
    setExpressions(
      rule.expressions.map((expression, i) =>
        i === e ? { ...expression, condition } : expression,
      ) as Rule['expressions'],
    )
  const setResult = (e: number, result: Decision | number | string) =>
    setExpressions(
      rule.expressions.map((expression, i) =>
        i === e ? { ...expression, result } : expression,
      ) as Rule['expressions'],
    )
  const addExpression = () => {
    const result = rule.mode === 'result' ? 'reject' : rule.mode === 'score' ? 0 : '0.00'
    setExpressions([...rule.expressions, { condition: blankLeaf(), result }] as Rule['expressions'])
  }
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      <Space wrap size={8}>
        <Input
          addonBefore={t('risk.rule.code')}
          value={rule.code}
          disabled={readOnly}
          status={codeStatus}
          onChange={(event) => onChange({ ...rule, code: event.target.value })}
          style={{ width: 240 }}
          data-testid="rule-code"
        />
        <Input
          addonBefore={t('risk.rule.name')}
          value={rule.name}
          disabled={readOnly}
          status={nameStatus}
          onChange={(event) => onChange({ ...rule, name: event.target.value })}
          style={{ width: 320 }}
          data-testid="rule-name"
        />
        <Select
          value={rule.mode}
          disabled={readOnly}
          onChange={(mode: RuleMode) => onChange(changeMode(rule, mode))}
          style={{ width: 150 }}
          options={(['result', 'score', 'quota'] as const).map((mode) => ({
            value: mode,
            label: t(`risk.mode.${mode}`),
          }))}
          data-testid="rule-mode"
        />
        <Select
          value={rule.relation}
          disabled={readOnly}
          onChange={(relation) => onChange({ ...rule, relation } as Rule)}
          style={{ width: 190 }}
          options={RELATIONS[rule.mode].map((relation) => ({
            value: relation,
            label: t(`risk.relation.${relation as 'max'}`),
          }))}
          data-testid="rule-relation"
        />
      </Space>
      <ErrorsAt
        paths={[
          base,
          [...base, 'code'],
          [...base, 'name'],
          [...base, 'relation'],
          [...base, 'mode'],
          [...base, 'expressions'],
        ]}
      />
      {rule.mode === 'score' && (
        <Thresholds
          thresholds={rule.thresholds ?? []}
          base={base}
          readOnly={readOnly}
          onChange={(thresholds) => onChange({ ...rule, thresholds: thresholds.length ? thresholds : undefined })}
        />
      )}
      {rule.expressions.map((expression, e) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: expressions are positional
          key={e}
          data-testid={`expression-${e}`}
          style={{
            display: 'flex',
            gap: 12,
            alignItems: 'flex-start',
            padding: 8,
            border: '1px solid #f0f0f0',
            borderRadius: 6,
          }}
        >
          <Tag style={{ marginTop: 4 }}>{t('risk.builder.when')}</Tag>
          <div style={{ flex: 1 }}>
            <ConditionEditor
              condition={expression.condition}
              path={[...base, 'expressions', e, 'condition']}
              indicators={indicators}
              onChange={(condition) => setCondition(e, condition)}
              readOnly={readOnly}
            />
          </div>
          <Space direction="vertical" size={2}>
            <Space size={4}>
              <Tag>{t('risk.builder.then')}</Tag>
              <ExpressionResult
                rule={rule}
                value={expression.result}
                readOnly={readOnly}
                path={[...base, 'expressions', e, 'result']}
                onChange={(value) => setResult(e, value)}
              />
              {!readOnly && (
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => setExpressions(rule.expressions.filter((_, i) => i !== e) as Rule['expressions'])}
                  data-testid="expression-remove"
                />
              )}
            </Space>
            <ErrorsAt
              paths={[
                [...base, 'expressions', e],
                [...base, 'expressions', e, 'result'],
                [...base, 'expressions', e, 'condition'],
              ]}
            />
          </Space>
        </div>
      ))}
      {!readOnly && (
        <Button size="small" icon={<PlusOutlined />} onClick={addExpression} data-testid="add-expression">
          {t('risk.builder.addExpression')}
        </Button>
      )}
    </Space>
  )
}

function ExpressionResult({
  rule,
  value,
  onChange,
  readOnly,
  path,
}: {
  rule: Rule
  value: Decision | number | string
  onChange: (value: Decision | number | string) => void
  readOnly?: boolean
  path: Path
}) {
  const t = useT()
  const status = useStatusAt(path)
  if (readOnly && rule.mode === 'result') return <DecisionTag decision={value as Decision} />
  if (rule.mode === 'result')
    return (
      <Select
        value={value as Decision}
        onChange={onChange}
        status={status}
        style={{ width: 120 }}
        options={(['reject', 'manual', 'pass'] as const).map((decision) => ({
          value: decision,
          label: t(`risk.decision.${decision}`),
        }))}
        data-testid="expression-result"
      />
    )
  if (rule.mode === 'score')
    return (
      <InputNumber
        value={value as number}
        disabled={readOnly}
        status={status}
        addonAfter={t('risk.builder.points')}
        onChange={(next) => onChange(typeof next === 'number' ? next : 0)}
        style={{ width: 150 }}
        data-testid="expression-result"
      />
    )
  return (
    <Input
      value={value as string}
      disabled={readOnly}
      status={status}
      prefix="¥"
      onChange={(event) => onChange(event.target.value)}
      style={{ width: 150 }}
      data-testid="expression-result"
    />
  )
}

function Thresholds({
  thresholds,
  base,
  readOnly,
  onChange,
}: {
  thresholds: ScoreThreshold[]
  base: Path
  readOnly?: boolean
  onChange: (thresholds: ScoreThreshold[]) => void
}) {
  const t = useT()
  const set = (k: number, patch: Partial<ScoreThreshold>) =>
    onChange(thresholds.map((item, i) => (i === k ? { ...item, ...patch } : item)))
  return (
    <div>
      <Typography.Text type="secondary">{t('risk.builder.thresholds')}</Typography.Text>
      {thresholds.map((threshold, k) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: thresholds are positional
        <Space key={k} size={6} style={{ display: 'flex', marginTop: 4 }}>
          <span>{t('risk.builder.scoreBelow')}</span>
          <InputNumber
            value={threshold.below}
            disabled={readOnly}
            onChange={(below) => set(k, { below: Number(below ?? 0) })}
          />
          <span>→</span>
          <Select
            value={threshold.result}
            disabled={readOnly}
            style={{ width: 120 }}
            onChange={(result) => set(k, { result })}
            options={(['reject', 'manual'] as const).map((decision) => ({
              value: decision,
              label: t(`risk.decision.${decision}`),
            }))}
          />
          {!readOnly && (
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              onClick={() => onChange(thresholds.filter((_, i) => i !== k))}
            />
          )}
          <ErrorsAt
            paths={[
              [...base, 'thresholds', k],
              [...base, 'thresholds', k, 'below'],
            ]}
          />
        </Space>
      ))}
      <ErrorsAt paths={[[...base, 'thresholds']]} />
      {!readOnly && (
        <Button
          size="small"
          type="link"
          icon={<PlusOutlined />}
          onClick={() => onChange([...thresholds, { below: (thresholds.at(-1)?.below ?? 400) + 50, result: 'manual' }])}
        >
          {t('risk.builder.addThreshold')}
        </Button>
      )}
    </div>
  )
}
