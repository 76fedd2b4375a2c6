import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { allPages, usePagedList } from '../../shared/paging';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { CampaignPicker, useCampaignChoice } from '../components/CampaignPicker';
import { ExportButtons } from '../components/ExportButtons';
import { EmptyState, LoadMore, QueryState } from '../components/State';
import { dateTime } from '../format';
import { ForecastAccuracy } from '../forecast/ForecastAccuracy';
import type { PurchaseOrder, PurchaseOrderLine } from '../types';

/** All of a campaign's purchase orders (one per supplier), by supplier: for paper. */
export function useAllPurchaseOrders(campaignId: string | null) {
  return useQuery({
    queryKey: ['purchase-orders', campaignId, 'all'],
    queryFn: async () =>
      (await allPages<PurchaseOrder>(api, `/admin/purchase-orders?campaignId=${campaignId}`)).sort((a, b) =>
        a.supplierName.localeCompare(b.supplierName, 'zh-CN'),
      ),
    enabled: !!campaignId,
  });
}

export function PoStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return status === 'received' ? (
    <Tag color="green">{t('ops.po.received')}</Tag>
  ) : (
    <Tag color="orange">{t('ops.po.open')}</Tag>
  );
}

export function PoLinesTable({ lines }: { lines: PurchaseOrderLine[] }) {
  const { t } = useTranslation();
  const qty = (v: number | null) => (v === null ? '—' : v);
  return (
    <Table<PurchaseOrderLine>
      rowKey="productId"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={lines}
      columns={[
        { title: t('ops.po.product'), dataIndex: 'productName' },
        { title: t('ops.po.unit'), dataIndex: 'unit' },
        { title: t('ops.po.packSize'), dataIndex: 'packSize', align: 'right' },
        { title: t('ops.po.demand'), dataIndex: 'demandQuantity', align: 'right' },
        { title: t('ops.po.fromStock'), dataIndex: 'fromStockQuantity', align: 'right' },
        {
          title: t('ops.po.quantity'),
          dataIndex: 'quantity',
          align: 'right',
          render: (v: number) => <strong>{v}</strong>,
        },
        { title: t('ops.po.accepted'), dataIndex: 'acceptedQuantity', align: 'right', render: qty },
        { title: t('ops.po.rejected'), dataIndex: 'rejectedQuantity', align: 'right', render: qty },
      ]}
    />
  );
}

/** A campaign's purchase orders, one per supplier, with receiving, print and export. */
export default function PurchaseOrders() {
  const { t } = useTranslation();
  const choice = useCampaignChoice();
  const list = usePagedList<PurchaseOrder>(
    api,
    ['purchase-orders', choice.campaignId],
    `/admin/purchase-orders?campaignId=${choice.campaignId}`,
    { enabled: !!choice.campaignId },
  );
  const navigate = useNavigate();

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.purchaseOrders')}
      </Typography.Title>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <CampaignPicker choice={choice} />
        {choice.campaignId && (
          <ExportButtons
            campaignId={choice.campaignId}
            printPath="/print/purchase-orders"
            exportPath="/admin/purchase-orders/export.xlsx"
            testId="po"
          />
        )}
      </Space>
      {!choice.campaignId && !choice.campaigns.isPending ? (
        <EmptyState text={t('ops.campaign.none')} />
      ) : (
        <QueryState
          query={list.view}
          isEmpty={(d) => d.length === 0}
          emptyText={choice.campaign?.status === 'open' ? t('ops.po.emptyOpen') : t('ops.po.empty')}
        >
          {(data) => (
            // aria-busy while a refresh is under way (after a receipt the list shown first is the cached one)
            <Space
              orientation="vertical"
              size="middle"
              style={{ width: '100%' }}
              data-testid="po-list"
              aria-busy={list.query.isFetching}
            >
              <Typography.Text type="secondary">
                {t('ops.po.summary', { count: data.length, open: data.filter((p) => p.status !== 'received').length })}
              </Typography.Text>
              {data.map((po) => (
                <Card
                  key={po.id}
                  data-testid="po-card"
                  title={
                    <Space>
                      {po.supplierName}
                      <PoStatus status={po.status} />
                    </Space>
                  }
                  extra={
                    <Space>
                      {po.receivedAt && (
                        <Typography.Text type="secondary">
                          {t('ops.po.receivedAt', { at: dateTime(po.receivedAt) })}
                        </Typography.Text>
                      )}
                      {po.status === 'received' ? (
                        <Link to={`/purchase-orders/${po.id}/receive?campaignId=${po.campaignId}`}>
                          {t('ops.po.viewReceipt')}
                        </Link>
                      ) : (
                        <Button
                          type="primary"
                          data-testid="po-receive"
                          onClick={() => navigate(`/purchase-orders/${po.id}/receive?campaignId=${po.campaignId}`)}
                        >
                          {t('ops.po.receive')}
                        </Button>
                      )}
                    </Space>
                  }
                >
                  <PoLinesTable lines={po.lines} />
                </Card>
              ))}
              <LoadMore query={list.query} />
            </Space>
          )}
        </QueryState>
      )}
      {choice.campaignId && <ForecastAccuracy campaignId={choice.campaignId} />}
    </Space>
  );
}
