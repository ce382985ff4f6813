import { Button, Result } from 'antd'
import { Link, useLocation } from 'react-router-dom'
import { useT } from '../shared/i18n'

export function NotFoundPage() {
  const t = useT()
  const { pathname } = useLocation()
  return (
    <Result
      status="404"
      title={t('common.notFound')}
      subTitle={t('common.notFoundHint')}
      extra={
        <Link to={pathname.startsWith('/h5') ? '/h5' : '/'}>
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  )
}
