import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, List, NoticeBar, Radio, Switch, Tag, Toast } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  api,
  startDayPayment,
  startPayment,
  type CheckoutBody,
  type Coupon,
  type CouponChoices,
  type Day,
  type Order,
  type Quote,
} from '../api';
import { shopEvents } from '../events';
import { useCampaigns, useMyPickupPoint } from '../hooks';
import { removeFromCart, setQuantity, useCart, useDeselected } from '../cart';
import { groupCart, orderable, type CartLine } from '../cartGroups';
import { ApiError, idempotencyKey } from '../../shared/api';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';
import { Screen } from '../components/Screen';
import { Failed, Loading } from '../components/State';
import { PriceLines } from '../components/PriceLines';
import { couponTitle, pickupText } from '../format';

/**
 * 结算: pickup point, the lines (one that ran out is greyed with 移除 or 改为 n 件, never a dead end),
 * the coupons priced by the server with the best one pre-selected and the unusable ones greyed with
 * what they are missing, points, the server's quote with every discount, then pay. `?campaign=` is
 * one campaign's order; `?day=` every selected campaign collected that day, priced as one cart,
 * placed as one order per campaign and paid once (decision 032).
 */
export function CheckoutPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const cart = useCart();
  const deselected = useDeselected();
  const campaigns = useCampaigns();
  const { me, point, loading } = useMyPickupPoint();
  // once the order is placed its deals leave the cart: show a spinner while the cashier opens
  const [placed, setPlaced] = useState(false);
  useEffect(() => shopEvents.track('checkout_started'), []);
  if (placed)
    return (
      <Screen title={t('checkout.title')}>
        <Loading />
      </Screen>
    );
  if (campaigns.isLoading || loading)
    return (
      <Screen title={t('checkout.title')}>
        <Loading />
      </Screen>
    );
  if (campaigns.error || me.error)
    return (
      <Screen title={t('checkout.title')}>
        <Failed error={campaigns.error ?? me.error} />
      </Screen>
    );
  if (!me.data?.pickupPointId) return <Navigate to="/pickup-point?next=/cart" replace />;
  const all = groupCart(cart, campaigns.data ?? [], deselected).groups;
  const day = params.get('day');
  const groups = day
    ? all.filter((g) => g.campaign.pickupDate === day && g.lines.some((l) => l.selected))
    : all.filter((g) => g.campaign.id === params.get('campaign'));
  if (!groups.length) return <Navigate to="/cart" replace />;
  const group = groups[0];
  const selected = groups.flatMap((g) => g.lines.filter((l) => l.selected));
  const items = groups.flatMap(orderable).map((l) => ({ campaignItemId: l.deal.id, quantity: l.quantity }));
  // several campaigns with something to order: one checkout of the day
  const together = groups.filter((g) => orderable(g).length > 0).length > 1;
  return (
    <Screen title={t('checkout.title')}>
      <List header={t('checkout.pickup')}>
        <List.Item description={point?.address} data-testid="checkout-pickup">
          {point?.name ?? '…'}
        </List.Item>
        <List.Item>{pickupText(t, group.campaign, i18n.language)}</List.Item>
        {together && (
          <List.Item data-testid="checkout-together">
            <span className="shop-muted">{t('cart.dayNote', { n: groups.length })}</span>
          </List.Item>
        )}
      </List>
      <CheckoutForm
        together={together}
        key={items.map((i) => `${i.campaignItemId}:${i.quantity}`).join(',')}
        pickupPointId={me.data.pickupPointId}
        items={items}
        lines={selected}
        pointsBalance={me.data.pointsBalance}
        onPlaced={() => setPlaced(true)}
      />
    </Screen>
  );
}

/** The customer's coupon choice: undefined = the best one the server names, null = none. */
type Pick = string | null | undefined;

