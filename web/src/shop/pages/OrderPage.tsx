import { lazy, Suspense, useEffect, useState } from 'react';
import { Button, Card, Dialog, List, Tag, Toast } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, payThroughCashier, type Order, type OrderReview, type Refund } from '../api';
import { useCampaigns, usePickupPoints } from '../hooks';
import { yuan } from '../../shared/money';
import { errorText } from '../../shared/i18n';
import { Screen } from '../components/Screen';
import { Query } from '../components/State';
import { OrderStatusTag, OrderTimeline } from '../components/OrderStatus';
import { groupedCode, lineStage } from '../../shared/order-words';
import { setQuantity, useCart } from '../cart';
import { reorderLines } from '../reorder';
import { PriceLines } from '../components/PriceLines';
import { Countdown } from '../components/Countdown';
import { dateTime, pickupText } from '../format';
import { claimableLines } from '../aftersales';

/**
 * Units refunded on a line that was never picked up can only be a shortage (at receiving or on
 * arrival): after-sales refunds come after pickup, a cancellation refunds the whole line.
 */
const SHORTAGE_STAGES = new Set(['allocated', 'short', 'arrived']);

const Qr = lazy(() => import('../components/Qr'));

/**
 * One order: status, the pickup code with its QR code, every price line, refunds, and the actions
 * its status allows (pay, cancel, after-sales). Right after returning from the cashier the
 * provider's notification may still be on its way, so a pending order is re-read for a while.
 */
export default function OrderPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const [pollUntil] = useState(() => Date.now() + 10_000);
  const order = useQuery({
    queryKey: ['order', id],
    queryFn: () => api.get<Order>(`/orders/${id}`),
    refetchInterval: (q) => (q.state.data?.status === 'pending_payment' && Date.now() < pollUntil ? 1000 : false),
  });
  return (
    <Screen title={t('order.title')} back="/orders">
      <Query q={order}>{(o) => <OrderView order={o} />}</Query>
    </Screen>
  );
}

