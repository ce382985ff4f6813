/**
 * Repayment allocation (还款冲抵顺序): splits an amount over a loan's installments, oldest first, and
 * inside each installment over its components in the loan's order (default penalty → fee →
 * interest → principal). Pure, in whole cents. What is left after everything owed is paid is the
 * overpayment, kept as the borrower's credit balance.
 */
export type Component = 'penalty' | 'fee' | 'interest' | 'principal'

export const COMPONENTS: readonly Component[] = ['penalty', 'fee', 'interest', 'principal']
export const DEFAULT_ALLOCATION_ORDER: readonly Component[] = ['penalty', 'fee', 'interest', 'principal']

/** What is still owed on one installment, per component, in cents. */
export type ComponentAmounts = Record<Component, number>
export type InstallmentBalance = ComponentAmounts & { number: number }

export type Allocation = {
  /** only the installments that received something, in the order they were paid */
  installments: InstallmentBalance[]
  totals: ComponentAmounts
  /** the part of the amount nothing was owed for */
  credit: number
}

export type AllocateOptions = {
  amount: number
  /** oldest first */
  installments: readonly InstallmentBalance[]
  order?: readonly Component[]
}

export function isAllocationOrder(order: readonly string[]): order is Component[] {
  return order.length === COMPONENTS.length && COMPONENTS.every((c) => order.includes(c))
}

export const zeroAmounts = (): ComponentAmounts => ({ penalty: 0, fee: 0, interest: 0, principal: 0 })

export function allocateRepayment({
  amount,
  installments,
  order = DEFAULT_ALLOCATION_ORDER,
}: AllocateOptions): Allocation {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be whole cents ≥ 0: ${amount}`)
  if (!isAllocationOrder(order)) throw new RangeError(`not an allocation order: ${order.join(',')}`)
  let left = amount
  const totals = zeroAmounts()
  const paid: InstallmentBalance[] = []
  for (const inst of installments) {
    if (left === 0) break
    const row: InstallmentBalance = { number: inst.number, ...zeroAmounts() }
    let any = false
    for (const component of order) {
      const owed = Math.max(0, inst[component])
      const take = Math.min(owed, left)
      if (take === 0) continue
      row[component] = take
      totals[component] += take
      left -= take
      any = true
    }
    if (any) paid.push(row)
  }
  return { installments: paid, totals, credit: left }
}