function CheckoutForm({
  together,
  pickupPointId,
  items,
  lines,
  pointsBalance,
  onPlaced,
}: {
  together: boolean;
  pickupPointId: string;
  items: CheckoutBody['items'];
  lines: CartLine[];
  pointsBalance: number;
  onPlaced: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [pick, setPick] = useState<Pick>(undefined);
  const [usePoints, setUsePoints] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const coupons = useQuery({ queryKey: ['me', 'coupons'], queryFn: () => api.get<Coupon[]>('/me/coupons') });
  // the cart priced with each coupon by the server's own rules: which apply, and the best
  const choices = useQuery({
    queryKey: ['coupon-choices', together, pickupPointId, items],
    queryFn: () =>
      api.post<CouponChoices>(together ? '/checkout/day/coupons' : '/checkout/coupons', { pickupPointId, items }),
    enabled: items.length > 0,
    retry: false,
  });
  const usable = new Set((choices.data?.choices ?? []).filter((c) => c.applicable).map((c) => c.couponId));
  // only a coupon the server says applies is ever sent: a chosen one that stops applying (a line
  // removed) gives way to the best
  const couponId =
    pick === null ? undefined : pick && usable.has(pick) ? pick : (choices.data?.bestCouponId ?? undefined);
  const body: CheckoutBody = useMemo(
    () => ({
      pickupPointId,
      items,
      ...(couponId ? { couponId } : {}),
      // the server caps points at its own limits (balance, half the order); asking for all is safe
      ...(usePoints && pointsBalance > 0 ? { pointsToUse: pointsBalance } : {}),
    }),
    [pickupPointId, items, couponId, usePoints, pointsBalance],
  );
  const quote = useQuery({
    queryKey: ['quote', together, body],
    queryFn: () => api.post<Quote>(together ? '/checkout/day/quote' : '/checkout/quote', body),
    enabled: items.length > 0 && choices.isSuccess,
    retry: false,
  });
  // one key per distinct order: a double tap or a retry of the same order never creates two
  const keyRef = useRef<{ body: string; key: string } | null>(null);

  async function submit() {
    const serialized = JSON.stringify(body);
    if (keyRef.current?.body !== serialized) keyRef.current = { body: serialized, key: idempotencyKey() };
    setSubmitting(true);
    let order: Order | Day;
    try {
      order = together
        ? await api.post<Day>('/checkout/day', body, { 'Idempotency-Key': keyRef.current.key })
        : await api.post<Order>('/orders', body, { 'Idempotency-Key': keyRef.current.key });
    } catch (err) {
      setSubmitting(false);
      if (err instanceof ApiError && err.code === 'OUT_OF_STOCK') {
        // the deal list shows at once what ran out: the line is greyed here with 移除 / 改为 n 件
        Toast.show({ content: t('checkout.stockChanged') });
        void qc.invalidateQueries({ queryKey: ['campaigns'] });
        return;
      }
      Toast.show({ content: errorText(err), icon: 'fail' });
      void choices.refetch();
      void quote.refetch();
      return;
    }
    for (const placed of 'orders' in order ? order.orders : [order])
      shopEvents.track('order_placed', { orderId: placed.id });
    void qc.invalidateQueries({ queryKey: ['campaigns'] });
    void qc.invalidateQueries({ queryKey: ['me', 'coupons'] });
    const done = () => {
      onPlaced();
      removeFromCart(items.map((i) => i.campaignItemId));
    };
    try {
      // a day's orders are paid once, then listed together
      const cashier =
        'orders' in order
          ? await startDayPayment(order.id, '/shop/orders')
          : await startPayment(order.id, `/shop/orders/${order.id}`);
      done();
      window.location.assign(cashier);
    } catch (err) {
      // the order exists: its page offers to pay again
      Toast.show({ content: errorText(err), icon: 'fail' });
      navigate('orders' in order ? '/orders' : `/orders/${order.id}`, { replace: true });
      done();
    }
  }

  const couponById = new Map((coupons.data ?? []).map((c) => [c.id, c]));
  const applicable = (choices.data?.choices ?? []).filter((c) => c.applicable);
  const unavailable = (choices.data?.choices ?? []).filter((c) => !c.applicable);
  const withoutCoupon = choices.data?.withoutCouponFen ?? 0;
  const name = (id: string) => {
    const c = couponById.get(id);
    return c ? `${c.name} · ${couponTitle(c, t)}` : '…';
  };
  return (
    <>
      <List header={t('checkout.items')}>
        {lines.map((line) => (
          <CheckoutLine key={line.deal.id} line={line} quote={quote.data} />
        ))}
      </List>
      {items.length === 0 ? (
        <div className="shop-state" data-testid="nothing-to-order">
          <NoticeBar color="alert" wrap content={t('checkout.nothingToOrder')} />
          <Button block onClick={() => navigate('/cart')}>
            {t('checkout.backToCart')}
          </Button>
        </div>
      ) : (
        <>
          <List header={t('checkout.coupon')}>
            {choices.isLoading || coupons.isLoading ? (
              <List.Item>
                <Loading />
              </List.Item>
            ) : choices.error || coupons.error ? (
              <List.Item>
                <span className="shop-error" role="alert" data-testid="quote-error">
                  {errorText(choices.error ?? coupons.error)}
                </span>
              </List.Item>
            ) : (
              <>
                {couponId && couponId === choices.data?.bestCouponId && (
                  <List.Item>
                    <span className="shop-discount" data-testid="best-coupon">
                      {t('checkout.bestCoupon')}
                    </span>
                  </List.Item>
                )}
                <Radio.Group value={couponId ?? ''} onChange={(v: string | number) => setPick(v ? String(v) : null)}>
                  <List.Item>
                    <Radio value="" data-testid="coupon-none">
                      {t('checkout.noCoupon')}
                    </Radio>
                  </List.Item>
                  {applicable.map((c) => (
                    <List.Item
                      key={c.couponId}
                      extra={
                        c.applicable && c.totalFen < withoutCoupon ? (
                          <span className="shop-discount">
                            {t('checkout.couponSaves', { amount: yuan(withoutCoupon - c.totalFen) })}
                          </span>
                        ) : (
                          <span className="shop-muted">{t('checkout.couponWorse')}</span>
                        )
                      }
                    >
                      <Radio value={c.couponId} data-testid="coupon-option" data-coupon={c.couponId}>
                        {name(c.couponId)}
                      </Radio>
                    </List.Item>
                  ))}
                </Radio.Group>
                {unavailable.length > 0 && (
                  <List.Item className="shop-muted">{t('checkout.unavailableCoupons')}</List.Item>
                )}
                {unavailable.map((c) => (
                  <List.Item
                    key={c.couponId}
                    className="shop-coupon-off"
                    data-testid="coupon-unavailable"
                    data-coupon={c.couponId}
                    description={
                      !c.applicable && (
                        <span data-testid="coupon-missing">
                          {t('checkout.couponMissing', { missing: yuan(c.missingFen) })}
                        </span>
                      )
                    }
                  >
                    {name(c.couponId)}
                  </List.Item>
                ))}
              </>
            )}
            {quote.data?.fullReductionSkippedForCoupon && (
              <List.Item>
                <span className="shop-warn">{t('checkout.notStackable')}</span>
              </List.Item>
            )}
          </List>
          <List header={t('checkout.points')}>
            <List.Item
              extra={
                <Switch
                  checked={usePoints}
                  disabled={pointsBalance <= 0}
                  onChange={setUsePoints}
                  data-testid="use-points"
                />
              }
              description={t('checkout.pointsRule')}
            >
              {t('checkout.usePoints', { n: pointsBalance })}
            </List.Item>
          </List>
          {quote.isLoading || choices.isLoading ? (
            <Loading />
          ) : choices.error ? null : quote.error || !quote.data ? (
            <p className="shop-error" role="alert" data-testid="quote-error">
              {errorText(quote.error)}
            </p>
          ) : (
            <PriceLines priced={quote.data} />
          )}
        </>
      )}
      <div className="shop-submit-bar">
        <span>
          {t('price.total')} <b className="shop-price">{quote.data ? yuan(quote.data.totalFen) : '—'}</b>
        </span>
        <Button
          color="primary"
          size="large"
          loading={submitting}
          disabled={!quote.data || submitting || items.length === 0}
          onClick={() => void submit()}
          data-testid="place-order"
        >
          {t('checkout.submit')}
        </Button>
      </div>
    </>
  );
}

/** A line of the order; one that ran out is greyed and offers 移除 (or 改为 n 件 when some are left). */
function CheckoutLine({ line, quote }: { line: CartLine; quote: Quote | undefined }) {
  const { t } = useTranslation();
  const { deal, quantity, stock } = line;
  // prices only from the server's quote; while it loads or fails, the quantity alone
  const priced = quote?.lines.find((l) => l.campaignItemId === deal.id);
  if (stock.kind !== 'ok')
    return (
      <List.Item
        className="shop-line-off"
        data-testid="checkout-line-off"
        data-name={deal.name}
        description={
          <Tag color={stock.kind === 'sold_out' ? 'default' : 'warning'}>
            {stock.kind === 'sold_out' ? t('cart.soldOut') : t('cart.short', { n: stock.remaining })}
          </Tag>
        }
        extra={
          <span className="shop-cart-actions">
            {stock.kind === 'short' && (
              <Button
                size="mini"
                onClick={() => setQuantity(deal.id, stock.remaining)}
                data-testid="checkout-line-reduce"
              >
                {t('cart.setTo', { n: stock.remaining })}
              </Button>
            )}
            <Button size="mini" onClick={() => removeFromCart([deal.id])} data-testid="checkout-line-remove">
              {t('cart.remove')}
            </Button>
          </span>
        }
      >
        {deal.name} × {quantity}
      </List.Item>
    );
  return (
    <List.Item
      data-testid="checkout-line"
      data-name={deal.name}
      extra={priced ? yuan(priced.subtotalFen) : null}
      description={priced ? `${yuan(priced.unitPriceFen)} × ${priced.quantity}` : `× ${quantity}`}
    >
      {deal.name}
    </List.Item>
  );
}
