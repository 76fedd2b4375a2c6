import { useState } from 'react';
import { Button, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { yuan } from '../../shared/money';
import { api } from '../api';
import { useCampaigns } from '../components/CampaignPicker';
import { QueryState } from '../components/State';
import { LineStatus, OrderStatus } from '../components/StatusTag';
import { dateTime } from '../format';
import type { Order, OrderLine } from '../types';

const STATUSES = ['pending_payment', 'paid', 'cancelled', 'closed', 'ready', 'completed'];
interface Filters {
  q?: string;
  status?: string;
  campaignId?: string;
}

/** Order search: by order number (LL…), phone prefix or customer name, status and campaign. */
export default function Orders() {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const [filters, setFilters] = useState<Filters>({});
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]).toString();
  const orders = useQuery({
    queryKey: ['orders', query],
    queryFn: () => api.get<Order[]>(`/admin/orders?limit=100${query ? `&${query}` : ''}`),
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.orders')}
      </Typography.Title>
      <Form layout="inline" onFinish={(v: Filters) => setFilters({ ...v, q: v.q?.trim() })} data-testid="order-search">
        <Form.Item name="q" label={t('ops.orders.search')}>
          <Input allowClear placeholder={t('ops.orders.searchHint')} style={{ width: 280 }} data-testid="order-q" />
        </Form.Item>
        <Form.Item name="status" label={t('ops.orders.status')}>
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('ops.orders.any')}
            data-testid="order-status"
            options={STATUSES.map((s) => ({ value: s, label: t(`ops.orderStatus.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="campaignId" label={t('ops.campaign.label')}>
          <Select
            allowClear
            style={{ width: 260 }}
            placeholder={t('ops.orders.any')}
            loading={campaigns.isPending}
            options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="order-submit">
            {t('ops.orders.searchButton')}
          </Button>
        </Form.Item>
      </Form>
      <QueryState query={orders} isEmpty={(d) => d.length === 0} emptyText={t('ops.orders.none')}>
        {(data) => (
          <Table<Order>
            rowKey="id"
            dataSource={data}
            data-testid="order-table"
            pagination={{
              pageSize: 20,
              showSizeChanger: false,
              showTotal: (n: number) => t('ops.orders.count', { count: n }),
            }}
            expandable={{ expandedRowRender: (o: Order) => <OrderLines lines={o.lines} /> }}
            columns={[
              { title: t('ops.orders.number'), dataIndex: 'number' },
              {
                title: t('ops.orders.customer'),
                key: 'customer',
                render: (_: unknown, o: Order) => `${o.customer.name} ${o.customer.phone}`,
              },
              { title: t('ops.orders.status'), dataIndex: 'status', render: (s: string) => <OrderStatus status={s} /> },
              { title: t('ops.orders.total'), dataIndex: 'totalFen', align: 'right', render: (v: number) => yuan(v) },
              {
                title: t('ops.orders.refunded'),
                dataIndex: 'refundedFen',
                align: 'right',
                render: (v: number) => (v ? yuan(v) : '—'),
              },
              { title: t('ops.orders.paidAt'), dataIndex: 'paidAt', render: dateTime },
              { title: t('ops.orders.createdAt'), dataIndex: 'createdAt', render: dateTime },
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}

function OrderLines({ lines }: { lines: OrderLine[] }) {
  const { t } = useTranslation();
  return (
    <Table<OrderLine>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={lines}
      columns={[
        { title: t('ops.po.product'), dataIndex: 'productName' },
        { title: t('ops.orders.quantity'), dataIndex: 'quantity', align: 'right' },
        { title: t('ops.orders.unitPrice'), dataIndex: 'unitPriceFen', align: 'right', render: (v: number) => yuan(v) },
        { title: t('ops.orders.discount'), dataIndex: 'discountFen', align: 'right', render: (v: number) => yuan(v) },
        { title: t('ops.orders.paid'), dataIndex: 'paidFen', align: 'right', render: (v: number) => yuan(v) },
        {
          title: t('ops.orders.refunded'),
          dataIndex: 'refundedFen',
          align: 'right',
          render: (v: number) => (v ? yuan(v) : '—'),
        },
        { title: t('ops.orders.status'), dataIndex: 'status', render: (s: string) => <LineStatus status={s} /> },
      ]}
    />
  );
}
