import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Form, Input, Space, Typography } from 'antd'
import { Navigate, useNavigate } from 'react-router-dom'
import { api } from '../../shared/api/client'
import type { ApiError } from '../../shared/api/error'
import type { BorrowerLogin, OtpSent } from '../../shared/api/types'
import { BORROWER_ME_KEY, useBorrowerMe } from '../../shared/auth/borrower'
import { FullPageSpin } from '../../shared/auth/guards'
import { applyFieldErrors } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { H5Hero } from './H5Hero'
import { useCountdown } from './useCountdown'

type LoginForm = { phone: string; code: string }

const PHONE = /^1\d{10}$/
const CODE = /^\d{4,8}$/

export function H5LoginPage() {
  const t = useT()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const [form] = Form.useForm<LoginForm>()
  const countdown = useCountdown()
  const me = useBorrowerMe()

  const showError = (error: ApiError) => {
    const leftovers = error.fieldErrors.length ? applyFieldErrors(form, error) : []
    if (!error.fieldErrors.length || leftovers.length) message.error(leftovers.join('; ') || error.displayMessage)
  }

  const sendCode = useMutation<OtpSent, ApiError, string>({
    mutationFn: (phone) => api.post<OtpSent>('/api/v1/borrower/otp', { phone }, { allowUnauthenticated: true }),
    onSuccess: (sent) => {
      message.success(t('h5.codeSent'))
      countdown.start(sent?.retryAfterSeconds ?? 60)
    },
    onError: showError,
  })

  const login = useMutation<BorrowerLogin, ApiError, LoginForm>({
    mutationFn: ({ phone, code }) =>
      api.post<BorrowerLogin>('/api/v1/borrower/login', { phone, code }, { allowUnauthenticated: true }),
    onSuccess: (borrower) => {
      void queryClient.invalidateQueries({ queryKey: BORROWER_ME_KEY })
      navigate('/h5', { replace: true, state: { isNew: borrower.isNew } })
    },
    // A wrong or expired code is shown above the form; field problems go under their fields.
    onError: (error) => {
      if (error.fieldErrors.length) showError(error)
    },
  })

  if (me.isLoading) return <FullPageSpin />
  if (me.data && !login.isPending) return <Navigate to="/h5" replace />

  const requestCode = async () => {
    try {
      const { phone } = await form.validateFields(['phone'])
      sendCode.mutate(phone)
    } catch {
      // The phone field shows what is wrong.
    }
  }

  return (
    <>
      <H5Hero title={t('h5.loginTitle')} subtitle={t('h5.loginSubtitle')} />
      <div className="xd-h5-body">
        {login.error && !login.error.fieldErrors.length && (
          <Alert type="error" showIcon title={login.error.displayMessage} style={{ marginBottom: 16 }} />
        )}
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => login.mutate(values)}>
          <Form.Item
            name="phone"
            label={t('h5.phone')}
            rules={[
              { required: true, message: t('h5.phoneInvalid') },
              { pattern: PHONE, message: t('h5.phoneInvalid') },
            ]}
          >
            <Input
              name="phone"
              type="tel"
              inputMode="numeric"
              autoComplete="tel"
              maxLength={11}
              placeholder={t('h5.phonePlaceholder')}
            />
          </Form.Item>
          <Form.Item label={t('h5.code')} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item
                name="code"
                noStyle
                rules={[
                  { required: true, message: t('h5.codeInvalid') },
                  { pattern: CODE, message: t('h5.codeInvalid') },
                ]}
              >
                <Input
                  name="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={8}
                  placeholder={t('h5.codePlaceholder')}
                />
              </Form.Item>
              <Button
                onClick={requestCode}
                loading={sendCode.isPending}
                disabled={countdown.seconds > 0}
                style={{ minWidth: 128 }}
                data-testid="send-code"
              >
                {countdown.seconds > 0 ? t('h5.resendIn', { seconds: countdown.seconds }) : t('h5.sendCode')}
              </Button>
            </Space.Compact>
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={login.isPending}
            style={{ height: 48 }}
            data-testid="h5-login"
          >
            {t('h5.login')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 16, fontSize: 12 }}>
          {t('h5.agreement')}
        </Typography.Paragraph>
      </div>
    </>
  )
}
