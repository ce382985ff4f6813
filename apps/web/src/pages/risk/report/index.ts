/** The risk report view other modules embed (customer 360, credit review). */
export { RiskReportView } from './RiskReportView'
