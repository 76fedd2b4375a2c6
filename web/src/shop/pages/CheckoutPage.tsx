import { useMemo, useRef, useState } from 'react';
import { Button, List, Radio, Switch, Toast } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, startPayment, type CheckoutBody, type Coupon, type Order, type Quote } from '../api';
import { useCampaigns, useMyPickupPoint } from '../hooks';
import { removeFromCart, useCart } from '../cart';
import { groupCart } from '../cartGroups';
import { ApiError, idempotencyKey } from '../../shared/api';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';
import { Screen } from '../components/Screen';
import { Failed, Loading } from '../components/State';
import { PriceLines } from '../components/PriceLines';
import { couponTitle, pickupText } from '../format';

/** 结算: pickup point, coupon and points choices, the server's quote with every discount, then pay. */
export function CheckoutPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const cart = useCart();
  const campaigns = useCampaigns();
  const { me, point, loading } = useMyPickupPoint();
  // once the order is placed its deals leave the cart: show a spinner while the cashier opens
  const [placed, setPlaced] = useState(false);
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
  const group = groupCart(cart, campaigns.data ?? []).groups.find((g) => g.campaign.id === params.get('campaign'));
  if (!group) return <Navigate to="/cart" replace />;
  const items = group.lines.map((l) => ({ campaignItemId: l.deal.id, quantity: l.quantity }));
  return (
    <Screen title={t('checkout.title')}>
      <List header={t('checkout.pickup')}>
        <List.Item description={point?.address} data-testid="checkout-pickup">
          {point?.name ?? '…'}
        </List.Item>
        <List.Item>{pickupText(t, group.campaign, i18n.language)}</List.Item>
      </List>
      <CheckoutForm
        pickupPointId={me.data.pickupPointId}
        items={items}
        names={new Map(group.lines.map((l) => [l.deal.id, l.deal.name]))}
        pointsBalance={me.data.pointsBalance}
        onPlaced={() => setPlaced(true)}
      />
    </Screen>
  );
}

function CheckoutForm({
  pickupPointId,
  items,
  names,
  pointsBalance,
  onPlaced,
}: {
  pickupPointId: string;
  items: CheckoutBody['items'];
  names: Map<string, string>;
  pointsBalance: number;
  onPlaced: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [couponId, setCouponId] = useState<string | undefined>();
  const [usePoints, setUsePoints] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const coupons = useQuery({ queryKey: ['me', 'coupons'], queryFn: () => api.get<Coupon[]>('/me/coupons') });
  // the server caps points at its own limits (balance, half the order); asking for all is safe
  const body: CheckoutBody = useMemo(
    () => ({
      pickupPointId,
      items,
      ...(couponId ? { couponId } : {}),
      ...(usePoints && pointsBalance > 0 ? { pointsToUse: pointsBalance } : {}),
    }),
    [pickupPointId, items, couponId, usePoints, pointsBalance],
  );
  const quote = useQuery({
    queryKey: ['quote', body],
    queryFn: () => api.post<Quote>('/checkout/quote', body),
    retry: false,
  });
  // one key per distinct order: a double tap or a retry of the same order never creates two
  const keyRef = useRef<{ body: string; key: string } | null>(null);

  async function submit() {
    const serialized = JSON.stringify(body);
    if (keyRef.current?.body !== serialized) keyRef.current = { body: serialized, key: idempotencyKey() };
    setSubmitting(true);
    let order: Order;
    try {
      order = await api.post<Order>('/orders', body, { 'Idempotency-Key': keyRef.current.key });
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
      setSubmitting(false);
      void quote.refetch();
      return;
    }
    void qc.invalidateQueries({ queryKey: ['campaigns'] });
    const done = () => {
      onPlaced();
      removeFromCart(items.map((i) => i.campaignItemId));
    };
    try {
      const cashier = await startPayment(order.id, `/shop/orders/${order.id}`);
      done();
      window.location.assign(cashier);
    } catch (err) {
      // the order exists: its page offers to pay again
      Toast.show({ content: errorText(err), icon: 'fail' });
      navigate(`/orders/${order.id}`, { replace: true });
      done();
    }
  }

  const available = (coupons.data ?? []).filter((c) => c.status === 'available');
  // the chosen coupon does not apply (e.g. minimum spend): said next to the coupons, not twice
  const couponRefused = !!couponId && quote.error instanceof ApiError && quote.error.code === 'COUPON_UNAVAILABLE';
  return (
    <>
      <List header={t('checkout.items')}>
        {items.map((item) => {
          // prices only from the server's quote; while it loads or fails, the quantity alone
          const priced = quote.data?.lines.find((l) => l.campaignItemId === item.campaignItemId);
          return (
            <List.Item
              key={item.campaignItemId}
              extra={priced ? yuan(priced.subtotalFen) : null}
              description={priced ? `${yuan(priced.unitPriceFen)} × ${priced.quantity}` : `× ${item.quantity}`}
            >
              {names.get(item.campaignItemId)}
            </List.Item>
          );
        })}
      </List>
      <List header={t('checkout.coupon')}>
        {coupons.isLoading ? (
          <List.Item>
            <Loading />
          </List.Item>
        ) : coupons.error ? (
          <List.Item>{errorText(coupons.error)}</List.Item>
        ) : (
          <Radio.Group value={couponId ?? ''} onChange={(v: string | number) => setCouponId(v ? String(v) : undefined)}>
            <List.Item>
              <Radio value="" data-testid="coupon-none">
                {t('checkout.noCoupon')}
              </Radio>
            </List.Item>
            {available.map((c) => (
              <List.Item key={c.id}>
                <Radio value={c.id} data-testid="coupon-option">
                  {c.name} · {couponTitle(c, t)}
                </Radio>
              </List.Item>
            ))}
          </Radio.Group>
        )}
        {quote.data?.fullReductionSkippedForCoupon && (
          <List.Item>
            <span className="shop-warn">{t('checkout.notStackable')}</span>
          </List.Item>
        )}
        {couponRefused && (
          <List.Item>
            <span className="shop-warn" role="alert" data-testid="coupon-unusable">
              {t('checkout.couponUnusable')}
            </span>
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
      {quote.isLoading ? (
        <Loading />
      ) : couponRefused ? null : quote.error || !quote.data ? (
        <p className="shop-error" role="alert" data-testid="quote-error">
          {errorText(quote.error)}
        </p>
      ) : (
        <PriceLines priced={quote.data} />
      )}
      <div className="shop-submit-bar">
        <span>
          {t('price.total')} <b className="shop-price">{quote.data ? yuan(quote.data.totalFen) : '—'}</b>
        </span>
        <Button
          color="primary"
          size="large"
          loading={submitting}
          disabled={!quote.data || submitting}
          onClick={() => void submit()}
          data-testid="place-order"
        >
          {t('checkout.submit')}
        </Button>
      </div>
    </>
  );
}
