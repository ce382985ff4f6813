/**
 * The borrower's application (H5): product, amount, term and purpose; personal, job and contact data
 * only where the profile is missing them (never asked twice); the ID photo with a resumable upload;
 * submit, then the progress page.
 */
import { CameraOutlined } from '@ant-design/icons'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Form, Input, InputNumber, Progress, Radio, Select, Space, Typography } from 'antd'
import { useState } from 'react'
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { ApiError } from '../../shared/api/error'
import { useBorrowerMe } from '../../shared/auth/borrower'
import { FullPageSpin } from '../../shared/auth/guards'
import { type MessageKey, useT } from '../../shared/i18n'
import { errorText } from '../../shared/ui'
import { H5Hero } from './H5Hero'
import { type TusProgress, tusUpload } from './tus'

export type BorrowerProduct = {
  id: string
  name: string
  institutionName: string
  minAmount: string
  maxAmount: string
  minTerm: number
  maxTerm: number
  termUnit: string
  annualRatePercent: string
  methods: string[]
  requiredDocuments: string[]
}
type Profile = { name: string | null; idNumber: string | null; missing: string[] }

const EMPLOYMENT = ['salaried', 'self_employed', 'freelance', 'retired', 'student', 'unemployed'] as const
const PURPOSES = ['装修', '教育', '旅游', '数码产品', '医疗', '经营周转', '其他']

