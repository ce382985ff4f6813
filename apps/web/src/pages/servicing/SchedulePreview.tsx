/**
 * Schedule preview (还款计划试算) over POST /api/v1/calculator/schedule: the installments, their totals
 * and the APR for an amount, rate, term and method. Used by the calculator page and product detail.
 */
import { CalculatorOutlined } from '@ant-design/icons'
import { useMutation } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Statistic,
  Table,
  type TableColumnsType,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect } from 'react'
import { api } from '../../shared/api/client'
import { formatMoney } from '../../shared/format'
import { reportFormError } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { percent, useServicingLabels } from './labels'
import { moneyCell } from './money'
import { ScheduleChart } from './ScheduleChart'
import { METHODS, type RepaymentMethod, type Schedule, type ScheduleLine, type TermUnit } from './types'

export type PreviewDefaults = {
  principal?: string
  annualRatePercent?: string
  term?: number
  termUnit?: TermUnit
  method?: RepaymentMethod
  installmentFee?: string
}

type PreviewForm = {
  principal: string
  annualRatePercent: string
  term: number
  termUnit: TermUnit
  method: RepaymentMethod
  startDate?: Dayjs
  upfrontFee?: string
  installmentFee?: string
}

export function useSchedulePreview() {
  return useMutation({
    mutationFn: (values: PreviewForm) =>
      api.post<Schedule>('/api/v1/calculator/schedule', {
        principal: values.principal.trim(),
        annualRatePercent: values.annualRatePercent.trim(),
        term: values.term,
        termUnit: values.termUnit,
        method: values.method,
        // interest runs from the start date; without one, from today
        startDate: (values.startDate ?? dayjs()).format('YYYY-MM-DD'),
        fees: {
          ...(values.upfrontFee?.trim() ? { upfront: values.upfrontFee.trim() } : {}),
          ...(values.installmentFee?.trim() ? { perInstallment: values.installmentFee.trim() } : {}),
        },
      }),
  })
}

