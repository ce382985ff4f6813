/**
 * Which operator makes sense for which indicator type, and what a literal must look like for it. One
 * table shared by validation, compilation and the reference interpreter, so the three cannot disagree.
 */
import { isIsoDate } from '../../../platform/dates.ts'
import type { TIndicatorDefinition, TIndicatorType, TOperator, TScalar } from './model.ts'

const ordered: readonly TOperator[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'in', 'not_in', 'is_empty']

export const OPERATORS_BY_TYPE: Readonly<Record<TIndicatorType, readonly TOperator[]>> = {
  number: ordered,
  // ISO dates order correctly as text, so dates get the same operators as numbers.
  date: ordered,
  string: ['eq', 'ne', 'in', 'not_in', 'contains', 'is_empty'],
  enum: ['eq', 'ne', 'in', 'not_in', 'is_empty'],
  boolean: ['eq', 'ne', 'is_empty'],
  string_list: ['contains', 'is_empty'],
}

/** The kind of literal an indicator type is compared with, named as the console shows it. */
export const LITERAL_KIND: Readonly<Record<TIndicatorType, 'number' | 'string' | 'boolean' | 'date'>> = {
  number: 'number',
  date: 'date',
  string: 'string',
  enum: 'string',
  boolean: 'boolean',
  // `contains` on a list takes one element, a string.
  string_list: 'string',
}

export function isOperatorAllowed(type: TIndicatorType, operator: TOperator): boolean {
  return OPERATORS_BY_TYPE[type].includes(operator)
}

export function isLiteralOfType(type: TIndicatorType, literal: TScalar): boolean {
  switch (LITERAL_KIND[type]) {
    case 'number':
      return typeof literal === 'number' && Number.isFinite(literal)
    case 'boolean':
      return typeof literal === 'boolean'
    case 'date':
      return typeof literal === 'string' && isIsoDate(literal)
    case 'string':
      return typeof literal === 'string'
  }
}

export type TValueCheck = (value: unknown) => boolean

/** Value kinds the evaluator checks inline (see `loadInput`); every other type goes through its check. */
export const VALUE_NUMBER = 1
export const VALUE_BOOLEAN = 2
export const VALUE_STRING = 3
export const VALUE_OTHER = 0

export function valueKind(type: TIndicatorType): number {
  return type === 'number'
    ? VALUE_NUMBER
    : type === 'boolean'
      ? VALUE_BOOLEAN
      : type === 'string'
        ? VALUE_STRING
        : VALUE_OTHER
}

/**
 * A check for values supplied for an indicator (by the caller or by a data source), built once per
 * indicator because the evaluator runs it on every input. `null` is always acceptable: it is how "no
 * value" is said. An enum accepts `''` as another way of saying empty.
 */
export function compileValueCheck(indicator: TIndicatorDefinition): TValueCheck {
  switch (indicator.type) {
    case 'number':
      return (value) => value === null || Number.isFinite(value)
    case 'string':
      return (value) => value === null || typeof value === 'string'
    case 'boolean':
      return (value) => value === null || typeof value === 'boolean'
    case 'date':
      return (value) => value === null || (typeof value === 'string' && isIsoDate(value))
    case 'enum': {
      const allowed = new Set<unknown>(['', ...(indicator.enumValues ?? [])])
      return (value) => value === null || allowed.has(value)
    }
    case 'string_list':
      return (value) => value === null || (Array.isArray(value) && value.every((item) => typeof item === 'string'))
  }
}
