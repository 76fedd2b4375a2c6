import { useState } from 'react';
import { CapsuleTabs, Card, PullToRefresh } from 'antd-mobile';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type Order, type OrderStatus } from '../api';
import { yuan } from '../../shared/money';
import { usePagedList } from '../../shared/paging';
import { LoadMore, Query, Nothing } from '../components/State';
import { OrderStatusTag } from '../components/OrderStatus';
import { dateTime } from '../format';

/** The status filters of the order list; 待提货 covers everything paid and not yet picked up. */
const FILTERS: Record<string, OrderStatus[] | null> = {
  all: null,
  unpaid: ['pending_payment'],
  toPickUp: ['paid', 'closed', 'ready'],
  completed: ['completed'],
  cancelled: ['cancelled'],
};

/** 订单: the customer's orders, newest first, filtered by status; the next page as the customer scrolls. */
export function OrdersPage() {
  const { t } = useTranslation();
  const orders = usePagedList<Order>(api, ['orders'], '/me/orders', { limit: 20 });
  const [filter, setFilter] = useState('all');
  const statuses = FILTERS[filter];
  return (
    <div className="shop-page">
      <header className="shop-header">
        <h1>{t('orders.title')}</h1>
      </header>
      <CapsuleTabs activeKey={filter} onChange={setFilter} className="shop-order-filter">
        {Object.keys(FILTERS).map((key) => (
          <CapsuleTabs.Tab
            key={key}
            title={<span data-testid={`orders-filter-${key}`}>{t(`orders.filter.${key}`)}</span>}
          />
        ))}
      </CapsuleTabs>
      <PullToRefresh onRefresh={async () => void (await orders.query.refetch())}>
        <Query q={orders.view}>
          {(all) => {
            const list = statuses ? all.filter((o) => statuses.includes(o.status)) : all;
            return (
              <>
                {list.length === 0 && !orders.query.hasNextPage ? (
                  <Nothing text={t('orders.none')} />
                ) : (
                  list.map((o) => <OrderCard key={o.id} order={o} />)
                )}
                <LoadMore query={orders.query} />
              </>
            );
          }}
        </Query>
      </PullToRefresh>
    </div>
  );
}

function OrderCard({ order: o }: { order: Order }) {
  const { t, i18n } = useTranslation();
  return (
    <Link to={`/orders/${o.id}`} className="shop-card-link">
      <Card
        className="shop-order-card"
        data-testid="order-card"
        data-order-id={o.id}
        title={<span>{o.kind === 'membership' ? t('orders.membership') : o.number}</span>}
        extra={<OrderStatusTag order={o} />}
      >
        <div className="shop-muted">
          {o.lines.map((l) => `${l.productName} × ${l.quantity}`).join('、') || t('orders.membership')}
        </div>
        <div className="shop-order-foot">
          <span className="shop-muted">{dateTime(o.createdAt, i18n.language)}</span>
          <b>{yuan(o.totalFen)}</b>
        </div>
      </Card>
    </Link>
  );
}
