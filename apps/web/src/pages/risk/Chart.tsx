/** ECharts with the pieces risk draws (Sankey flows of decisions, bars), so the chunk stays small. */
import { BarChart, SankeyChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import ReactEChartsCore from 'echarts-for-react/esm/core'

echarts.use([BarChart, SankeyChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export function RiskChart({ option, height = 300, testId }: { option: object; height?: number; testId?: string }) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height }} />
    </div>
  )
}
