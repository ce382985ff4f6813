/** The literal of a condition, typed by its indicator: number, text, yes/no, date, or enum choices. */
import { DatePicker, Input, InputNumber, Select, Space } from 'antd'
import dayjs from 'dayjs'
import { useT } from '../../../shared/i18n'
import type { ConditionLeaf, Indicator, Scalar } from '../types'

type ScalarInputProps = {
  indicator: Indicator | undefined
  value: Scalar | undefined
  onChange: (value: Scalar) => void
  status?: 'error'
  testId?: string
}

function ScalarInput({ indicator, value, onChange, status, testId }: ScalarInputProps) {
  const t = useT()
  const type = indicator?.type ?? 'string'
  if (type === 'number')
    return (
      <InputNumber
        value={typeof value === 'number' ? value : undefined}
        onChange={(next) => onChange(typeof next === 'number' ? next : 0)}
        status={status}
        style={{ width: 120 }}
        data-testid={testId}
      />
    )
  if (type === 'boolean')
    return (
      <Select
        value={typeof value === 'boolean' ? String(value) : undefined}
        onChange={(next: string) => onChange(next === 'true')}
        status={status}
        style={{ width: 100 }}
        options={[
          { value: 'true', label: t('risk.value.true') },
          { value: 'false', label: t('risk.value.false') },
        ]}
        data-testid={testId}
      />
    )
  if (type === 'date')
    return (
      <DatePicker
        value={typeof value === 'string' && value ? dayjs(value) : null}
        onChange={(next) => onChange(next ? next.format('YYYY-MM-DD') : '')}
        status={status}
        data-testid={testId}
      />
    )
  if (type === 'enum')
    return (
      <Select
        value={typeof value === 'string' ? value : undefined}
        onChange={(next: string) => onChange(next)}
        status={status}
        style={{ minWidth: 140 }}
        options={(indicator?.enumValues ?? []).map((option) => ({ value: option, label: option }))}
        data-testid={testId}
      />
    )
  return (
    <Input
      value={typeof value === 'string' ? value : String(value ?? '')}
      onChange={(event) => onChange(event.target.value)}
      status={status}
      style={{ width: 160 }}
      data-testid={testId}
    />
  )
}

type ValueInputProps = {
  leaf: ConditionLeaf
  indicator: Indicator | undefined
  onChange: (leaf: ConditionLeaf) => void
  status?: 'error'
}

export function ValueInput({ leaf, indicator, onChange, status }: ValueInputProps) {
  const t = useT()
  if (leaf.operator === 'is_empty') return null
  if (leaf.operator === 'between')
    return (
      <Space size={4}>
        <ScalarInput
          indicator={indicator}
          value={leaf.values[0]}
          onChange={(low) => onChange({ ...leaf, values: [low, leaf.values[1]] })}
          status={status}
          testId="leaf-value-low"
        />
        <span>~</span>
        <ScalarInput
          indicator={indicator}
          value={leaf.values[1]}
          onChange={(high) => onChange({ ...leaf, values: [leaf.values[0], high] })}
          status={status}
          testId="leaf-value-high"
        />
      </Space>
    )
  if (leaf.operator === 'in' || leaf.operator === 'not_in') {
    const isNumber = indicator?.type === 'number'
    const enumOptions = indicator?.type === 'enum' ? (indicator.enumValues ?? []) : null
    return (
      <Select
        mode={enumOptions ? 'multiple' : 'tags'}
        value={leaf.values.map(String)}
        onChange={(next: string[]) =>
          onChange({
            ...leaf,
            values: isNumber ? next.map(Number).filter((n) => Number.isFinite(n)) : next,
          })
        }
        options={(enumOptions ?? []).map((option) => ({ value: option, label: option }))}
        placeholder={t('risk.expression.valuesPlaceholder')}
        tokenSeparators={[',', '，', ' ']}
        status={status}
        style={{ minWidth: 220 }}
        data-testid="leaf-values"
      />
    )
  }
  if (!('value' in leaf)) return null
  return (
    <ScalarInput
      indicator={indicator?.type === 'string_list' ? { ...indicator, type: 'string' } : indicator}
      value={leaf.value}
      onChange={(value) => onChange({ ...leaf, value })}
      status={status}
      testId="leaf-value"
    />
  )
}
