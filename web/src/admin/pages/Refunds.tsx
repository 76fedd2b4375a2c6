import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Button, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';
import { api } from '../api';
import { type MorePages, usePagedList } from '../../shared/paging';
import { LoadMore, QueryState } from '../components/State';
import { dateTime } from '../format';
import type { Refund } from '../types';
import { ImpactConfirm, type Impact, type ImpactRequest } from '../components/ImpactConfirm';

type Tab = 'requested' | 'refunded' | 'rejected';
const TABS: Tab[] = ['requested', 'refunded', 'rejected'];
/** kinds the server can filter on */
const KINDS = ['aftersales', 'shortage', 'arrival_loss', 'cancel', 'price_adjustment'];
const PAYOUT_COLOURS: Record<NonNullable<Refund['payout']>, string> = {
  pending: 'orange',
  processing: 'orange',
  succeeded: 'green',
  failed: 'red',
};

/**
 * The after-sales approval queue and the refund history. Tab and kind live in the URL
 * (?status=refunded&kind=shortage), so a receipt can link to the shortage refunds it caused.
 */
export default function Refunds() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.includes(params.get('status') as Tab) ? (params.get('status') as Tab) : 'requested';
  const kind = KINDS.includes(params.get('kind') ?? '') ? params.get('kind')! : undefined;
  const set = (key: string, value: string | undefined) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  const refunds = usePagedList<Refund>(
    api,
    ['refunds', tab, kind],
    `/admin/refunds?status=${tab}${kind ? `&kind=${kind}` : ''}`,
  );
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.refunds')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k: string) => set('status', k)}
        items={TABS.map((k) => ({ key: k, label: t(`ops.refunds.tab_${k}`) }))}
        tabBarExtraContent={
          <Select
            allowClear
            style={{ width: 200 }}
            placeholder={t('ops.refunds.anyKind')}
            value={kind}
            onChange={(v?: string) => set('kind', v)}
            data-testid="refund-kind"
            options={KINDS.map((k) => ({ value: k, label: t(`ops.refunds.kind_${k}`) }))}
          />
        }
      />
      <QueryState
        query={refunds.view}
        isEmpty={(d) => d.length === 0}
        emptyText={tab === 'requested' && !kind ? t('ops.refunds.queueEmpty') : undefined}
      >
        {(data) => <RefundTable rows={data} decide={tab === 'requested'} more={refunds.query} />}
      </QueryState>
    </Space>
  );
}

function RefundTable({ rows, decide, more }: { rows: Refund[]; decide: boolean; more: MorePages }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState<Refund | null>(null);
  // approving is confirmed on the server's figures: the money back and the customer told
  const [approving, setApproving] = useState<ImpactRequest<Impact> | null>(null);
  const [note, setNote] = useState('');
  const action = useMutation({
    mutationFn: ({ r, approve, note }: { r: Refund; approve: boolean; note?: string }) =>
      api.post(`/admin/refunds/${r.id}/${approve ? 'approve' : 'reject'}`, approve ? {} : { note: note || undefined }),
    onSuccess: (_, v) => {
      void message.success(
        t(v.approve ? 'ops.refunds.approved' : 'ops.refunds.rejected', {
          amount: yuan(v.r.amountFen),
          number: v.r.orderNumber,
        }),
      );
      setRejecting(null);
      setNote('');
      void queryClient.invalidateQueries({ queryKey: ['refunds'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const busy = (r: Refund) => action.isPending && action.variables?.r.id === r.id;

  return (
    <>
      <Table<Refund>
        rowKey="id"
        dataSource={rows}
        data-testid="refund-table"
        pagination={false}
        footer={() => <LoadMore query={more} />}
        columns={[
          { title: t('ops.orders.number'), dataIndex: 'orderNumber' },
          {
            title: t('ops.orders.customer'),
            key: 'c',
            render: (_: unknown, r: Refund) => `${r.customer.name} ${r.customer.phone}`,
          },
          {
            title: t('ops.refunds.kind'),
            dataIndex: 'kind',
            render: (k: string) => <Tag>{t(`ops.refunds.kind_${k}`, { defaultValue: k })}</Tag>,
          },
          {
            title: t('ops.refunds.reason'),
            key: 'reason',
            render: (_: unknown, r: Refund) => (
              // Only an after-sales note is the customer's own words; system refunds carry a fixed English sentence the reason already says.
              <span>
                {t(`ops.refunds.reason_${r.reason}`, { defaultValue: r.reason })}
                {r.note && r.kind === 'aftersales' ? `${t('ops.common.noteSep')}${r.note}` : ''}
              </span>
            ),
          },
          {
            title: t('ops.refunds.lines'),
            key: 'lines',
            render: (_: unknown, r: Refund) =>
              r.lines.map((l) => `${l.productName} ×${l.quantity}`).join(t('ops.common.listSep')),
          },
          {
            title: t('ops.refunds.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => <strong>{yuan(v)}</strong>,
          },
          { title: t('ops.refunds.createdAt'), dataIndex: 'createdAt', render: dateTime },
          // where an approved refund's money is: WeChat Pay answers later (退款中 until then)
          ...(decide
            ? []
            : [
                {
                  title: t('ops.refunds.payout'),
                  dataIndex: 'payout',
                  render: (p: Refund['payout']) =>
                    p ? (
                      <Tag color={PAYOUT_COLOURS[p]} data-testid="refund-payout">
                        {t(`ops.refunds.payout_${p}`)}
                      </Tag>
                    ) : null,
                },
              ]),
          decide
            ? {
                title: t('ops.common.actions'),
                key: 'actions',
                render: (_: unknown, r: Refund) => (
                  <Space>
                    <Button
                      type="primary"
                      size="small"
                      loading={busy(r)}
                      onClick={() =>
                        setApproving({
                          key: `refund:${r.id}:${Date.now()}`,
                          title: t('ops.impact.refundTitle'),
                          fetch: () => api.post<Impact>(`/admin/refunds/${r.id}/approve/preview`),
                          labels: { units: t('ops.impact.refundUnits'), amount: t('ops.impact.refundAmount') },
                          okText: t('ops.refunds.approve'),
                          confirmTestId: 'refund-approve-confirm',
                          onConfirm: () => action.mutate({ r, approve: true }),
                        })
                      }
                      data-testid="refund-approve"
                    >
                      {t('ops.refunds.approve')}
                    </Button>
                    <Button
                      danger
                      size="small"
                      disabled={busy(r)}
                      onClick={() => setRejecting(r)}
                      data-testid="refund-reject"
                    >
                      {t('ops.refunds.reject')}
                    </Button>
                  </Space>
                ),
              }
            : { title: t('ops.refunds.decidedAt'), dataIndex: 'decidedAt', render: dateTime },
        ]}
      />
      <ImpactConfirm request={approving} onClose={() => setApproving(null)} />
      <Modal
        open={!!rejecting}
        title={t('ops.refunds.rejectTitle', { number: rejecting?.orderNumber ?? '' })}
        okText={t('ops.refunds.reject')}
        cancelText={t('common.cancel')}
        okButtonProps={
          { danger: true, loading: action.isPending, 'data-testid': 'refund-reject-confirm' } as ButtonProps
        }
        onOk={() => rejecting && action.mutate({ r: rejecting, approve: false, note: note.trim() })}
        onCancel={() => {
          setRejecting(null);
          setNote('');
        }}
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={note}
          onChange={(e: { target: { value: string } }) => setNote(e.target.value)}
          placeholder={t('ops.refunds.rejectNote')}
          data-testid="refund-reject-note"
        />
      </Modal>
    </>
  );
}
