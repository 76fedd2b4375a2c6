import { useState } from 'react';
import { Button, Card, Tabs, Tag, Toast } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ClaimableCoupon, type Coupon } from '../api';
import { shopEvents } from '../events';
import { errorText } from '../../shared/i18n';
import { Screen } from '../components/Screen';
import { Nothing, Query } from '../components/State';
import { couponTitle, date } from '../format';

/** 优惠券: the claim centre and the customer's own coupons. */
export default function CouponsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState('claim');
  return (
    <Screen title={t('coupons.title')}>
      <Tabs activeKey={tab} onChange={setTab}>
        <Tabs.Tab title={t('coupons.claimCentre')} key="claim">
          <ClaimCentre />
        </Tabs.Tab>
        <Tabs.Tab title={<span data-testid="tab-my-coupons">{t('coupons.mine')}</span>} key="mine">
          <MyCoupons />
        </Tabs.Tab>
      </Tabs>
    </Screen>
  );
}

function ClaimCentre() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['coupons', 'claimable'],
    queryFn: () => api.get<ClaimableCoupon[]>('/coupons/claimable'),
  });
  const [busy, setBusy] = useState<string | null>(null);
  async function claim(templateId: string) {
    setBusy(templateId);
    try {
      await api.post('/coupons/claim', { templateId });
      shopEvents.track('coupon_claimed');
      Toast.show({ content: t('coupons.claimed'), icon: 'success' });
      void qc.invalidateQueries({ queryKey: ['coupons'] });
      void qc.invalidateQueries({ queryKey: ['me', 'coupons'] });
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
      void list.refetch();
    } finally {
      setBusy(null);
    }
  }
  return (
    <Query q={list}>
      {(items) =>
        items.length === 0 ? (
          <Nothing text={t('coupons.noneToClaim')} />
        ) : (
          items.map((c) => {
            const full = c.claimedByMe >= c.perCustomerLimit;
            const gone = c.remaining !== null && c.remaining <= 0;
            return (
              <Card key={c.templateId} className="shop-coupon" data-testid="claimable-coupon" data-name={c.name}>
                <div className="shop-coupon-row">
                  <div>
                    <div className="shop-coupon-value">{couponTitle(c, t)}</div>
                    <div>{c.name}</div>
                    <div className="shop-muted">
                      {t('coupons.validTo', { date: date(c.validTo, i18n.language) })}
                      {c.remaining !== null && ` · ${t('coupons.left', { n: c.remaining })}`}
                      {!c.stackableWithFullReduction && ` · ${t('coupons.notStackable')}`}
                    </div>
                  </div>
                  <Button
                    size="small"
                    color="primary"
                    disabled={full || gone}
                    loading={busy === c.templateId}
                    onClick={() => void claim(c.templateId)}
                    data-testid="claim-coupon"
                  >
                    {full ? t('coupons.claimedAll') : gone ? t('coupons.gone') : t('coupons.claim')}
                  </Button>
                </div>
              </Card>
            );
          })
        )
      }
    </Query>
  );
}

function MyCoupons() {
  const { t, i18n } = useTranslation();
  const list = useQuery({ queryKey: ['me', 'coupons'], queryFn: () => api.get<Coupon[]>('/me/coupons') });
  return (
    <Query q={list}>
      {(items) =>
        items.length === 0 ? (
          <Nothing text={t('coupons.noneMine')} />
        ) : (
          items.map((c) => (
            <Card
              key={c.id}
              className={`shop-coupon shop-coupon-${c.status}`}
              data-testid="my-coupon"
              data-name={c.name}
            >
              <div className="shop-coupon-row">
                <div>
                  <div className="shop-coupon-value">{couponTitle(c, t)}</div>
                  <div>{c.name}</div>
                  <div className="shop-muted">
                    {t('coupons.validRange', {
                      from: date(c.validFrom, i18n.language),
                      to: date(c.validTo, i18n.language),
                    })}
                    {!c.stackableWithFullReduction && ` · ${t('coupons.notStackable')}`}
                  </div>
                </div>
                <Tag color={c.status === 'available' ? 'success' : 'default'}>{t(`couponStatus.${c.status}`)}</Tag>
              </div>
            </Card>
          ))
        )
      }
    </Query>
  );
}
