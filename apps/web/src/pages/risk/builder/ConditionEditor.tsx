/**
 * A condition as rows: a leaf is indicator · operator · value; a group joins its rows with AND or OR
 * and may hold further groups. Every edit produces a new tree for the parent to store.
 */
import { BranchesOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Segmented, Select, Space, Tag, Tooltip } from 'antd'
import { useT } from '../../../shared/i18n'
import type { Condition, ConditionLeaf, Indicator } from '../types'
import { isGroup } from '../types'
import { ErrorsAt, useStatusAt } from './errors'
import { blankLeaf, OPERATOR_SYMBOLS, OPERATORS_BY_TYPE, type Path, retypeLeaf } from './model'
import { ValueInput } from './ValueInput'

type ConditionEditorProps = {
  condition: Condition
  path: Path
  indicators: Indicator[]
  onChange: (condition: Condition) => void
  /** Present on nested nodes: takes the node out of its group. */
  onRemove?: () => void
  readOnly?: boolean
  depth?: number
}

export function ConditionEditor(props: ConditionEditorProps) {
  const { condition, path, indicators, onChange, readOnly } = props
  if (isGroup(condition)) return <GroupEditor {...props} condition={condition} />
  const wrap = (extra: Condition) => onChange({ op: 'and', items: [condition, extra] })
  return (
    <div>
      <LeafEditor
        leaf={condition}
        path={path}
        indicators={indicators}
        onChange={onChange}
        onRemove={props.onRemove}
        readOnly={readOnly}
      />
      {!readOnly && !props.onRemove && (
        <AddButtons onAddLeaf={() => wrap(blankLeaf())} onAddGroup={() => wrap({ op: 'or', items: [blankLeaf()] })} />
      )}
    </div>
  )
}

function AddButtons({ onAddLeaf, onAddGroup }: { onAddLeaf: () => void; onAddGroup: () => void }) {
  const t = useT()
  return (
    <Space size={4} style={{ marginTop: 4 }}>
      <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={onAddLeaf} data-testid="add-condition">
        {t('risk.builder.addCondition')}
      </Button>
      <Button size="small" type="dashed" icon={<BranchesOutlined />} onClick={onAddGroup} data-testid="add-group">
        {t('risk.builder.addGroup')}
      </Button>
    </Space>
  )
}

function GroupEditor({
  condition,
  path,
  indicators,
  onChange,
  onRemove,
  readOnly,
  depth = 0,
}: ConditionEditorProps & { condition: Extract<Condition, { op: string }> }) {
  const t = useT()
  const setItem = (index: number, next: Condition) =>
    onChange({ ...condition, items: condition.items.map((item, i) => (i === index ? next : item)) })
  const removeItem = (index: number) => {
    const items = condition.items.filter((_, i) => i !== index)
    // A root group left with one leaf reads better as that leaf.
    if (!onRemove && items.length === 1 && items[0] && !isGroup(items[0])) onChange(items[0])
    else onChange({ ...condition, items })
  }
  const color = condition.op === 'and' ? '#1668dc' : '#fa8c16'
  return (
    <div
      data-testid="condition-group"
      data-op={condition.op}
      style={{
        borderLeft: `3px solid ${color}`,
        paddingLeft: 10,
        margin: '2px 0',
        background: depth % 2 ? '#fafafa' : undefined,
      }}
    >
      <Space size={6} style={{ marginBottom: 4 }}>
        {readOnly ? (
          <Tag color={condition.op === 'and' ? 'blue' : 'orange'}>{condition.op.toUpperCase()}</Tag>
        ) : (
          <Segmented
            size="small"
            value={condition.op}
            onChange={(op) => onChange({ ...condition, op: op as 'and' | 'or' })}
            options={[
              { value: 'and', label: t('risk.builder.and') },
              { value: 'or', label: t('risk.builder.or') },
            ]}
            data-testid="group-op"
          />
        )}
        {!readOnly && onRemove && (
          <Tooltip title={t('risk.builder.removeGroup')}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} />
          </Tooltip>
        )}
      </Space>
      <ErrorsAt paths={[path, [...path, 'items']]} />
      {condition.items.map((item, index) => (
        <ConditionEditor
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity of their own; the position is the identity
          key={index}
          condition={item}
          path={[...path, 'items', index]}
          indicators={indicators}
          onChange={(next) => setItem(index, next)}
          onRemove={() => removeItem(index)}
          readOnly={readOnly}
          depth={depth + 1}
        />
      ))}
      {!readOnly && (
        <AddButtons
          onAddLeaf={() => onChange({ ...condition, items: [...condition.items, blankLeaf()] })}
          onAddGroup={() =>
            onChange({
              ...condition,
              items: [...condition.items, { op: condition.op === 'and' ? 'or' : 'and', items: [blankLeaf()] }],
            })
          }
        />
      )}
    </div>
  )
}

