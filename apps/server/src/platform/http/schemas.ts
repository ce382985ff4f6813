/** Schemas shared by many routes: paging, ids, the problem document. */
import { asc, desc, type SQL } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import { z } from 'zod'

export const ZId = z.uuid()
export const ZIdParams = z.strictObject({ id: z.uuid() })

export const ZPageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  order: z.enum(['asc', 'desc']).default('desc'),
}

export function pageQuery<const S extends readonly [string, ...string[]], T extends z.ZodRawShape>(
  sortFields: S,
  filters: T,
) {
  return z.strictObject({ ...ZPageQuery, sort: z.enum(sortFields).optional(), ...filters })
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
}

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number }

export function orderBy(column: PgColumn, order: 'asc' | 'desc'): SQL {
  return order === 'asc' ? asc(column) : desc(column)
}

export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
})

/** Common error responses for the OpenAPI document of a route. */
export const problems = {
  400: ZProblem,
  401: ZProblem,
  403: ZProblem,
  404: ZProblem,
  409: ZProblem,
  422: ZProblem,
}

export const ZEmpty = z.strictObject({})

/** A trimmed, non-empty string of bounded length. */
export const text = (max = 200) => z.string().trim().min(1).max(max)
