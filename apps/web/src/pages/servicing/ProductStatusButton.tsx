import { Button, Popconfirm } from 'antd'
import { Can } from '../../shared/auth/guards'
import { useT } from '../../shared/i18n'
import type { Product } from './types'
import { useProductStatus } from './useProductStatus'

/** 上架 for drafts and delisted products, 下架 (asked first: borrowers stop seeing it) for listed ones. */
export function ProductStatusButton({ product, size }: { product: Product; size?: 'small' | 'middle' }) {
  const t = useT()
  const change = useProductStatus()
  const busy = change.isPending && change.variables?.product.id === product.id
  const link = size === 'small'
  return (
    <Can permission="product.manage">
      {product.status === 'listed' ? (
        <Popconfirm
          title={t('servicing.product.delistConfirm', { name: product.name })}
          onConfirm={() => change.mutateAsync({ product, change: 'delist' }).catch(() => undefined)}
        >
          <Button type={link ? 'link' : 'default'} size={size} danger loading={busy} data-testid="product-delist">
            {t('servicing.product.delist')}
          </Button>
        </Popconfirm>
      ) : (
        <Button
          type={link ? 'link' : 'primary'}
          size={size}
          loading={busy}
          onClick={() => change.mutate({ product, change: 'list' })}
          data-testid="product-list"
        >
          {t('servicing.product.list')}
        </Button>
      )}
    </Can>
  )
}