function OrderView({ order }: { order: Order }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const points = usePickupPoints();
  const point = points.data?.find((p) => p.id === order.pickupPointId);
  const refunds = useQuery({
    queryKey: ['order', order.id, 'refunds'],
    queryFn: () => api.get<Refund[]>(`/orders/${order.id}/refunds`),
  });
  const [busy, setBusy] = useState(false);
  const canCancel = order.status === 'pending_payment' || order.status === 'paid';
  const canAftersales = claimableLines(order.lines).length > 0;
  // a picked-up order's lines are reviewed one by one
  const reviews = useQuery({
    queryKey: ['order-reviews', order.id],
    queryFn: () => api.get<OrderReview[]>(`/orders/${order.id}/reviews`),
    enabled: order.status === 'completed' && order.kind !== 'membership',
  });
  const reviewOf = (lineId: string) => reviews.data?.find((r) => r.orderLineId === lineId);

  // a membership turns on member prices: refresh the profile once it is paid
  useEffect(() => {
    if (order.status !== 'pending_payment') void qc.invalidateQueries({ queryKey: ['me'] });
  }, [order.status, qc]);

  async function pay() {
    setBusy(true);
    try {
      await payThroughCashier(order.id, `/shop/orders/${order.id}`);
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
      setBusy(false);
    }
  }

  async function cancel() {
    const ok = await Dialog.confirm({
      content: order.status === 'paid' ? t('order.cancelPaidConfirm') : t('order.cancelConfirm'),
      confirmText: t('common.confirm'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    setBusy(true);
    try {
      const updated = await api.post<Order>(`/orders/${order.id}/cancel`);
      qc.setQueryData(['order', order.id], updated);
      void qc.invalidateQueries({ queryKey: ['orders'] });
      Toast.show({ content: t('order.cancelled'), icon: 'success' });
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="order-page" data-order-id={order.id}>
      <Card className="shop-order-head">
        <div className="shop-order-title">
          <span data-testid="order-number">{order.number}</span>
          <OrderStatusTag order={order} />
        </div>
        {order.kind !== 'membership' && <OrderTimeline order={order} />}
        {order.status === 'pending_payment' && (
          <p className="shop-muted">
            <Countdown
              until={order.expiresAt}
              label={t('order.payWithin')}
              onDone={() => void qc.invalidateQueries({ queryKey: ['order', order.id] })}
            />
          </p>
        )}
        {order.pickupCode && !['cancelled', 'completed'].includes(order.status) && (
          <div className="shop-pickup-code">
            <div className="shop-muted">{t('order.pickupCode')}</div>
            {/* in groups, to read aloud at the desk: "1234 5678" */}
            <div className="shop-code" data-testid="pickup-code" data-code={order.pickupCode}>
              {groupedCode(order.pickupCode)}
            </div>
            <Suspense fallback={<div style={{ height: 180 }} />}>
              <Qr text={order.pickupCode} size={180} label={t('order.qrLabel')} />
            </Suspense>
            <div className="shop-muted">{t('order.showCode')}</div>
          </div>
        )}
        {/* a cancelled order with money back: refunded by the cancel, or a payment that arrived after it */}
        {order.status === 'cancelled' && order.refundedFen > 0 && (
          <p className="shop-discount" role="status" data-testid="payment-returned">
            {t('order.paymentReturned', { amount: yuan(order.refundedFen) })}
          </p>
        )}
        {point && (
          <p>
            {t('order.pickupAt')}: <b>{point.name}</b>
            <br />
            <span className="shop-muted">{point.address}</span>
            {order.leader && (
              <span className="shop-leader-contact" data-testid="order-leader">
                <span>{t('order.leader', { name: order.leader.name })}</span>
                <a href={`tel:${order.leader.phone}`} data-testid="call-leader">
                  <Button size="mini" color="primary" fill="outline">
                    {t('order.callLeader')}
                  </Button>
                </a>
              </span>
            )}
            {order.pickupDate && (
              <>
                <br />
                <span data-testid="order-pickup-window">
                  {pickupText(t, { ...order, pickupDate: order.pickupDate }, i18n.language)}
                </span>
              </>
            )}
          </p>
        )}
        {order.paidAt && (
          <p className="shop-muted">
            {t('order.paidAt')}: {dateTime(order.paidAt, i18n.language)}
          </p>
        )}
      </Card>

      {order.lines.length > 0 && (
        <List header={t('order.lines')}>
          {order.lines.map((l) => (
            <List.Item
              key={l.id}
              extra={yuan(l.paidFen)}
              data-testid="order-line"
              description={
                <>
                  {yuan(l.unitPriceFen)} × {l.quantity}
                  {/* an unpaid or cancelled-unpaid order's lines are still "pending": 待备货 would be untrue */}
                  {!(l.status === 'pending' && !order.paidAt) && (
                    <>
                      {' '}
                      ·{' '}
                      <Tag fill="outline" data-testid="line-stage">
                        {t(`progress.line.${lineStage(order.status, l.status)}`)}
                      </Tag>
                    </>
                  )}
                  {l.refundedFen > 0 && (
                    <span data-testid="line-refund">
                      {' · '}
                      {l.refundQuantity > 0 && SHORTAGE_STAGES.has(l.status)
                        ? t('order.lineShort', { n: l.refundQuantity, amount: yuan(l.refundedFen) })
                        : t('order.lineRefunded', { amount: yuan(l.refundedFen) })}
                    </span>
                  )}
                </>
              }
            >
              {l.productName}
              {reviews.data &&
                (reviewOf(l.id) ? (
                  <Tag color="success" fill="outline" data-testid="line-reviewed">
                    {t('reviews.done', { n: reviewOf(l.id)!.rating })}
                  </Tag>
                ) : (
                  <Link to={`/orders/${order.id}/review/${l.id}`} data-testid="line-review">
                    {' '}
                    <Tag color="primary">{t('reviews.write')}</Tag>
                  </Link>
                ))}
            </List.Item>
          ))}
        </List>
      )}
      <PriceLines priced={order} totalLabel={order.paidAt ? t('order.paid') : t('order.due')} />
      {order.refundedFen > 0 && (
        <List>
          <List.Item
            extra={
              <b className="shop-discount" data-testid="refunded-amount">
                {yuan(order.refundedFen)}
              </b>
            }
          >
            {t('order.refunded')}
          </List.Item>
        </List>
      )}
      {refunds.data && refunds.data.length > 0 && (
        <List header={t('order.refunds')} data-testid="refund-list">
          {refunds.data.map((r) => (
            <List.Item
              key={r.id}
              extra={yuan(r.amountFen)}
              description={`${t(`refundKind.${r.kind}`, { defaultValue: r.kind })} · ${t(`reason.${r.reason}`, { defaultValue: r.reason })} · ${dateTime(r.createdAt, i18n.language)}`}
            >
              <RefundTag refund={r} />
            </List.Item>
          ))}
        </List>
      )}

      <div className="shop-actions">
        {order.status === 'pending_payment' && (
          <Button color="primary" block size="large" loading={busy} onClick={() => void pay()} data-testid="pay">
            {t('order.pay')}
          </Button>
        )}
        {order.kind !== 'membership' && order.status !== 'pending_payment' && <OrderAgain order={order} />}
        {canAftersales && (
          <Link to={`/orders/${order.id}/after-sales`}>
            <Button block data-testid="after-sales">
              {t('order.aftersales')}
            </Button>
          </Link>
        )}
        {order.kind !== 'membership' && (
          <Link to={`/me/tickets/new?orderId=${order.id}`}>
            <Button block fill="outline" data-testid="order-ticket">
              {t('tickets.title')}
            </Button>
          </Link>
        )}
        {canCancel && order.kind !== 'membership' && (
          <Button
            block
            fill="outline"
            color="danger"
            disabled={busy}
            onClick={() => void cancel()}
            data-testid="cancel-order"
          >
            {t('order.cancel')}
          </Button>
        )}
      </div>
    </div>
  );
}

/** 再来一单: puts the order's products that are on sale today back in the cart, then opens it. */
/**
 * An approved refund reads 已退款 once the money is back; while WeChat Pay is still sending it,
 * 退款中; when it failed, that the service team is on it.
 */
function RefundTag({ refund: r }: { refund: Refund }) {
  const { t } = useTranslation();
  const underway = r.status === 'refunded' && r.payout && r.payout !== 'succeeded';
  if (underway)
    return (
      <Tag color={r.payout === 'failed' ? 'danger' : 'warning'} data-testid="refund-status">
        {t(`refundPayout.${r.payout}`)}
      </Tag>
    );
  return (
    <Tag
      color={r.status === 'refunded' ? 'success' : r.status === 'rejected' ? 'danger' : 'warning'}
      data-testid="refund-status"
    >
      {t(`refundStatus.${r.status}`)}
    </Tag>
  );
}

function OrderAgain({ order }: { order: Order }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const campaigns = useCampaigns();
  const cart = useCart();
  function again() {
    const deals = (campaigns.data ?? []).flatMap((c) => c.items);
    const lines = reorderLines(order.lines, deals, Date.now());
    if (!lines.length) {
      Toast.show({ content: t('order.againNone') });
      return;
    }
    for (const l of lines) setQuantity(l.dealId, Math.max(l.quantity, cart[l.dealId] ?? 0));
    Toast.show({ content: t('order.againAdded', { n: lines.length }), icon: 'success' });
    navigate('/cart');
  }
  return (
    <Button
      block
      color="primary"
      fill="outline"
      loading={campaigns.isLoading}
      onClick={again}
      data-testid="order-again"
    >
      {t('order.again')}
    </Button>
  );
}