export function SchedulePreview({
  defaults,
  methods = METHODS,
  businessDate,
}: {
  defaults?: PreviewDefaults
  methods?: RepaymentMethod[]
  businessDate?: string
}) {
  const t = useT()
  const { message } = App.useApp()
  const labels = useServicingLabels()
  const [form] = Form.useForm<PreviewForm>()
  const preview = useSchedulePreview()
  const termUnit = Form.useWatch('termUnit', form)

  useEffect(() => {
    form.setFieldsValue({
      principal: defaults?.principal ?? '10000',
      annualRatePercent: defaults?.annualRatePercent ?? '18',
      term: defaults?.term ?? 12,
      termUnit: defaults?.termUnit ?? 'month',
      method: defaults?.method ?? methods[0] ?? 'equal_installment',
      startDate: businessDate ? dayjs(businessDate) : undefined,
      installmentFee:
        defaults?.installmentFee && Number(defaults.installmentFee) > 0 ? defaults.installmentFee : undefined,
    })
  }, [defaults, methods, businessDate, form])

  const submit = (values: PreviewForm) =>
    preview.mutate(values, { onError: (error) => reportFormError(form, error, message.error) })

  const data = preview.data
  const columns: TableColumnsType<ScheduleLine> = [
    { key: 'number', dataIndex: 'number', title: t('servicing.installmentNo'), width: 70 },
    { key: 'dueDate', dataIndex: 'dueDate', title: t('servicing.dueDate') },
    { key: 'principal', dataIndex: 'principal', title: t('servicing.principal'), align: 'right', render: moneyCell },
    { key: 'interest', dataIndex: 'interest', title: t('servicing.interest'), align: 'right', render: moneyCell },
    { key: 'fee', dataIndex: 'fee', title: t('servicing.fee'), align: 'right', render: moneyCell },
    { key: 'total', dataIndex: 'total', title: t('servicing.installmentTotal'), align: 'right', render: moneyCell },
    {
      key: 'remainingPrincipal',
      dataIndex: 'remainingPrincipal',
      title: t('servicing.remainingPrincipal'),
      align: 'right',
      render: moneyCell,
    },
  ]

  return (
    <Card data-testid="schedule-preview">
      <Form<PreviewForm> form={form} layout="inline" onFinish={submit} style={{ rowGap: 8, marginBottom: 16 }}>
        <Form.Item name="principal" label={t('servicing.amount')} rules={[{ required: true, message: '' }]}>
          <Input style={{ width: 130 }} inputMode="decimal" data-testid="preview-principal" />
        </Form.Item>
        <Form.Item name="annualRatePercent" label={t('servicing.annualRate')} rules={[{ required: true, message: '' }]}>
          <Input style={{ width: 90 }} suffix="%" inputMode="decimal" data-testid="preview-rate" />
        </Form.Item>
        <Form.Item name="term" label={t('servicing.term')} rules={[{ required: true, message: '' }]}>
          <InputNumber min={1} precision={0} style={{ width: 80 }} data-testid="preview-term" />
        </Form.Item>
        <Form.Item name="termUnit">
          <Select
            style={{ width: 80 }}
            options={(['month', 'day'] as const).map((unit) => ({ value: unit, label: labels.unit(unit) }))}
            onChange={(unit: TermUnit) =>
              form.setFieldsValue({ method: unit === 'day' ? 'bullet' : 'equal_installment' })
            }
          />
        </Form.Item>
        <Form.Item name="method" label={t('servicing.method')}>
          <Select
            style={{ width: 150 }}
            options={methods
              .filter((method) => (termUnit === 'day' ? method === 'bullet' : true))
              .map((method) => ({ value: method, label: labels.method(method) }))}
            data-testid="preview-method"
          />
        </Form.Item>
        <Form.Item name="startDate" label={t('servicing.startDate')}>
          <DatePicker allowClear />
        </Form.Item>
        <Form.Item name={['upfrontFee']} label={t('servicing.upfrontFee')}>
          <Input style={{ width: 100 }} inputMode="decimal" placeholder="0.00" />
        </Form.Item>
        <Form.Item name="installmentFee" label={t('servicing.installmentFee')}>
          <Input style={{ width: 100 }} inputMode="decimal" placeholder="0.00" />
        </Form.Item>
        <Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<CalculatorOutlined />}
            loading={preview.isPending}
            data-testid="preview-submit"
          >
            {t('servicing.calculate')}
          </Button>
        </Form.Item>
      </Form>
      {!data && !preview.isPending && <Alert type="info" showIcon title={t('servicing.previewHint')} />}
      {data && (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="preview-summary">
            {data.levelPayment && (
              <Col xs={12} md={4}>
                <Statistic title={t('servicing.levelPayment')} value={formatMoney(data.levelPayment)} />
              </Col>
            )}
            <Col xs={12} md={4}>
              <Statistic title={t('servicing.totalInterest')} value={formatMoney(data.totals.interest)} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('servicing.totalRepay')} value={formatMoney(data.totals.total)} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('servicing.netDisbursement')} value={formatMoney(data.totals.netDisbursement)} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('servicing.maturityDate')} value={data.maturityDate} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('servicing.apr')} value={percent(data.aprPercent)} data-testid="preview-apr" />
            </Col>
          </Row>
          {data.irregularFirstPeriod && (
            <Alert type="warning" showIcon title={t('servicing.irregularFirstPeriod')} style={{ marginBottom: 16 }} />
          )}
          {data.installments.length > 1 && <ScheduleChart rows={data.installments} />}
          <Table<ScheduleLine>
            rowKey="number"
            size="small"
            columns={columns}
            dataSource={data.installments}
            pagination={data.installments.length > 24 ? { pageSize: 24, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            data-testid="preview-table"
          />
        </>
      )}
    </Card>
  )
}
