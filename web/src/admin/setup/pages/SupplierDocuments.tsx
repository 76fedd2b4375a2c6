import { useRef, useState } from 'react';
import {
  App,
  Button,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { errorText } from '../../../shared/i18n';
import { api, type SupplierDetail, type SupplierDocument } from '../api';
import { keys } from '../queries';
import { SupplierPerformance } from './SupplierPerformance';

export const DOCUMENT_KINDS = ['business_licence', 'food_licence', 'other'] as const;
const ACCEPT = 'application/pdf,image/jpeg,image/png';
const MAX_BYTES = 10 * 1024 * 1024;
const EXPIRY_COLOURS: Record<string, string> = {
  expired: 'red',
  expiring: 'orange',
  valid: 'green',
  no_expiry: 'default',
};
const REVIEW_COLOURS: Record<string, string> = { pending: 'gold', approved: 'green', rejected: 'red' };

interface UploadValues {
  kind: (typeof DOCUMENT_KINDS)[number];
  number: string;
  expiresOn?: Dayjs;
}

/** Opens a private file in a new tab: fetched with the operator's session, never through a public URL. */
async function openPrivateFile(url: string) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${api.session?.token ?? ''}` } });
  if (!res.ok) throw new Error(String(res.status));
  const blobUrl = URL.createObjectURL(await res.blob());
  window.open(blobUrl, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
}

/** A supplier's qualification: standing, its documents (upload, review, expiry) in a side panel. */
export function SupplierDocuments({ supplierId, onClose }: { supplierId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<UploadValues>();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [rejecting, setRejecting] = useState<SupplierDocument | null>(null);
  const [reason, setReason] = useState('');
  const detailKey = ['setup', 'supplier', supplierId];
  const detail = useQuery({
    queryKey: detailKey,
    queryFn: () => api.get<SupplierDetail>(`/admin/suppliers/${supplierId}`),
    enabled: supplierId !== null,
  });
  const refresh = () =>
    Promise.all([detailKey, keys.suppliers, keys.campaigns].map((k) => qc.invalidateQueries({ queryKey: k })));
  const onError = (err: unknown) => void message.error(errorText(err));

  const upload = useMutation({
    mutationFn: async (v: UploadValues) => {
      const query = new URLSearchParams({ kind: v.kind, number: v.number.trim(), fileName: file!.name });
      if (v.expiresOn) query.set('expiresOn', v.expiresOn.format('YYYY-MM-DD'));
      return api.upload(`/admin/suppliers/${supplierId}/documents?${query}`, file!);
    },
    onSuccess: async () => {
      void message.success(t('setup.docs.uploaded'));
      form.resetFields();
      setFile(null);
      await refresh();
    },
    onError,
  });
  const review = useMutation({
    mutationFn: (r: { id: string; decision: 'approved' | 'rejected'; reason?: string }) =>
      api.post(`/admin/suppliers/${supplierId}/documents/${r.id}/review`, { decision: r.decision, reason: r.reason }),
    onSuccess: async () => {
      void message.success(t('setup.saved'));
      setRejecting(null);
      setReason('');
      await refresh();
    },
    onError,
  });

  const submit = async () => {
    const v = await form.validateFields();
    if (!file) return void message.error(t('setup.docs.chooseFile'));
    upload.mutate(v);
  };
  const pick = (list: FileList | null) => {
    const f = list?.[0] ?? null;
    if (fileInput.current) fileInput.current.value = '';
    if (f && f.size > MAX_BYTES) return void message.error(t('setup.docs.tooLarge'));
    setFile(f);
  };

  const columns: ColumnsType<SupplierDocument> = [
    { title: t('setup.docs.kind'), dataIndex: 'kind', render: (k: string) => t(`setup.docs.kind_${k}`) },
    { title: t('setup.docs.number'), dataIndex: 'number' },
    {
      title: t('setup.docs.expiresOn'),
      key: 'expiry',
      render: (_, d) => (
        <Tag color={EXPIRY_COLOURS[d.expiry]} data-testid="doc-expiry">
          {d.expiresOn ?? t('setup.docs.noExpiry')}
          {d.expiry === 'expired' || d.expiry === 'expiring' ? ` · ${t(`setup.docs.expiry_${d.expiry}`)}` : ''}
        </Tag>
      ),
    },
    {
      title: t('setup.docs.review'),
      key: 'review',
      render: (_, d) => (
        <Space orientation="vertical" size={0}>
          <Tag color={REVIEW_COLOURS[d.reviewStatus]} data-testid="doc-review">
            {t(`setup.docs.review_${d.reviewStatus}`)}
          </Tag>
          {d.reviewReason && <Typography.Text type="secondary">{d.reviewReason}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '',
      key: 'a',
      render: (_, d) => (
        <Space size={0} wrap>
          <Button type="link" onClick={() => void openPrivateFile(d.fileUrl).catch(onError)}>
            {t('setup.docs.view')}
          </Button>
          {d.reviewStatus !== 'approved' && (
            <Button
              type="link"
              data-testid="doc-approve"
              loading={review.isPending}
              onClick={() => review.mutate({ id: d.id, decision: 'approved' })}
            >
              {t('setup.docs.approve')}
            </Button>
          )}
          {d.reviewStatus !== 'rejected' && (
            <Button type="link" danger data-testid="doc-reject" onClick={() => setRejecting(d)}>
              {t('setup.docs.reject')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const s = detail.data;
  return (
    <Drawer
      open={supplierId !== null}
      onClose={onClose}
      size={900}
      destroyOnHidden
      title={s ? `${s.name} · ${t('setup.docs.title')}` : t('setup.docs.title')}
      data-testid="supplier-documents"
    >
      {s && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap>
            <Tag color={s.status === 'active' ? 'green' : 'red'}>{t(`setup.status.${s.status}`)}</Tag>
            <Tag color={s.qualified ? 'green' : 'red'} data-testid="supplier-qualified">
              {s.qualified ? t('setup.docs.qualified') : t('setup.docs.unqualified')}
            </Tag>
            {s.missingDocuments.length > 0 && (
              <Typography.Text type="danger">
                {t('setup.docs.missing')}: {s.missingDocuments.map((k) => t(`setup.docs.kind_${k}`)).join('、')}
              </Typography.Text>
            )}
            <Typography.Text type="secondary">
              {t('setup.docs.required')}:{' '}
              {s.requiredDocuments.length
                ? s.requiredDocuments.map((k) => t(`setup.docs.kind_${k}`)).join('、')
                : t('setup.docs.noneRequired')}
            </Typography.Text>
          </Space>
          <Table<SupplierDocument>
            rowKey="id"
            size="small"
            dataSource={s.documents}
            columns={columns}
            pagination={false}
            locale={{ emptyText: t('setup.docs.empty') }}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('setup.docs.upload')}
          </Typography.Title>
          <Form form={form} layout="inline" data-testid="doc-upload-form" initialValues={{ kind: 'business_licence' }}>
            <Form.Item name="kind" label={t('setup.docs.kind')} rules={[{ required: true }]}>
              <Select
                style={{ width: 160 }}
                options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`setup.docs.kind_${k}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="number"
              label={t('setup.docs.number')}
              rules={[{ required: true, whitespace: true, message: t('setup.v.required') }, { max: 60 }]}
            >
              <Input data-testid="doc-number" style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="expiresOn" label={t('setup.docs.expiresOn')} extra={t('setup.docs.expiresHint')}>
              <DatePicker data-testid="doc-expires" />
            </Form.Item>
            <Form.Item>
              <input
                ref={fileInput}
                type="file"
                accept={ACCEPT}
                hidden
                onChange={(e) => pick(e.target.files)}
                data-testid="doc-file-input"
              />
              <Space>
                <Button onClick={() => fileInput.current?.click()}>{t('setup.docs.chooseFile')}</Button>
                <Typography.Text type="secondary" data-testid="doc-file-name">
                  {file?.name ?? t('setup.docs.fileHint')}
                </Typography.Text>
                <Button
                  type="primary"
                  loading={upload.isPending}
                  onClick={() => void submit()}
                  data-testid="doc-upload"
                >
                  {t('setup.docs.upload')}
                </Button>
              </Space>
            </Form.Item>
          </Form>
          <Divider titlePlacement="start">{t('ops.suppliers.performance')}</Divider>
          <SupplierPerformance supplierId={s.id} />
        </Space>
      )}
      <Modal
        open={rejecting !== null}
        title={t('setup.docs.rejectTitle')}
        onCancel={() => setRejecting(null)}
        okButtonProps={{ disabled: !reason.trim(), danger: true, 'data-testid': 'doc-reject-confirm' } as never}
        onOk={() => rejecting && review.mutate({ id: rejecting.id, decision: 'rejected', reason: reason.trim() })}
      >
        <Input.TextArea
          value={reason}
          maxLength={500}
          placeholder={t('setup.docs.reasonHint')}
          onChange={(e) => setReason(e.target.value)}
          data-testid="doc-reject-reason"
        />
      </Modal>
    </Drawer>
  );
}