export function H5ApplyPage() {
  const t = useT()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const me = useBorrowerMe()
  const products = useQuery({
    queryKey: ['borrower-products'],
    queryFn: () => api.get<BorrowerProduct[]>('/api/v1/borrower/products'),
    enabled: !!me.data,
  })
  const profile = useQuery({
    queryKey: ['borrower-profile'],
    queryFn: () => api.get<Profile>('/api/v1/borrower/profile'),
    enabled: !!me.data,
  })
  const [form] = Form.useForm()
  const [productId, setProductId] = useState<string | undefined>(params.get('product') ?? undefined)
  const [file, setFile] = useState<File | null>(null)
  const [progress, setProgress] = useState<TusProgress | null>(null)
  const [uploadId, setUploadId] = useState<string | null>(null)
  const [uploadError, setUploadError] = useState<string | null>(null)
  const [uploading, setUploading] = useState(false)

  const startUpload = async (f: File) => {
    setUploading(true)
    setUploadError(null)
    try {
      setUploadId(await tusUpload(f, 'id_front', setProgress))
    } catch (e) {
      setUploadError(e instanceof Error ? e.message : String(e))
    } finally {
      setUploading(false)
    }
  }

  const submit = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const missing = profile.data?.missing ?? []
      const p: Record<string, unknown> = {}
      if (missing.includes('name')) p.name = v.name
      if (missing.includes('idNumber')) p.idNumber = v.idNumber
      if (missing.includes('address')) p.address = { province: v.province, city: v.city }
      if (missing.includes('job'))
        p.job = {
          employer: v.employer || undefined,
          monthlyIncome: v.monthlyIncome ? String(v.monthlyIncome) : undefined,
        }
      if (missing.includes('contacts'))
        p.contacts = [{ name: v.contactName, relation: 'relative', phone: v.contactPhone }]
      return api.post<{ id: string }>('/api/v1/borrower/applications', {
        productId,
        amount: String(v.amount),
        term: v.term,
        purpose: v.purpose,
        employmentType: v.employmentType,
        monthlyIncome: v.monthlyIncome ? String(v.monthlyIncome) : undefined,
        monthlyDebt: v.monthlyDebt ? String(v.monthlyDebt) : undefined,
        documents: uploadId ? [{ uploadId }] : [],
        profile: Object.keys(p).length > 0 ? p : undefined,
      })
    },
    onSuccess: (r) => navigate(`/h5/applications/${r.id}`),
    onError: (e) => {
      if (e instanceof ApiError)
        form.setFields(
          e.fieldErrors.map((f) => ({ name: fieldName(f.field), errors: [f.message] })).filter((f) => f.name) as {
            name: string
            errors: string[]
          }[],
        )
    },
  })

  if (me.isLoading) return <FullPageSpin />
  if (!me.data) return <Navigate to="/h5/login" replace />
  const product = products.data?.find((p) => p.id === productId)
  const missing = profile.data?.missing ?? []
  const pct = progress ? Math.floor((progress.sent / Math.max(progress.total, 1)) * 100) : 0

  return (
    <>
      <H5Hero title={t('h5a.apply')} />
      <div className="xd-h5-body" style={{ display: 'grid', gap: 16, alignContent: 'start' }}>
        <Card title={t('h5a.products')} size="small">
          <Radio.Group value={productId} onChange={(e) => setProductId(e.target.value)} style={{ width: '100%' }}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {(products.data ?? []).map((p) => (
                <Radio key={p.id} value={p.id} data-testid="h5-product">
                  <b>{p.name}</b> · {p.institutionName}
                  <div style={{ color: '#888', fontSize: 13 }}>
                    {t('h5a.range', { min: p.minAmount, max: p.maxAmount, minTerm: p.minTerm, maxTerm: p.maxTerm })} ·{' '}
                    {t('h5a.rate', { rate: p.annualRatePercent })}
                  </div>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Card>
        {product && (
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => submit.mutate(v)}
            initialValues={{ employmentType: 'salaried', purpose: PURPOSES[0], term: product.minTerm }}
          >
            <Card size="small">
              <Form.Item name="amount" label={t('h5a.amount')} rules={[{ required: true }]}>
                <InputNumber
                  min={Number(product.minAmount)}
                  max={Number(product.maxAmount)}
                  step={100}
                  style={{ width: '100%' }}
                  data-testid="h5-amount"
                />
              </Form.Item>
              <Form.Item name="term" label={t('h5a.term')} rules={[{ required: true }]}>
                <InputNumber
                  min={product.minTerm}
                  max={product.maxTerm}
                  style={{ width: '100%' }}
                  data-testid="h5-term"
                />
              </Form.Item>
              <Form.Item name="purpose" label={t('h5a.purpose')}>
                <Select options={PURPOSES.map((p) => ({ value: p, label: p }))} />
              </Form.Item>
              <Form.Item name="employmentType" label={t('h5a.employment')}>
                <Select
                  options={EMPLOYMENT.map((e) => ({ value: e, label: t(`h5a.employment.${e}` as MessageKey) }))}
                />
              </Form.Item>
              <Form.Item name="monthlyIncome" label={t('h5a.income')}>
                <InputNumber min={0} style={{ width: '100%' }} data-testid="h5-income" />
              </Form.Item>
              <Form.Item name="monthlyDebt" label={t('h5a.debt')}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Card>
            <Card size="small" title={t('h5a.profile')} style={{ marginTop: 16 }}>
              {profile.data?.name && (
                <Typography.Paragraph type="secondary">{`${profile.data.name} · ${profile.data.idNumber ?? ''} — ${t('h5a.profileKnown')}`}</Typography.Paragraph>
              )}
              {missing.includes('name') && (
                <Form.Item name="name" label={t('h5a.name')} rules={[{ required: true }]}>
                  <Input data-testid="h5-name" />
                </Form.Item>
              )}
              {missing.includes('idNumber') && (
                <Form.Item name="idNumber" label={t('h5a.idNumber')} rules={[{ required: true }]}>
                  <Input data-testid="h5-id-number" />
                </Form.Item>
              )}
              {missing.includes('address') && (
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item name="province" label={t('h5a.province')} rules={[{ required: true }]} style={{ flex: 1 }}>
                    <Input data-testid="h5-province" />
                  </Form.Item>
                  <Form.Item name="city" label={t('h5a.city')} rules={[{ required: true }]} style={{ flex: 1 }}>
                    <Input data-testid="h5-city" />
                  </Form.Item>
                </Space.Compact>
              )}
              {missing.includes('job') && (
                <Form.Item name="employer" label={t('h5a.employer')} rules={[{ required: true }]}>
                  <Input data-testid="h5-employer" />
                </Form.Item>
              )}
              {missing.includes('contacts') && (
                <>
                  <Form.Item name="contactName" label={t('h5a.contactName')} rules={[{ required: true }]}>
                    <Input data-testid="h5-contact-name" />
                  </Form.Item>
                  <Form.Item name="contactPhone" label={t('h5a.contactPhone')} rules={[{ required: true }]}>
                    <Input data-testid="h5-contact-phone" />
                  </Form.Item>
                </>
              )}
            </Card>
            <Card size="small" title={t('h5a.idPhoto')} style={{ marginTop: 16 }}>
              <label style={{ display: 'block' }}>
                <input
                  type="file"
                  accept="image/jpeg,image/png,application/pdf"
                  style={{ display: 'none' }}
                  data-testid="h5-id-photo"
                  onChange={(e) => {
                    const f = e.target.files?.[0]
                    if (!f) return
                    setFile(f)
                    setUploadId(null)
                    startUpload(f)
                  }}
                />
                <Button
                  icon={<CameraOutlined />}
                  block
                  onClick={(e) => (e.currentTarget.previousElementSibling as HTMLInputElement | null)?.click()}
                >
                  {file ? file.name : t('h5a.choosePhoto')}
                </Button>
              </label>
              {progress && (
                <Progress
                  percent={pct}
                  status={uploadError ? 'exception' : uploadId ? 'success' : 'active'}
                  data-testid="h5-upload-progress"
                />
              )}
              {progress?.resumedAt ? (
                <Typography.Text type="secondary">
                  {t('h5a.resumed', { pct: Math.floor((progress.resumedAt / progress.total) * 100) })}
                </Typography.Text>
              ) : null}
              {uploadId && (
                <Typography.Text type="success" data-testid="h5-uploaded">
                  {t('h5a.uploaded')}
                </Typography.Text>
              )}
              {uploadError && (
                <Alert
                  type="error"
                  message={uploadError}
                  action={
                    file && (
                      <Button size="small" onClick={() => startUpload(file)}>
                        {t('h5a.retryUpload')}
                      </Button>
                    )
                  }
                />
              )}
            </Card>
            {submit.error && !(submit.error instanceof ApiError && submit.error.fieldErrors.length > 0) && (
              <Alert type="error" message={errorText(submit.error)} style={{ marginTop: 16 }} />
            )}
            <Button
              type="primary"
              htmlType="submit"
              block
              style={{ height: 48, marginTop: 16 }}
              loading={submit.isPending}
              disabled={uploading}
              data-testid="h5-submit"
            >
              {t('h5a.submit')}
            </Button>
          </Form>
        )}
        <Button block onClick={() => navigate('/h5')}>
          {t('h5a.back')}
        </Button>
      </div>
    </>
  )
}

/** Server field paths → form field names. */
function fieldName(field: string): string | undefined {
  const map: Record<string, string> = {
    'body.amount': 'amount',
    'body.term': 'term',
    'body.monthlyIncome': 'monthlyIncome',
    'body.monthlyDebt': 'monthlyDebt',
    'body.profile.idNumber': 'idNumber',
    'body.profile.name': 'name',
    'body.profile.contacts.0.phone': 'contactPhone',
  }
  return map[field]
}
