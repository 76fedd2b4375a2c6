import { useState } from 'react';
import { Button, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePagedList } from '../../shared/paging';
import { yuan } from '../../shared/money';
import { api } from '../api';
import { useCampaigns } from '../components/CampaignPicker';
import { LoadMore, QueryState } from '../components/State';
import { LineStatus, OrderStatus } from '../components/StatusTag';
import { dateTime } from '../format';
import type { Order, OrderLine } from '../types';

const STATUSES = ['pending_payment', 'paid', 'cancelled', 'closed', 'ready', 'completed'];
/** A day as the date picker gives it (a dayjs value): only what the search needs of it. */
interface Day {
  startOf(unit: 'day'): Day;
  add(n: number, unit: 'day'): Day;
  toISOString(): string;
}
interface Filters {
  q?: string;
  status?: string;
  campaignId?: string;
  createdFrom?: string;
  createdTo?: string;
}
type FormValues = Omit<Filters, 'createdFrom' | 'createdTo'> & { days?: [Day | null, Day | null] | null };

/**
 * Order search: by order number (LL…), phone or customer name, status, campaign and the days the
 * orders were placed; newest first, the next page loaded as the operator scrolls to the end.
 */
export default function Orders() {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const [filters, setFilters] = useState<Filters>({});
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]).toString();
  const orders = usePagedList<Order>(api, ['orders', query], `/admin/orders${query ? `?${query}` : ''}`, {
    limit: 50,
  });
  const search = ({ days, ...v }: FormValues) =>
    setFilters({
      ...v,
      q: v.q?.trim(),
      // whole days, in the operator's time zone: from the first day's start to the last day's end
      createdFrom: days?.[0]?.startOf('day').toISOString(),
      createdTo: days?.[1]?.startOf('day').add(1, 'day').toISOString(),
    });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.orders')}
      </Typography.Title>
      <Form layout="inline" onFinish={search} data-testid="order-search">
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
        <Form.Item name="days" label={t('ops.orders.days')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="order-days" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="order-submit">
            {t('ops.orders.searchButton')}
          </Button>
        </Form.Item>
      </Form>
      <QueryState query={orders.view} isEmpty={(d) => d.length === 0} emptyText={t('ops.orders.none')}>
        {(data) => (
          <Table<Order>
            rowKey="id"
            dataSource={data}
            data-testid="order-table"
            pagination={false}
            footer={() => (
              <>
                <Typography.Text type="secondary" data-testid="order-count">
                  {orders.query.hasNextPage
                    ? t('common.loadedCount', { count: data.length })
                    : t('ops.orders.count', { count: data.length })}
                </Typography.Text>
                <LoadMore query={orders.query} />
              </>
            )}
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
