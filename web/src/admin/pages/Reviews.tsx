import { useState } from 'react';
import { App, Button, Image, Input, Modal, Rate, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { usePagedList } from '../../shared/paging';
import { useSession } from '../../shared/session';
import { api, consoleRoles } from '../api';
import { ReportToolbar } from '../components/ReportToolbar';
import { LoadMore, QueryState } from '../components/State';
import { dateTime } from '../format';
import { mayOpen, TEAMS } from '../nav';

type Review = Answer<'/admin/reviews'>[number];
type ReportRow = Answer<'/admin/reviews/report'>[number];

/**
 * 评价管理: the customers' reviews of the operator's regions, newest first (the low ones or the
 * hidden ones on their own), hidden from the shop with a reason or shown again; and the report
 * per product or supplier with its .xlsx.
 */
export default function Reviews() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.reviews')}
      </Typography.Title>
      <Tabs
        items={[
          { key: 'queue', label: t('ops.reviews.queue'), children: <Queue /> },
          { key: 'report', label: t('ops.reviews.report'), children: <Report /> },
        ]}
      />
    </Space>
  );
}

function Queue() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mayModerate = mayOpen(consoleRoles(useSession(api)?.user.roles), TEAMS.moderation);
  const [show, setShow] = useState<'all' | 'low' | 'hidden'>('all');
  const query = show === 'low' ? '?maxRating=2' : show === 'hidden' ? '?hidden=true' : '';
  const list = usePagedList<Review>(api, ['admin-reviews', show], `/admin/reviews${query}`);
  const [hiding, setHiding] = useState<{ review: Review; reason: string } | null>(null);
  const moderate = useMutation({
    mutationFn: (v: { review: Review; reason: string | null }) =>
      v.reason === null
        ? api.post<Review>(`/admin/reviews/${v.review.id}/show`)
        : api.post<Review>(`/admin/reviews/${v.review.id}/hide`, { reason: v.reason }),
    onSuccess: (_, v) => {
      void message.success(t(v.reason === null ? 'ops.reviews.shownDone' : 'ops.reviews.hiddenDone'));
      setHiding(null);
      void qc.invalidateQueries({ queryKey: ['admin-reviews'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Segmented
        value={show}
        onChange={(v) => setShow(v as typeof show)}
        options={[
          { value: 'all', label: t('ops.reviews.all') },
          { value: 'low', label: t('ops.reviews.low') },
          { value: 'hidden', label: t('ops.reviews.hidden') },
        ]}
        data-testid="reviews-filter"
      />
      <QueryState query={list.view} isEmpty={(d) => d.length === 0} emptyText={t('ops.reviews.empty')}>
        {(data) => (
          <Table<Review>
            rowKey="id"
            dataSource={data}
            pagination={false}
            data-testid="reviews-table"
            footer={() => <LoadMore query={list.query} />}
            onRow={(r) => ({ 'data-testid': `review-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('ops.reviews.product'), dataIndex: 'productName' },
              {
                title: t('ops.reviews.rating'),
                dataIndex: 'rating',
                render: (v: number) => <Rate disabled value={v} style={{ fontSize: 12 }} />,
              },
              {
                title: t('ops.reviews.text'),
                key: 'text',
                render: (_: unknown, r: Review) => (
                  <Space orientation="vertical" size={4}>
                    <span>{r.text ?? '—'}</span>
                    {r.photos.length > 0 && (
                      <Image.PreviewGroup>
                        <Space size={4}>
                          {r.photos.map((p) => (
                            <Image key={p.id} src={p.thumbUrl} preview={{ src: p.url }} width={48} height={48} />
                          ))}
                        </Space>
                      </Image.PreviewGroup>
                    )}
                  </Space>
                ),
              },
              {
                title: t('ops.reviews.customer'),
                key: 'customer',
                render: (_: unknown, r: Review) => `${r.customerName} ${r.customerPhone}`,
              },
              { title: t('ops.reviews.createdAt'), dataIndex: 'createdAt', render: dateTime },
              {
                title: t('ops.reviews.status'),
                key: 'status',
                render: (_: unknown, r: Review) =>
                  r.hidden ? (
                    <Tag color="red" data-testid="review-status">
                      {t('ops.reviews.hiddenBecause', { reason: r.hiddenReason })}
                    </Tag>
                  ) : (
                    <Tag color="green" data-testid="review-status">
                      {t('ops.reviews.shown')}
                    </Tag>
                  ),
              },
              ...(mayModerate
                ? [
                    {
                      title: t('ops.common.actions'),
                      key: 'actions',
                      render: (_: unknown, r: Review) =>
                        r.hidden ? (
                          <Button
                            size="small"
                            onClick={() => moderate.mutate({ review: r, reason: null })}
                            data-testid="review-show"
                          >
                            {t('ops.reviews.show')}
                          </Button>
                        ) : (
                          <Button
                            size="small"
                            danger
                            onClick={() => setHiding({ review: r, reason: '' })}
                            data-testid="review-hide"
                          >
                            {t('ops.reviews.hide')}
                          </Button>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
      <Modal
        open={hiding !== null}
        title={t('ops.reviews.hideTitle')}
        okText={t('ops.reviews.hide')}
        cancelText={t('common.cancel')}
        onCancel={() => setHiding(null)}
        okButtonProps={
          { danger: true, disabled: !hiding?.reason.trim(), 'data-testid': 'review-hide-confirm' } as ButtonProps
        }
        confirmLoading={moderate.isPending}
        onOk={() => hiding && moderate.mutate({ review: hiding.review, reason: hiding.reason.trim() })}
      >
        {hiding && (
          <Input
            value={hiding.reason}
            maxLength={200}
            placeholder={t('ops.reviews.reasonPlaceholder')}
            onChange={(e) => setHiding({ ...hiding, reason: e.target.value })}
            data-testid="review-hide-reason"
            aria-label={t('ops.reviews.reason')}
          />
        )}
      </Modal>
    </Space>
  );
}

function Report() {
  const { t } = useTranslation();
  const [by, setBy] = useState<'product' | 'supplier'>('product');
  const [days, setDays] = useState(30);
  const report = useQuery({
    queryKey: ['review-report', by, days],
    queryFn: () => api.get<ReportRow[]>(`/admin/reviews/report?by=${by}&days=${days}`),
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ReportToolbar
        by={by}
        onBy={setBy}
        byOptions={[
          { value: 'product', label: t('ops.reviews.byProduct') },
          { value: 'supplier', label: t('ops.reviews.bySupplier') },
        ]}
        days={days}
        onDays={setDays}
        exportPath="/admin/reviews/report.xlsx"
        testId="reviews"
      />
      <QueryState query={report} isEmpty={(d) => d.length === 0} emptyText={t('ops.reviews.empty')}>
        {(data) => (
          <Table<ReportRow>
            rowKey="key"
            dataSource={data}
            pagination={{ pageSize: 20 }}
            data-testid="reviews-report"
            columns={[
              { title: t(by === 'product' ? 'ops.reviews.product' : 'ops.reviews.supplier'), dataIndex: 'name' },
              { title: t('ops.reviews.count'), dataIndex: 'reviews', sorter: (a, b) => a.reviews - b.reviews },
              {
                title: t('ops.reviews.average'),
                dataIndex: 'average',
                sorter: (a, b) => (a.average ?? 0) - (b.average ?? 0),
                render: (v: number | null) => (v === null ? '—' : v.toFixed(2)),
              },
              { title: t('ops.reviews.lowCount'), dataIndex: 'low', sorter: (a, b) => a.low - b.low },
              { title: t('ops.reviews.withPhotos'), dataIndex: 'withPhotos' },
              { title: t('ops.reviews.hiddenCount'), dataIndex: 'hidden' },
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}
