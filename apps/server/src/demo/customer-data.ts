/**
 * Deterministic, realistic-looking customer data (seeded PRNG): Chinese names, valid 18-digit ID
 * numbers of adults, mainland mobile numbers and Luhn-valid UnionPay cards. Used by the demo data and
 * the lookup benchmark; nothing here is a real person.
 */
import { withLuhnDigit } from '../modules/customers/domain/bank-card.ts'
import { idNumberCheckChar } from '../modules/customers/domain/id-number.ts'

/** mulberry32: tiny, fast, good enough for demo data */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红梅鹏飞玉兰海燕俊峰文斌晓东丹辉宇浩然子轩欣怡雨萱梓涵一诺思远嘉怡佳琪浩宇博文婷婷晨曦'
export const REGIONS = [
  { code: '110105', province: '北京市', city: '北京市', district: '朝阳区' },
  { code: '310104', province: '上海市', city: '上海市', district: '徐汇区' },
  { code: '440305', province: '广东省', city: '深圳市', district: '南山区' },
  { code: '440106', province: '广东省', city: '广州市', district: '天河区' },
  { code: '330106', province: '浙江省', city: '杭州市', district: '西湖区' },
  { code: '320102', province: '江苏省', city: '南京市', district: '玄武区' },
  { code: '510107', province: '四川省', city: '成都市', district: '武侯区' },
  { code: '420106', province: '湖北省', city: '武汉市', district: '武昌区' },
  { code: '610113', province: '陕西省', city: '西安市', district: '雁塔区' },
  { code: '370102', province: '山东省', city: '济南市', district: '历下区' },
  { code: '430104', province: '湖南省', city: '长沙市', district: '岳麓区' },
  { code: '350203', province: '福建省', city: '厦门市', district: '思明区' },
] as const
const STREETS = ['人民路', '建设路', '解放路', '中山路', '和平路', '新华路', '长江路', '学府路', '科技园路', '滨江大道']
const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '158',
  '159',
  '176',
  '177',
  '180',
  '181',
  '186',
  '187',
  '188',
  '189',
  '199',
]
const BANKS = [
  { name: '中国工商银行', bin: '622202' },
  { name: '中国建设银行', bin: '621700' },
  { name: '中国农业银行', bin: '622848' },
  { name: '中国银行', bin: '621661' },
  { name: '招商银行', bin: '622588' },
  { name: '交通银行', bin: '622262' },
]
const EMPLOYERS = [
  '华为技术有限公司',
  '腾讯科技',
  '顺丰速运',
  '美团',
  '国家电网',
  '中国石化',
  '万科物业',
  '京东物流',
  '个体经营',
  '比亚迪',
  '人民医院',
  '市第一中学',
]
const POSITIONS = [
  '工程师',
  '销售经理',
  '会计',
  '教师',
  '护士',
  '快递员',
  '店主',
  '司机',
  '客服专员',
  '行政助理',
  '项目经理',
  '技术员',
]
const INDUSTRIES = [
  '制造业',
  '信息技术',
  '批发零售',
  '交通运输',
  '教育',
  '医疗卫生',
  '金融',
  '建筑业',
  '住宿餐饮',
  '公共管理',
]
export const CHANNELS = ['app', 'h5', 'wechat', 'partner', 'offline'] as const
const TAGS = ['优质客户', '工薪族', '复贷', '新客', '个体户', '公积金']
const RELATIONS = ['spouse', 'parent', 'sibling', 'friend', 'colleague'] as const

export function chineseName(rnd: () => number): string {
  const given = rnd() < 0.35 ? pick(rnd, [...GIVEN]) : pick(rnd, [...GIVEN]) + pick(rnd, [...GIVEN])
  return pick(rnd, [...SURNAMES]) + given
}

/** YYYYMMDD of a birthday `daysBefore` days before 2008-01-01 (so every demo person is an adult). */
export function birthDigits(daysBefore: number): string {
  const d = new Date(Date.UTC(2008, 0, 1) - daysBefore * 86_400_000)
  return d.toISOString().slice(0, 10).replaceAll('-', '')
}

export function idNumberOf(region: string, birth: string, seq: number): string {
  const body = `${region}${birth}${String(seq).padStart(3, '0')}`
  return body + idNumberCheckChar(body)
}

export function phoneOf(rnd: () => number): string {
  return pick(rnd, PHONE_PREFIXES) + String(Math.floor(rnd() * 1e8)).padStart(8, '0')
}

export function cardOf(rnd: () => number): { bank: string; cardNumber: string } {
  const bank = pick(rnd, BANKS)
  return { bank: bank.name, cardNumber: withLuhnDigit(bank.bin + String(Math.floor(rnd() * 1e12)).padStart(12, '0')) }
}

export type DemoCustomer = {
  name: string
  idNumber: string
  phone: string
  otherPhones: string[]
  address: { province: string; city: string; district: string; detail: string }
  job: { employer: string; position: string; industry: string; monthlyIncome: string }
  contacts: { name: string; relation: (typeof RELATIONS)[number]; phone: string }[]
  bankCards: { bank: string; cardNumber: string }[]
  documents: never[]
  channel: string
  tags: string[]
}

export function demoCustomer(rnd: () => number): DemoCustomer {
  const region = pick(rnd, REGIONS)
  const idNumber = idNumberOf(region.code, birthDigits(Math.floor(rnd() * 40 * 365)), Math.floor(rnd() * 1000))
  const income = 3000 + Math.floor(rnd() * 37) * 500
  const contactCount = 1 + Math.floor(rnd() * 2)
  return {
    name: chineseName(rnd),
    idNumber,
    phone: phoneOf(rnd),
    otherPhones: rnd() < 0.2 ? [phoneOf(rnd)] : [],
    address: {
      province: region.province,
      city: region.city,
      district: region.district,
      detail: `${pick(rnd, STREETS)}${1 + Math.floor(rnd() * 300)}号${1 + Math.floor(rnd() * 20)}栋${101 + Math.floor(rnd() * 20)}室`,
    },
    job: {
      employer: pick(rnd, EMPLOYERS),
      position: pick(rnd, POSITIONS),
      industry: pick(rnd, INDUSTRIES),
      monthlyIncome: `${income}.00`,
    },
    contacts: Array.from({ length: contactCount }, () => ({
      name: chineseName(rnd),
      relation: pick(rnd, RELATIONS),
      phone: phoneOf(rnd),
    })),
    bankCards: [cardOf(rnd)],
    documents: [],
    channel: pick(rnd, CHANNELS),
    tags: rnd() < 0.5 ? [pick(rnd, TAGS)] : [],
  }
}
