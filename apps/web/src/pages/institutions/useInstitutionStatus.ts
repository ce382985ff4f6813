import { useMutation, useQueryClient } from '@tanstack/react-query'
import { App } from 'antd'
import { api } from '../../shared/api/client'
import type { Institution, InstitutionStatus } from '../../shared/api/types'
import { useT } from '../../shared/i18n'
import { invalidateList } from '../../shared/list/usePagedList'
import { errorText } from '../../shared/ui'

/** Suspend or reactivate an institution in one step (suspending is confirmed by the caller). */
export function useInstitutionStatus() {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ institution, status }: { institution: Institution; status: InstitutionStatus }) =>
      api.patch<Institution>(`/api/v1/institutions/${institution.id}`, { status }),
    onSuccess: (_saved, { institution }) => {
      message.success(t('common.saved'))
      void invalidateList(queryClient, '/api/v1/institutions')
      void queryClient.invalidateQueries({ queryKey: ['institution', institution.id] })
    },
    onError: (error) => message.error(errorText(error)),
  })
}
