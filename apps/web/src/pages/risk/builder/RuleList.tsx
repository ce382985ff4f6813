/** The draft's rules in run order, reordered by dragging a card's handle or with its arrows. */
import { PlusOutlined } from '@ant-design/icons'
import { Button, Dropdown, Empty } from 'antd'
import { useState } from 'react'
import { useT } from '../../../shared/i18n'
import type { Indicator, Rule, RuleMode } from '../types'
import { blankRule, countBelow, moveItem } from './model'
import { RuleCard } from './RuleCard'

type RuleListProps = {
  rules: Rule[]
  indicators: Indicator[]
  errors: Map<string, string[]>
  readOnly: boolean
  onChange: (rules: Rule[]) => void
}

export function RuleList({ rules, indicators, errors, readOnly, onChange }: RuleListProps) {
  const t = useT()
  const [expanded, setExpanded] = useState<Set<string>>(new Set())
  const [dragFrom, setDragFrom] = useState<number | null>(null)
  const [dragOver, setDragOver] = useState<number | null>(null)
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  const add = (mode: RuleMode) => {
    const rule = blankRule(mode, rules.length)
    onChange([...rules, rule])
    setExpanded((current) => new Set(current).add(rule.id))
  }
  return (
    <div data-testid="rule-list">
      {rules.length === 0 && <Empty description={t('risk.builder.noRules')} />}
      {rules.map((rule, index) => {
        const errorCount = countBelow(errors, `rules.${index}`)
        return (
          <RuleCard
            key={rule.id}
            rule={rule}
            index={index}
            count={rules.length}
            indicators={indicators}
            expanded={expanded.has(rule.id) || errorCount > 0}
            errorCount={errorCount}
            readOnly={readOnly}
            onToggle={() => toggle(rule.id)}
            onChange={(next) => onChange(rules.map((candidate, i) => (i === index ? next : candidate)))}
            onMove={(to) => onChange(moveItem(rules, index, to))}
            onRemove={() => onChange(rules.filter((_, i) => i !== index))}
            drag={{
              onDragStart: () => setDragFrom(index),
              onDragOver: (event) => {
                if (dragFrom === null) return
                event.preventDefault()
                setDragOver(index)
              },
              onDrop: () => {
                if (dragFrom !== null) onChange(moveItem(rules, dragFrom, index))
                setDragFrom(null)
                setDragOver(null)
              },
              over: dragOver === index && dragFrom !== index,
            }}
          />
        )
      })}
      {!readOnly && (
        <Dropdown
          menu={{
            items: (['result', 'score', 'quota'] as const).map((mode) => ({
              key: mode,
              label: <span data-testid={`add-rule-${mode}`}>{t(`risk.mode.${mode}`)}</span>,
              onClick: () => add(mode),
            })),
          }}
        >
          <Button type="dashed" block icon={<PlusOutlined />} data-testid="add-rule">
            {t('risk.builder.addRule')}
          </Button>
        </Dropdown>
      )}
    </div>
  )
}
