import { LockOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom'
import { api } from '../../shared/api/client'
import { type ApiError, isApiError } from '../../shared/api/error'
import type { Me } from '../../shared/api/types'
import { FullPageSpin } from '../../shared/auth/guards'
import { startSession, useMe } from '../../shared/auth/session'
import { applyFieldErrors } from '../../shared/forms'
import { useT } from '../../shared/i18n'
import { LanguageSwitcher } from '../../shared/i18n/LanguageSwitcher'

type Credentials = { username: string; password: string }

/** Only same-site paths may be a `next` target, so a crafted link cannot bounce people elsewhere. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/'
}

export function LoginPage() {
  const t = useT()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [params] = useSearchParams()
  const [form] = Form.useForm<Credentials>()
  const current = useMe()

  const login = useMutation<Me, ApiError, Credentials>({
    mutationFn: (credentials) => api.post<Me>('/api/v1/auth/login', credentials, { allowUnauthenticated: true }),
    onSuccess: (me) => {
      startSession(queryClient, me)
      navigate(safeNext(params.get('next')), { replace: true })
    },
    onError: (error) => {
      if (isApiError(error) && error.fieldErrors.length) applyFieldErrors(form, error)
    },
  })

  if (current.isLoading) return <FullPageSpin />
  if (current.data && !login.isPending) return <Navigate to={safeNext(params.get('next'))} replace />

  const reason = params.get('reason')
  const error = login.error
  const errorTitle =
    error?.code === 'locked' ? t('login.locked') : error?.code === 'frozen' ? t('login.frozen') : t('login.failed')
  const errorHint =
    error?.code === 'locked' ? t('login.lockedHint') : error?.code === 'frozen' ? t('login.frozenHint') : undefined

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(135deg, #0b2a5b 0%, #1668dc 60%, #69b1ff 100%)',
      }}
    >
      <div style={{ position: 'fixed', top: 12, right: 16 }}>
        <div style={{ background: 'rgba(255,255,255,0.9)', borderRadius: 6 }}>
          <LanguageSwitcher />
        </div>
      </div>
      <Card style={{ width: 380, maxWidth: '100%' }} styles={{ body: { padding: 32 } }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {t('app.fullName')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        {reason === 'expired' && !error && (
          <Alert type="info" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} />
        )}
        {reason === 'logout' && !error && (
          <Alert type="success" showIcon title={t('login.loggedOut')} style={{ marginBottom: 16 }} />
        )}
        {error && !error.fieldErrors.length && (
          <Alert
            type={error.code === 'locked' || error.code === 'frozen' ? 'warning' : 'error'}
            showIcon
            title={errorTitle}
            description={error.detail || errorHint || error.title}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form
          form={form}
          layout="vertical"
          size="large"
          requiredMark={false}
          onFinish={(values) => login.mutate(values)}
          onValuesChange={() => login.error && login.reset()}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('common.required', { field: t('login.username') }) }]}
          >
            <Input prefix={<UserOutlined />} name="username" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
          >
            <Input.Password prefix={<LockOutlined />} name="password" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Link to="/h5/login">
            <MobileOutlined /> {t('login.borrowerLink')}
          </Link>
        </div>
      </Card>
    </div>
  )
}
