import { useT } from '../../shared/i18n'
import { Chart } from './Chart'
import { toNumber } from './money'

export type ChartInstallment = {
  number: number
  dueDate: string
  principal: string
  interest: string
  fee: string
  remainingPrincipal: string
}

/** Each installment split into principal, interest and fee (stacked), with the principal still owed as a line. */
export function ScheduleChart({ rows, height }: { rows: ChartInstallment[]; height?: number }) {
  const t = useT()
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 64, right: 64, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: rows.map((row) => `${row.number}`), name: t('servicing.installmentNo') },
    yAxis: [
      { type: 'value', name: t('servicing.perInstallment') },
      { type: 'value', name: t('servicing.remainingPrincipal'), splitLine: { show: false } },
    ],
    series: [
      {
        name: t('servicing.principal'),
        type: 'bar',
        stack: 'due',
        data: rows.map((row) => toNumber(row.principal)),
      },
      { name: t('servicing.interest'), type: 'bar', stack: 'due', data: rows.map((row) => toNumber(row.interest)) },
      { name: t('servicing.fee'), type: 'bar', stack: 'due', data: rows.map((row) => toNumber(row.fee)) },
      {
        name: t('servicing.remainingPrincipal'),
        type: 'line',
        yAxisIndex: 1,
        smooth: true,
        symbol: 'none',
        data: rows.map((row) => toNumber(row.remainingPrincipal)),
      },
    ],
  }
  return <Chart option={option} height={height} testId="schedule-chart" />
}
