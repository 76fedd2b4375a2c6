import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, List, Result } from 'antd-mobile';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type Coupon, type Order } from '../api';
import { useMe } from '../hooks';
import { Screen } from '../components/Screen';
import { Loading } from '../components/State';
import { date } from '../format';
import { yuan } from '../../shared/money';

/**
 * 开通成功: where the cashier returns after the membership is paid. The provider's notification may
 * still be on its way, so the order is re-read until it is paid; then the membership's end, its
 * benefits and this month's member coupons (granted on joining) are shown.
 */
export default function MembershipWelcomePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const orderId = params.get('order');
  const [pollUntil] = useState(() => Date.now() + 20_000);
  const order = useQuery({
    queryKey: ['order', orderId],
    queryFn: async () => {
      const o = await api.get<Order>(`/orders/${orderId}`);
      // paid: the profile (member prices, the tag on 我的) and the coupons changed
      if (o.status !== 'pending_payment') {
        void qc.invalidateQueries({ queryKey: ['me'] });
        void qc.invalidateQueries({ queryKey: ['campaigns'] });
      }
      return o;
    },
    enabled: !!orderId,
    refetchInterval: (q) => (q.state.data?.status === 'pending_payment' && Date.now() < pollUntil ? 1000 : false),
  });
  const paid = !!order.data && order.data.status !== 'pending_payment' && order.data.status !== 'cancelled';
  const me = useMe();
  const coupons = useQuery({
    queryKey: ['me', 'coupons'],
    queryFn: () => api.get<Coupon[]>('/me/coupons'),
    enabled: paid,
  });
  const available = coupons.data?.filter((c) => c.status === 'available') ?? [];
  if (!orderId || order.error || order.data?.status === 'cancelled') return <Navigate to="/me/membership" replace />;
  return (
    <Screen title={t('membership.title')} back="/me">
      {!paid || !me.data?.membership ? (
        <>
          <Loading />
          <p className="shop-pad shop-muted">{t('membership.welcomeWaiting')}</p>
        </>
      ) : (
        <>
          <Result
            status="success"
            title={t('membership.welcomeTitle')}
            data-testid="membership-welcome"
            description={t('membership.welcomeUntil', { date: date(me.data.membership.activeUntil, i18n.language) })}
          />
          <List header={t('membership.benefits')}>
            <List.Item>{t('membership.b1')}</List.Item>
            <List.Item>{t('membership.b2')}</List.Item>
            <List.Item>{t('membership.b3')}</List.Item>
          </List>
          {available.length > 0 && (
            <List header={t('membership.welcomeCoupons')} data-testid="welcome-coupons">
              {available.map((c) => (
                <List.Item
                  key={c.id}
                  data-testid="welcome-coupon"
                  extra={c.discountFen ? yuan(c.discountFen) : undefined}
                >
                  {c.name}
                </List.Item>
              ))}
            </List>
          )}
          <div className="shop-pad">
            <Button block color="primary" onClick={() => navigate('/')} data-testid="welcome-shop">
              {t('membership.welcomeShop')}
            </Button>
            <Button block fill="none" onClick={() => navigate('/me/coupons')}>
              {t('membership.welcomeCouponsLink')}
            </Button>
          </div>
        </>
      )}
    </Screen>
  );
}
