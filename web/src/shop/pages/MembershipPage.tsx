import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Result, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { api, payThroughCashier } from '../api';
import type { Answer } from '../../shared/api-shapes';
import { useMe } from '../hooks';
import { errorText } from '../../shared/i18n';
import { Screen } from '../components/Screen';
import { Query } from '../components/State';
import { date } from '../format';
import { yuan } from '../../shared/money';

/** 付费会员: benefits, status, and buying the annual card through the same cashier as orders. */
export default function MembershipPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  // the price of her region (her pickup point's city), as the order will charge it
  const offer = useQuery({
    queryKey: ['membership-offer', me.data?.id, me.data?.pickupPointId],
    queryFn: () => api.get<Answer<'/me/membership'>>('/me/membership'),
    enabled: !!me.data,
  });
  // what it would save her, from her own recent orders (explained below the figure)
  const savings = useQuery({
    queryKey: ['membership-savings', me.data?.id, me.data?.pickupPointId],
    queryFn: () => api.get<Answer<'/me/membership/savings'>>('/me/membership/savings'),
    enabled: !!me.data,
  });
  const [busy, setBusy] = useState(false);
  async function buy() {
    setBusy(true);
    try {
      const m = await api.post<Answer<'/me/membership', 'post'>>('/me/membership', { plan: 'annual' });
      // paying returns to the welcome page, which follows the payment and shows what joining gave
      await payThroughCashier(m.orderId, `/shop/me/membership/welcome?order=${m.orderId}`);
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
      setBusy(false);
    }
  }
  return (
    <Screen title={t('membership.title')}>
      <Query q={me}>
        {(m) => (
          <>
            {m.membership ? (
              <Result
                status="success"
                title={t('membership.active')}
                data-testid="membership-active"
                description={t('membership.until', { date: date(m.membership.activeUntil, i18n.language) })}
              />
            ) : (
              <Card className="shop-pad">
                <p>{t('membership.pitch')}</p>
              </Card>
            )}
            <List header={t('membership.benefits')}>
              <List.Item>{t('membership.b1')}</List.Item>
              <List.Item>{t('membership.b2')}</List.Item>
              <List.Item>{t('membership.b3')}</List.Item>
            </List>
            <div className="shop-pad">
              {offer.data && (
                <p className="shop-membership-price" data-testid="membership-price">
                  <b>{t('membership.price', { price: yuan(offer.data.priceFen) })}</b>
                  <br />
                  <span className="shop-muted">{t('membership.priceCity')}</span>
                </p>
              )}
              {savings.data && !m.membership && <Savings s={savings.data} />}
              <Button
                block
                color="primary"
                size="large"
                loading={busy}
                onClick={() => void buy()}
                data-testid="buy-membership"
              >
                {m.membership ? t('membership.renew') : t('membership.buy')}
              </Button>
              <p className="shop-muted">{t('membership.priceNote')}</p>
            </div>
          </>
        )}
      </Query>
    </Screen>
  );
}

/** 开通后预计可省: the figure and how it was reached. */
function Savings({ s }: { s: Answer<'/me/membership/savings'> }) {
  const { t } = useTranslation();
  return (
    <Card className="shop-membership-savings" data-testid="membership-savings" data-saved={s.savedFen}>
      <div>
        {t('membership.savingsTitle')}{' '}
        <b data-testid="savings-year">{t('membership.savingsYear', { amount: yuan(s.yearFen) })}</b>
      </div>
      <p className="shop-muted" data-testid="savings-explain">
        {s.savedFen > 0
          ? t('membership.savingsExplain', {
              days: s.windowDays,
              orders: s.orders,
              lines: s.lines,
              saved: yuan(s.savedFen),
            })
          : t('membership.savingsNone', { days: s.windowDays })}
        {s.monthlyPackFen > 0 && <> {t('membership.savingsPack', { amount: yuan(s.monthlyPackFen) })}</>}
      </p>
    </Card>
  );
}
