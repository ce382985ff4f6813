/**
 * Puts the server's field-level messages (problem+json `errors[].field`, e.g. `body.positionIds.0`)
 * under the matching antd Form fields, so a person sees each problem where they typed.
 */
import type { FormInstance } from 'antd'
import { type ApiError, isApiError } from './api/error'

type NamePath = (string | number)[]

/** `body.positionIds.0` → `['positionIds', 0]`; query and path fields lose their prefix the same way. */
export function fieldPathOf(field: string): NamePath {
  const parts = field.split(/[.[\]]+/).filter(Boolean)
  if (parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'params') parts.shift()
  return parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part))
}

function samePath(a: NamePath, b: NamePath): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index])
}

/**
 * Shows each field error on the form field it names (or on its nearest registered parent, so that
 * `positionIds.0` lands on the `positionIds` select). Returns the errors no field could show.
 */
export function applyFieldErrors(form: FormInstance, error: ApiError): string[] {
  const registered = form.getFieldsError().map((entry) => entry.name as NamePath)
  const byField = new Map<string, { name: NamePath; errors: string[] }>()
  const leftovers: string[] = []
  for (const { field, message } of error.fieldErrors) {
    const path = fieldPathOf(field)
    let target: NamePath | undefined
    for (let length = path.length; length > 0 && !target; length--) {
      target = registered.find((name) => samePath(name, path.slice(0, length)))
    }
    if (!target) {
      leftovers.push(message)
      continue
    }
    const key = JSON.stringify(target)
    const entry = byField.get(key) ?? { name: target, errors: [] }
    entry.errors.push(message)
    byField.set(key, entry)
  }
  form.setFields([...byField.values()])
  return leftovers
}

/**
 * Handles a failed form submission: field errors go onto the form; anything else (or leftovers) is
 * reported through `notify` with the server's sentence, already in the user's language.
 */
export function reportFormError(form: FormInstance, error: unknown, notify: (text: string) => void): void {
  if (!isApiError(error)) {
    notify(error instanceof Error ? error.message : String(error))
    return
  }
  const leftovers = error.fieldErrors.length ? applyFieldErrors(form, error) : []
  if (!error.fieldErrors.length) notify(error.displayMessage)
  else if (leftovers.length) notify(leftovers.join('; '))
}