type LeafEditorProps = {
  leaf: ConditionLeaf
  path: Path
  indicators: Indicator[]
  onChange: (condition: Condition) => void
  onRemove?: () => void
  readOnly?: boolean
}

function LeafEditor({ leaf, path, indicators, onChange, onRemove, readOnly }: LeafEditorProps) {
  const t = useT()
  const indicator = indicators.find((candidate) => candidate.code === leaf.indicator)
  const operators = indicator ? OPERATORS_BY_TYPE[indicator.type] : []
  const indicatorStatus = useStatusAt([...path, 'indicator'])
  const operatorStatus = useStatusAt([...path, 'operator'])
  const valueStatus = useStatusAt([...path, 'value'])
  const valuesStatus = useStatusAt([...path, 'values'])
  return (
    <div data-testid="condition-leaf" style={{ padding: '2px 0' }}>
      <Space size={6} wrap>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          value={leaf.indicator || undefined}
          placeholder={t('risk.expression.indicator')}
          disabled={readOnly}
          status={indicatorStatus}
          style={{ width: 240 }}
          onChange={(code: string) => {
            const next = indicators.find((candidate) => candidate.code === code)
            onChange(retypeLeaf({ ...leaf, indicator: code }, next, leaf.operator))
          }}
          options={indicators
            .filter((candidate) => candidate.enabled || candidate.code === leaf.indicator)
            .map((candidate) => ({
              value: candidate.code,
              label: `${candidate.name} · ${candidate.code}`,
              type: candidate.type,
            }))}
          optionRender={(option) => (
            <Space size={4}>
              <span>{option.label}</span>
              <Tag style={{ fontSize: 11 }}>{t(`risk.indicatorType.${option.data.type}`)}</Tag>
            </Space>
          )}
          data-testid="leaf-indicator"
        />
        <Select
          value={leaf.operator}
          disabled={readOnly || !indicator}
          status={operatorStatus}
          style={{ width: 130 }}
          onChange={(operator) => onChange(retypeLeaf(leaf, indicator, operator))}
          options={operators.map((operator) => ({
            value: operator,
            label: `${OPERATOR_SYMBOLS[operator]} ${t(`risk.operator.${operator}`)}`,
          }))}
          data-testid="leaf-operator"
        />
        {readOnly ? null : (
          <ValueInput leaf={leaf} indicator={indicator} onChange={onChange} status={valueStatus ?? valuesStatus} />
        )}
        {readOnly && 'value' in leaf && <Tag>{String(leaf.value)}</Tag>}
        {readOnly && 'values' in leaf && <Tag>{leaf.values.join(', ')}</Tag>}
        {!readOnly && onRemove && (
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            onClick={onRemove}
            data-testid="remove-condition"
          />
        )}
      </Space>
      <ErrorsAt
        paths={[path, [...path, 'indicator'], [...path, 'operator'], [...path, 'value'], [...path, 'values']]}
      />
    </div>
  )
}
