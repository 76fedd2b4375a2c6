import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { App, Button, Popconfirm, Space, Table, Tabs, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';
import { api } from '../api';
import { usePagedList } from '../../shared/paging';
import { LoadMore, QueryState } from '../components/State';
import { dateTime } from '../format';
import type { Withdrawal } from '../types';

type Tab = 'requested' | 'paid' | 'rejected';

/** Leaders' withdrawal requests: mark paid once the transfer is made, or reject (money returns to available). */
export default function Withdrawals() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<Tab>('requested');
  const list = usePagedList<Withdrawal>(api, ['withdrawals', tab], `/admin/withdrawals?status=${tab}`);
  const action = useMutation({
    mutationFn: ({ w, pay }: { w: Withdrawal; pay: boolean }) =>
      api.post(`/admin/withdrawals/${w.id}/${pay ? 'pay' : 'reject'}`),
    onSuccess: (_, v) => {
      void message.success(
        t(v.pay ? 'ops.withdrawals.paidDone' : 'ops.withdrawals.rejectedDone', {
          amount: yuan(v.w.amountFen),
          name: v.w.leaderName ?? '',
        }),
      );
      void queryClient.invalidateQueries({ queryKey: ['withdrawals'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const busy = (w: Withdrawal) => action.isPending && action.variables?.w.id === w.id;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.withdrawals')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k: string) => setTab(k as Tab)}
        items={(['requested', 'paid', 'rejected'] as Tab[]).map((k) => ({
          key: k,
          label: t(`ops.withdrawals.tab_${k}`),
        }))}
      />
      <QueryState
        query={list.view}
        isEmpty={(d) => d.length === 0}
        emptyText={tab === 'requested' ? t('ops.withdrawals.queueEmpty') : undefined}
      >
        {(data) => (
          <Table<Withdrawal>
            rowKey="id"
            dataSource={data}
            data-testid="withdrawal-table"
            pagination={false}
            footer={() => <LoadMore query={list.query} />}
            columns={[
              {
                title: t('ops.withdrawals.leader'),
                key: 'leader',
                render: (_: unknown, w: Withdrawal) => w.leaderName ?? w.leaderId,
              },
              { title: t('ops.sorting.point'), dataIndex: 'pickupPointName', render: (v?: string) => v ?? '—' },
              {
                title: t('ops.withdrawals.amount'),
                dataIndex: 'amountFen',
                align: 'right',
                render: (v: number) => <strong>{yuan(v)}</strong>,
              },
              { title: t('ops.withdrawals.requestedAt'), dataIndex: 'createdAt', render: dateTime },
              tab === 'requested'
                ? {
                    title: t('ops.common.actions'),
                    key: 'actions',
                    render: (_: unknown, w: Withdrawal) => (
                      <Space>
                        <Popconfirm
                          title={t('ops.withdrawals.payConfirm', { amount: yuan(w.amountFen) })}
                          okText={t('ops.withdrawals.pay')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => action.mutate({ w, pay: true })}
                          okButtonProps={{ 'data-testid': 'withdrawal-pay-confirm' } as ButtonProps}
                        >
                          <Button type="primary" size="small" loading={busy(w)} data-testid="withdrawal-pay">
                            {t('ops.withdrawals.pay')}
                          </Button>
                        </Popconfirm>
                        <Popconfirm
                          title={t('ops.withdrawals.rejectConfirm')}
                          okText={t('ops.withdrawals.reject')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => action.mutate({ w, pay: false })}
                          okButtonProps={{ danger: true }}
                        >
                          <Button danger size="small" disabled={busy(w)} data-testid="withdrawal-reject">
                            {t('ops.withdrawals.reject')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  }
                : { title: t('ops.refunds.decidedAt'), dataIndex: 'decidedAt', render: dateTime },
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}
