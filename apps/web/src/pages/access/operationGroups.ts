import type { Operation } from '../../shared/api/types'
import { isMessageKey, type Translate } from '../../shared/i18n'

/** Group title in the current language; groups added by later modules fall back to their code. */
export function operationGroupLabel(t: Translate, group: string): string {
  const key = `opGroup.${group}`
  return isMessageKey(key) ? t(key) : group
}

/** Operations grouped by `group`, in catalog order. */
export function groupOperations(operations: Operation[]): [string, Operation[]][] {
  const groups = new Map<string, Operation[]>()
  for (const operation of operations) {
    const list = groups.get(operation.group) ?? []
    list.push(operation)
    groups.set(operation.group, list)
  }
  return [...groups.entries()]
}
