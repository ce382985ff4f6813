/** Contract templates: `{{placeholder}}` substitution; unknown placeholders are reported, not left in. */

export const PLACEHOLDERS = [
  'contractNo',
  'appNo',
  'institutionName',
  'borrowerName',
  'idNumber',
  'productName',
  'amount',
  'amountInWords',
  'term',
  'termUnit',
  'annualRate',
  'apr',
  'method',
  'purpose',
  'date',
  'schedule',
] as const
export type Placeholder = (typeof PLACEHOLDERS)[number]

export function unknownPlaceholders(body: string): string[] {
  const found = [...body.matchAll(/\{\{\s*([A-Za-z]+)\s*\}\}/g)].map((m) => m[1]!)
  return [...new Set(found.filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p)))]
}

export function renderTemplate(body: string, values: Record<Placeholder, string>): string {
  return body.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (whole, key: string) =>
    key in values ? values[key as Placeholder] : whole,
  )
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖'
const UNITS = ['', '拾', '佰', '仟']
const GROUPS = ['', '万', '亿', '万亿']

/** 12345.60 → 壹万贰仟叁佰肆拾伍元陆角整 (the capital-numeral amount of Chinese contracts). */
export function amountInWords(amount: string): string {
  const [intPart = '0', frac = '00'] = amount.split('.')
  const cents = `${frac}00`.slice(0, 2)
  let out = ''
  const groups: string[] = []
  for (let end = intPart.length; end > 0; end -= 4) groups.unshift(intPart.slice(Math.max(0, end - 4), end))
  groups.forEach((g, gi) => {
    const n = Number(g)
    const groupIndex = groups.length - 1 - gi
    if (n === 0) {
      if (!out.endsWith('零') && out !== '') out += '零'
      return
    }
    const padded = g.padStart(4, '0')
    let part = ''
    for (let i = 0; i < 4; i++) {
      const d = Number(padded[i])
      if (d === 0) {
        if (part !== '' && !part.endsWith('零')) part += '零'
      } else part += DIGITS[d] + UNITS[3 - i]!
    }
    part = part.replace(/零+$/, '')
    if (out !== '' && padded.startsWith('0') && !out.endsWith('零')) out += '零'
    out += part + GROUPS[groupIndex]!
  })
  out = out.replace(/零+$/, '')
  if (out === '') out = '零'
  out += '元'
  const jiao = Number(cents[0])
  const fen = Number(cents[1])
  if (jiao === 0 && fen === 0) return `${out}整`
  if (jiao > 0) out += `${DIGITS[jiao]}角`
  else out += '零'
  if (fen > 0) out += `${DIGITS[fen]}分`
  return out
}

export const DEFAULT_TEMPLATE = `个人借款合同

合同编号：{{contractNo}}　申请编号：{{appNo}}

贷款人（甲方）：{{institutionName}}
借款人（乙方）：{{borrowerName}}　身份证号：{{idNumber}}

第一条　借款金额：人民币 {{amount}} 元（大写：{{amountInWords}}）。
第二条　借款产品：{{productName}}；借款用途：{{purpose}}。乙方不得将借款用于购房、证券投资或其他违法用途。
第三条　借款期限：{{term}} {{termUnit}}；还款方式：{{method}}。
第四条　借款年利率：{{annualRate}}%（单利）；综合年化成本（APR）：{{apr}}%。
第五条　甲方在乙方签署本合同后将借款发放至乙方名下银行账户。乙方应按下列还款计划按期足额还款；逾期的，甲方按产品约定计收罚息。
第六条　乙方确认已阅读并理解本合同全部条款，自愿以电子签名方式签署，电子签名与手写签名具有同等法律效力。

还款计划：
{{schedule}}

签署日期：{{date}}
`
