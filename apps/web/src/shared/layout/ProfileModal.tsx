import { useMutation } from '@tanstack/react-query'
import { App, Button, Descriptions, Divider, Form, Input, Modal, Space, Tag } from 'antd'
import { api } from '../api/client'
import { usePermissions } from '../auth/session'
import { reportFormError } from '../forms'
import { pickLabel, useI18n } from '../i18n'
import { useOperations } from '../reference'

type PasswordForm = { currentPassword: string; newPassword: string; confirmPassword: string }

export function ProfileModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n()
  const operations = useOperations()
  const { me } = usePermissions()
  const { message } = App.useApp()
  const [form] = Form.useForm<PasswordForm>()

  const changePassword = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordForm) =>
      api.post('/api/v1/me/password', { currentPassword, newPassword }),
    onSuccess: () => {
      message.success(t('profile.passwordChanged'))
      form.resetFields()
    },
    onError: (error) => reportFormError(form, error, message.error),
  })

  if (!me) return null
  return (
    <Modal open={open} onCancel={onClose} title={t('profile.title')} footer={null} width={640} destroyOnHidden>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'username', label: t('profile.username'), children: me.username },
          { key: 'displayName', label: t('profile.displayName'), children: me.displayName },
          { key: 'institution', label: t('profile.institution'), children: me.institution.name },
          { key: 'scope', label: t('profile.scope'), children: t(`scope.${me.scope}`) },
          {
            key: 'permissions',
            label: t('profile.permissions'),
            children: (
              <Space size={[4, 4]} wrap>
                {me.permissions.map((code) => {
                  const operation = operations.data?.find((candidate) => candidate.code === code)
                  return (
                    <Tag key={code} title={code}>
                      {operation ? pickLabel(operation.label, locale, code) : code}
                    </Tag>
                  )
                })}
              </Space>
            ),
          },
        ]}
      />
      <Divider titlePlacement="start">{t('profile.changePassword')}</Divider>
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => changePassword.mutate(values)}
        requiredMark={false}
        style={{ maxWidth: 360 }}
      >
        <Form.Item
          name="currentPassword"
          label={t('profile.currentPassword')}
          rules={[{ required: true, message: t('common.required', { field: t('profile.currentPassword') }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('profile.newPassword')}
          extra={t('users.passwordHint')}
          rules={[{ required: true, message: t('common.required', { field: t('profile.newPassword') }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('profile.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required', { field: t('profile.confirmPassword') }) },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('profile.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={changePassword.isPending}>
          {t('profile.changePassword')}
        </Button>
      </Form>
    </Modal>
  )
}
