import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { usePagedList } from '../shared/paging';
import { Card, Collapse, List, Tabs, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { api, type LeaderOrder, type LineStatus, type OrderStatus, type PickList } from './api';
import { lineStage, orderStage } from '../shared/order-words';
import { CampaignBar, useCurrentCampaign, useLeaderCampaigns } from './campaign';
import { calendarDate } from './format';
import { LoadMore, PageTitle, QueryView } from './ui';

type View = 'customer' | 'product' | 'uncollected';

/** 订单: the point's orders of a campaign by customer and by product, and the overdue ones. */
export function OrdersPage() {
  const { t } = useTranslation();
  const campaign = useCurrentCampaign();
  const [view, setView] = useState<View>('customer');
  return (
    <>
      <PageTitle>{t('tabs.orders')}</PageTitle>
      <QueryView query={campaign.query} isEmpty={(list) => list.length === 0} empty={t('campaign.none')}>
        {() => <CampaignBar {...campaign} />}
      </QueryView>
      <Tabs activeKey={view} onChange={(k: string) => setView(k as View)}>
        <Tabs.Tab key="customer" title={<span data-testid="orders-by-customer">{t('orders.byCustomer')}</span>} />
        <Tabs.Tab key="product" title={<span data-testid="orders-by-product">{t('orders.byProduct')}</span>} />
        <Tabs.Tab key="uncollected" title={<span data-testid="orders-uncollected">{t('orders.uncollected')}</span>} />
      </Tabs>
      {view === 'uncollected' ? (
        <Uncollected />
      ) : campaign.current ? (
        view === 'customer' ? (
          <ByCustomer campaignId={campaign.current.id} />
        ) : (
          <ByProduct campaignId={campaign.current.id} />
        )
      ) : null}
    </>
  );
}

/** A line's stage in the words the shop uses too (shared/order-words.ts): never 待截单 after the cutoff. */
export function LineTag({ orderStatus, status }: { orderStatus: OrderStatus; status: LineStatus }) {
  const { t } = useTranslation();
  const stage = lineStage(orderStatus, status);
  const color =
    stage === 'picked_up'
      ? 'success'
      : stage === 'ready'
        ? 'primary'
        : stage === 'short' || stage === 'refunded'
          ? 'danger'
          : 'default';
  return (
    <Tag color={color} fill="outline" data-testid="line-stage" data-stage={stage}>
      {t(`progress.line.${stage}`)}
    </Tag>
  );
}

interface CustomerGroup {
  key: string;
  name: string;
  phone: string;
  orders: LeaderOrder[];
  units: number;
}

/** Groups orders by customer; the masked phone plus name tells customers apart well enough at one point. */
function groupByCustomer(orders: LeaderOrder[]): CustomerGroup[] {
  const groups = new Map<string, CustomerGroup>();
  for (const o of orders) {
    const key = `${o.customer.name}|${o.customer.phone}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, name: o.customer.name, phone: o.customer.phone, orders: [], units: 0 };
      groups.set(key, g);
    }
    g.orders.push(o);
    g.units += o.lines.reduce((n, l) => n + l.quantity - l.refundQuantity, 0);
  }
  return [...groups.values()];
}

function ByCustomer({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  // a point's day is a few hundred orders at most: big pages, the rest as the leader scrolls
  const list = usePagedList<LeaderOrder>(
    api,
    ['leader', 'orders', campaignId],
    `/leader/orders?campaignId=${campaignId}`,
    {
      limit: 200,
    },
  );
  return (
    <QueryView query={list.view} isEmpty={(o) => o.length === 0} empty={t('orders.empty')}>
      {(orders) => (
        <div className="ll-list" data-testid="customer-groups">
          {list.query.hasNextPage ? (
            <p className="ll-summary">{t('common.loadedCount', { count: orders.length })}</p>
          ) : (
            <Summary orders={orders} />
          )}
          {groupByCustomer(orders).map((g) => (
            <Card
              key={g.key}
              className="ll-card"
              data-testid="customer-group"
              title={
                <span>
                  {g.name}{' '}
                  <span className="ll-phone" data-testid="customer-phone">
                    {g.phone}
                  </span>
                </span>
              }
              extra={
                <span className="ll-muted">
                  {t('orders.customerOrders', { count: g.orders.length, units: g.units })}
                </span>
              }
            >
              {g.orders.map((o) => (
                <OrderLines key={o.id} order={o} />
              ))}
            </Card>
          ))}
          <LoadMore query={list.query} />
        </div>
      )}
    </QueryView>
  );
}

/** The day at a glance: how many customers, orders and items, and how many are still to hand over. */
function Summary({ orders }: { orders: LeaderOrder[] }) {
  const { t } = useTranslation();
  const customers = new Set(orders.map((o) => `${o.customer.name}|${o.customer.phone}`)).size;
  const waiting = orders.filter((o) => o.status === 'ready').length;
  const done = orders.filter((o) => o.status === 'completed').length;
  return (
    <p className="ll-summary" data-testid="orders-summary">
      {t('orders.summary', { customers, orders: orders.length, waiting, done })}
    </p>
  );
}

export function OrderLines({ order }: { order: LeaderOrder }) {
  const { t } = useTranslation();
  return (
    <div className="ll-order">
      <div className="ll-order-head">
        <span className="ll-muted">{t('orders.orderNo', { number: order.number })}</span>
        <Tag fill="outline" data-testid="leader-order-stage">
          {t(`progress.stage.${orderStage(order.status, order.lines)}`)}
        </Tag>
      </div>
      <ul className="ll-lines">
        {order.lines.map((l) => (
          <li key={l.id}>
            <span className="ll-grow">{l.productName}</span>
            {/* "2 × 12枚/盒": with no space "×212枚/盒" reads as 212 */}
            <span>
              {l.quantity - l.refundQuantity} × {l.unit}
            </span>
            <LineTag orderStatus={order.status} status={l.status} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function ByProduct({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['leader', 'by-product', campaignId],
    queryFn: () => api.get<PickList[]>(`/leader/orders/by-product?campaignId=${campaignId}`),
  });
  return (
    <QueryView query={query} isEmpty={(p) => p.length === 0} empty={t('orders.empty')}>
      {(products) => (
        <Collapse data-testid="product-groups">
          {products.map((p) => (
            <Collapse.Panel
              key={p.productId}
              title={
                <span className="ll-row" data-testid="product-group">
                  <span className="ll-grow">{p.productName}</span>
                  <strong>{t('orders.units', { count: p.quantity, unit: p.unit })}</strong>
                </span>
              }
            >
              <List>
                {p.orders.map((o) => (
                  <List.Item
                    key={o.lineId}
                    extra={<LineTag orderStatus={o.orderStatus} status={o.lineStatus} />}
                    description={t('orders.orderNo', { number: o.number })}
                  >
                    {o.customer.name} <span className="ll-phone">{o.customer.phone}</span> ×{o.quantity}
                  </List.Item>
                ))}
              </List>
            </Collapse.Panel>
          ))}
        </Collapse>
      )}
    </QueryView>
  );
}

function Uncollected() {
  const { t } = useTranslation();
  // The pickup day comes from the campaign; the list of my point's campaigns already has it.
  const campaigns = useLeaderCampaigns();
  const pickupDay = (campaignId: string | null) => campaigns.data?.find((c) => c.id === campaignId)?.pickupDate;
  const list = usePagedList<LeaderOrder>(api, ['leader', 'uncollected'], '/leader/orders/uncollected');
  return (
    <QueryView query={list.view} isEmpty={(o) => o.length === 0} empty={t('orders.uncollectedEmpty')}>
      {(orders) => (
        <div className="ll-list" data-testid="uncollected-list">
          <p className="ll-hint">{t('orders.uncollectedHint')}</p>
          {orders.map((o) => (
            <Card
              key={o.id}
              className="ll-card"
              data-testid="uncollected-order"
              title={
                <span>
                  {o.customer.name} <span className="ll-phone">{o.customer.phone}</span>
                </span>
              }
              extra={
                pickupDay(o.campaignId) && (
                  <span className="ll-warn">
                    {t('orders.pickupDate', { date: calendarDate(pickupDay(o.campaignId)!) })}
                  </span>
                )
              }
            >
              <OrderLines order={o} />
            </Card>
          ))}
          <LoadMore query={list.query} />
        </div>
      )}
    </QueryView>
  );
}
