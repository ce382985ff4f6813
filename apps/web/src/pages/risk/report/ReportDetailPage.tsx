/** One stored risk report, with the challenger's shadow report beside it when there was one. */
import { Spin, Tabs } from 'antd'
import { useParams } from 'react-router-dom'
import { useT } from '../../../shared/i18n'
import { LoadError, PageHeader } from '../../../shared/ui'
import { useAllIndicators, useReport, useVersion } from '../api'
import { RiskReportView } from './RiskReportView'

export function ReportDetailPage() {
  const { id = '' } = useParams()
  const t = useT()
  const report = useReport(id)
  const version = useVersion(report.data?.versionId)
  const challengerVersion = useVersion(report.data?.challenger?.ruleSet.id)
  const indicators = useAllIndicators()
  const name = (code: string) => indicators.data?.find((indicator) => indicator.code === code)?.name ?? code
  if (report.error) return <LoadError error={report.error} onRetry={() => report.refetch()} />
  if (!report.data) return <Spin />
  const { report: main, challenger, ...summary } = report.data
  const view = <RiskReportView report={main} summary={summary} rules={version.data?.rules} indicatorName={name} />
  return (
    <PageHeader title={t('risk.report.detailTitle')}>
      {challenger ? (
        <Tabs
          items={[
            {
              key: 'main',
              label: t(`risk.scene.${summary.variant === 'challenger' ? 'challenger' : 'champion'}`),
              children: view,
            },
            {
              key: 'shadow',
              label: t('risk.report.shadow'),
              children: (
                <RiskReportView
                  report={challenger}
                  rules={challengerVersion.data?.rules}
                  indicatorName={name}
                  compact
                />
              ),
            },
          ]}
        />
      ) : (
        view
      )}
    </PageHeader>
  )
}
