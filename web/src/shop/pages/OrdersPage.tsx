import { Card, PullToRefresh } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type Order } from '../api';
import { yuan } from '../../shared/money';
import { Query, Nothing } from '../components/State';
import { OrderStatusTag } from '../components/OrderStatus';
import { dateTime } from '../format';

/** 订单: the customer's orders, newest first. */
export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const orders = useQuery({ queryKey: ['orders'], queryFn: () => api.get<Order[]>('/me/orders') });
  return (
    <div className="shop-page">
      <header className="shop-header"><h1>{t('orders.title')}</h1></header>
      <PullToRefresh onRefresh={async () => void (await orders.refetch())}>
        <Query q={orders}>
          {(list) => list.length === 0 ? <Nothing text={t('orders.none')} /> : list.map((o) => (
            <Link key={o.id} to={`/orders/${o.id}`} className="shop-card-link">
            <Card className="shop-order-card" data-testid="order-card" data-order-id={o.id}
              title={<span>{o.kind === 'membership' ? t('orders.membership') : o.number}</span>} extra={<OrderStatusTag status={o.status} />}>
              <div className="shop-muted">
                {o.lines.map((l) => `${l.productName} × ${l.quantity}`).join('、') || t('orders.membership')}
              </div>
              <div className="shop-order-foot">
                <span className="shop-muted">{dateTime(o.createdAt, i18n.language)}</span>
                <b>{yuan(o.totalFen)}</b>
              </div>
            </Card>
            </Link>
          ))}
        </Query>
      </PullToRefresh>
    </div>
  );
}
