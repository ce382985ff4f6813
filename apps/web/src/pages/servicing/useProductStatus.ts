/** List (上架) and delist (下架): one click each; the server checks the APR cap before listing. */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App } from 'antd'
import { api } from '../../shared/api/client'
import { useT } from '../../shared/i18n'
import { invalidateList } from '../../shared/list/usePagedList'
import { errorText } from '../../shared/ui'
import { PRODUCTS_PATH } from './ProductFormModal'
import type { Product, ProductDetail } from './types'

export type ProductStatusChange = 'list' | 'delist'

export function useProductStatus() {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ product, change }: { product: Product; change: ProductStatusChange }) =>
      api.post<ProductDetail>(`${PRODUCTS_PATH}/${product.id}/${change}`),
    onSuccess: (saved, { product, change }) => {
      message.success(
        t(change === 'list' ? 'servicing.product.listedOk' : 'servicing.product.delistedOk', { name: product.name }),
      )
      void invalidateList(queryClient, PRODUCTS_PATH)
      if (saved?.id) queryClient.setQueryData(['product', saved.id], saved)
      void queryClient.invalidateQueries({ queryKey: ['product', product.id] })
    },
    onError: (error) => message.error(errorText(error)),
  })
}
