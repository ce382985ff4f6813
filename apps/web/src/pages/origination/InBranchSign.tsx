/**
 * In-branch signature (柜面签约) of a staff-entered application: the borrower signs at the counter and
 * the staff member records it after checking the original ID; the server stores the same evidence as
 * an H5 signature (time, IP, device, contract hash) plus who recorded it, then disburses.
 */
import { EditOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Alert, App as AntApp, Button, Checkbox, Input, Modal, Space } from 'antd'
import { useState } from 'react'
import { api } from '../../shared/api/client'
import { useT } from '../../shared/i18n'
import { errorText } from '../../shared/ui'
import { type ApplicationDetail, newIdempotencyKey } from './api'

type Signed = ApplicationDetail & { disbursementError: string | null }

export function InBranchSignButton({ application }: { application: ApplicationDetail }) {
  const t = useT()
  const { message } = AntApp.useApp()
  const qc = useQueryClient()
  const [open, setOpen] = useState(false)
  const [consent, setConsent] = useState(false)
  const [identityChecked, setIdentityChecked] = useState(false)
  const [device, setDevice] = useState('')
  // one key per opening of the dialog: a retried click replays instead of signing twice
  const [key, setKey] = useState(() => newIdempotencyKey('sign'))
  const sign = useMutation({
    mutationFn: () =>
      api.post<Signed>(
        `/api/v1/applications/${application.id}/sign-in-branch`,
        { consent, identityChecked, ...(device.trim() ? { device: device.trim() } : {}) },
        { headers: { 'Idempotency-Key': key } },
      ),
    onSuccess: (data) => {
      qc.setQueryData(['application', application.id], data)
      setOpen(false)
      if (data.disbursementError) message.warning(data.disbursementError)
      else message.success(t('orig.sign.done'))
    },
    onError: (e) => message.error(errorText(e)),
  })
  if (application.channel !== 'staff' || application.status !== 'approved') return null
  if (application.contract?.status !== 'pending_signature') return null
  return (
    <>
      <Button
        type="primary"
        icon={<EditOutlined />}
        data-testid="sign-in-branch"
        onClick={() => {
          setKey(newIdempotencyKey('sign'))
          setConsent(false)
          setIdentityChecked(false)
          setOpen(true)
        }}
      >
        {t('orig.sign.inBranch')}
      </Button>
      <Modal
        open={open}
        title={t('orig.sign.title')}
        onCancel={() => setOpen(false)}
        onOk={() => sign.mutate()}
        okText={t('orig.sign.inBranch')}
        okButtonProps={{ disabled: !consent || !identityChecked, loading: sign.isPending, id: 'sign-in-branch-ok' }}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="info" showIcon message={t('orig.sign.hint')} />
          <Checkbox checked={identityChecked} onChange={(e) => setIdentityChecked(e.target.checked)}>
            {t('orig.sign.identity')}
          </Checkbox>
          <Checkbox checked={consent} onChange={(e) => setConsent(e.target.checked)}>
            {t('orig.sign.consent')}
          </Checkbox>
          <Input
            placeholder={t('orig.sign.device')}
            aria-label={t('orig.sign.device')}
            value={device}
            maxLength={300}
            onChange={(e) => setDevice(e.target.value)}
          />
        </Space>
      </Modal>
    </>
  )
}
