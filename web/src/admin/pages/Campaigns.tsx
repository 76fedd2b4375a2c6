import { useState } from 'react';
import { Alert, Button, Space, Table, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../shared/i18n';
import { api } from '../api';
import { CampaignStatus } from '../components/CampaignPicker';
import { usePagedList } from '../../shared/paging';
import { LoadMore, QueryState } from '../components/State';
import { dateTime } from '../format';
import type { Campaign, CutoffResult } from '../types';
import { ImpactConfirm, type Impact, type ImpactRequest } from '../components/ImpactConfirm';

type CutoffImpact = Impact & {
  cancelledUnpaid: number;
  purchaseOrders: number;
  sortingLists: number;
  unsuppliedProducts: CutoffResult['unsuppliedProducts'];
};
const unsuppliedText = (list: { name: string; units: number }[]) => list.map((p) => `${p.name} ×${p.units}`).join('、');

/** Cut a campaign off now (it also happens by itself at cutoffAt) and see the documents it made. */
export default function Campaigns() {
  const { t } = useTranslation();
  const campaigns = usePagedList<Campaign>(api, ['campaigns', 'paged'], '/admin/campaigns');
  const queryClient = useQueryClient();
  const [result, setResult] = useState<{ campaign: Campaign; result: CutoffResult } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [asking, setAsking] = useState<ImpactRequest<CutoffImpact> | null>(null);
  // the early cutoff is confirmed on the server's figures of what it will do
  const ask = (c: Campaign) =>
    setAsking({
      key: `cutoff:${c.id}:${Date.now()}`,
      title: t('ops.impact.cutoffTitle', { title: c.title }),
      fetch: () => api.post<CutoffImpact>(`/admin/campaigns/${c.id}/cutoff/preview`),
      labels: {
        orders: t('ops.impact.cutoffOrders'),
        units: t('ops.impact.cutoffUnits'),
        amount: t('ops.impact.cutoffAmount'),
        refund: t('ops.impact.cutoffRefund'),
      },
      extra: (p) => [
        {
          key: 'cancelled',
          label: t('ops.impact.cancelledUnpaid'),
          value: t('ops.impact.ordersUnit', { n: p.cancelledUnpaid }),
        },
        {
          key: 'documents',
          label: t('ops.impact.documents'),
          value: t('ops.impact.documentsText', { po: p.purchaseOrders, sl: p.sortingLists }),
        },
        ...(p.unsuppliedProducts.length
          ? [
              {
                key: 'unsupplied',
                label: t('ops.cutoff.unsupplied'),
                value: unsuppliedText(p.unsuppliedProducts),
              },
            ]
          : []),
      ],
      okText: t('ops.cutoff.button'),
      danger: true,
      confirmTestId: 'cutoff-confirm',
      onConfirm: () => cutoff.mutate(c),
    });
  // For a campaign already cut off the same call shows its result: the server answers the counts of
  // the documents that exist and changes nothing (contract: running it twice changes nothing).
  const cutoff = useMutation({
    mutationFn: (c: Campaign) => api.post<CutoffResult>(`/admin/campaigns/${c.id}/cutoff`),
    onMutate: () => {
      setFailure(null);
      setResult(null);
    },
    onSuccess: (r, c) => {
      setResult({ campaign: c, result: r });
      void queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      void queryClient.invalidateQueries({ queryKey: ['purchase-orders', c.id] });
      void queryClient.invalidateQueries({ queryKey: ['sorting-lists', c.id] });
    },
    onError: (err) => setFailure(errorText(err)),
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('ops.nav.campaigns')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('ops.cutoff.intro')}</Typography.Text>
      </div>
      {failure && <Alert type="error" showIcon title={failure} closable data-testid="cutoff-error" />}
      {result && (
        <Alert
          type="success"
          showIcon
          data-testid="cutoff-result"
          title={t(result.result.ranNow === false ? 'ops.cutoff.alreadyDone' : 'ops.cutoff.done', {
            title: result.campaign.title,
          })}
          description={
            <Space orientation="vertical">
              <span data-testid="cutoff-counts">{t('ops.cutoff.counts', { ...result.result })}</span>
              {result.result.unsuppliedProducts.length > 0 && (
                <Typography.Text type="danger" data-testid="cutoff-unsupplied">
                  {t('ops.cutoff.unsupplied')}: {unsuppliedText(result.result.unsuppliedProducts)}
                </Typography.Text>
              )}
              <Space>
                <Link to={`/purchase-orders?campaignId=${result.campaign.id}`}>{t('ops.cutoff.toPurchaseOrders')}</Link>
                <Link to={`/sorting?campaignId=${result.campaign.id}`}>{t('ops.cutoff.toSorting')}</Link>
              </Space>
            </Space>
          }
        />
      )}
      <QueryState query={campaigns.view} isEmpty={(d) => d.length === 0}>
        {(data) => (
          <Table<Campaign>
            rowKey="id"
            dataSource={data}
            pagination={false}
            footer={() => <LoadMore query={campaigns.query} />}
            data-testid="campaign-table"
            columns={[
              {
                title: t('ops.campaign.title'),
                dataIndex: 'title',
                render: (title: string, c: Campaign) => (
                  <Space size={4} wrap>
                    {title}
                    {c.unsuppliedDeals.length > 0 && (
                      <Typography.Text type="danger" data-testid="campaign-unsupplied">
                        {t('ops.cutoff.unsuppliedDeals', {
                          names: c.unsuppliedDeals.map((d) => `${d.name}（${d.supplierName}）`).join('、'),
                        })}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('ops.campaign.status'),
                dataIndex: 'status',
                render: (s: string) => <CampaignStatus status={s} />,
              },
              { title: t('ops.campaign.startsAt'), dataIndex: 'startsAt', render: dateTime },
              { title: t('ops.campaign.cutoffAt'), dataIndex: 'cutoffAt', render: dateTime },
              { title: t('ops.campaign.pickup'), dataIndex: 'pickupDate' },
              {
                title: t('ops.campaign.items'),
                key: 'items',
                align: 'right',
                render: (_: unknown, c: Campaign) => c.items.length,
              },
              {
                title: t('ops.campaign.sold'),
                key: 'sold',
                align: 'right',
                render: (_: unknown, c: Campaign) => c.items.reduce((a, i) => a + (i.sold ?? 0), 0),
              },
              {
                title: t('ops.common.actions'),
                key: 'actions',
                render: (_: unknown, c: Campaign) =>
                  c.status === 'open' ? (
                    <Button
                      danger
                      loading={cutoff.isPending && cutoff.variables?.id === c.id}
                      onClick={() => ask(c)}
                      data-testid="cutoff-button"
                    >
                      {t('ops.cutoff.button')}
                    </Button>
                  ) : (
                    <Button
                      onClick={() => cutoff.mutate(c)}
                      loading={cutoff.isPending && cutoff.variables?.id === c.id}
                      data-testid="cutoff-view"
                    >
                      {t('ops.cutoff.view')}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </QueryState>
      <ImpactConfirm request={asking} onClose={() => setAsking(null)} />
    </Space>
  );
}
