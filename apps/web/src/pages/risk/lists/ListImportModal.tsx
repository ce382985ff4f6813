/**
 * Import list entries from CSV or JSON (a file or pasted text). The server takes all or nothing; when
 * rows are bad, each problem is listed by row and column so the file can be fixed in one pass.
 */
import { UploadOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Input, Modal, Radio, Space, Table, Typography, Upload } from 'antd'
import { useState } from 'react'
import { api } from '../../../shared/api/client'
import { isApiError } from '../../../shared/api/error'
import { useT } from '../../../shared/i18n'
import { invalidateList } from '../../../shared/list/usePagedList'
import { errorText } from '../../../shared/ui'
import { RISK } from '../api'

type RowError = { row: number | null; field: string; message: string }

/** `body.rows.3.value` → row 3, column value. */
function rowErrorsOf(fieldErrors: { field: string; message: string }[]): RowError[] {
  return fieldErrors.map(({ field, message }) => {
    const match = /rows\.(\d+)(?:\.(\w+))?/.exec(field)
    return { row: match ? Number(match[1]) : null, field: match?.[2] ?? field.replace(/^body\./, ''), message }
  })
}

const CSV_HEADER = 'listType,kind,value,reason,expiresAt'

export function ListImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [format, setFormat] = useState<'csv' | 'json'>('csv')
  const [content, setContent] = useState('')
  const [rowErrors, setRowErrors] = useState<RowError[]>([])
  const run = useMutation({
    mutationFn: () => api.post<{ imported: number; updated: number }>(RISK.listImport, { format, content }),
    onMutate: () => setRowErrors([]),
    onSuccess: (answer) => {
      message.success(t('risk.list.imported', { imported: answer.imported, updated: answer.updated }))
      void invalidateList(queryClient, RISK.lists)
      setContent('')
      onClose()
    },
    onError: (error) => {
      if (isApiError(error) && error.fieldErrors.length) setRowErrors(rowErrorsOf(error.fieldErrors))
      else message.error(errorText(error))
    },
  })
  return (
    <Modal
      open={open}
      title={t('risk.list.import')}
      onCancel={onClose}
      onOk={() => run.mutate()}
      okText={t('risk.list.importRun')}
      okButtonProps={{ loading: run.isPending, disabled: !content.trim(), 'data-testid': 'list-import-run' }}
      width={720}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <Radio.Group
            value={format}
            onChange={(event) => setFormat(event.target.value)}
            options={[
              { value: 'csv', label: 'CSV' },
              { value: 'json', label: 'JSON' },
            ]}
            optionType="button"
          />
          <Upload
            accept=".csv,.json,.txt"
            showUploadList={false}
            beforeUpload={(file) => {
              void file.text().then((text) => {
                setContent(text)
                if (file.name.endsWith('.json')) setFormat('json')
                if (file.name.endsWith('.csv')) setFormat('csv')
              })
              return false
            }}
          >
            <Button icon={<UploadOutlined />}>{t('risk.list.chooseFile')}</Button>
          </Upload>
        </Space>
        <Typography.Text type="secondary">
          {format === 'csv' ? t('risk.list.csvHint', { header: CSV_HEADER }) : t('risk.list.jsonHint')}
        </Typography.Text>
        <Input.TextArea
          value={content}
          onChange={(event) => setContent(event.target.value)}
          autoSize={{ minRows: 6, maxRows: 14 }}
          className="xd-mono"
          placeholder={
            format === 'csv'
              ? `${CSV_HEADER}\nblack,phone,13800000000,fraud ring,2027-12-31`
              : '[{"listType":"black","kind":"phone","value":"13800000000","reason":"fraud ring"}]'
          }
          data-testid="list-import-content"
        />
        {rowErrors.length > 0 && (
          <>
            <Alert type="error" showIcon title={t('risk.list.importRejected', { count: rowErrors.length })} />
            <Table<RowError>
              size="small"
              rowKey={(row) => `${row.row}-${row.field}-${row.message}`}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={rowErrors}
              data-testid="list-import-errors"
              columns={[
                {
                  key: 'row',
                  dataIndex: 'row',
                  title: t('risk.list.row'),
                  width: 70,
                  render: (row: number | null) => row ?? '—',
                },
                {
                  key: 'field',
                  dataIndex: 'field',
                  title: t('risk.list.column'),
                  width: 120,
                  render: (field: string) => <span className="xd-mono">{field}</span>,
                },
                { key: 'message', dataIndex: 'message', title: t('risk.list.problem') },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  )
}
