import { Button, List, NoticeBar } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type Quote } from '../api';
import { useCampaigns, useCategories, useMe } from '../hooks';
import { addToCart, useCart, useDeselected } from '../cart';
import { cartDays, groupCart, orderable, quotePath } from '../cartGroups';
import { nearDeals, unitPriceOf } from '../fill';
import { yuan } from '../../shared/money';
import { errorText } from '../../shared/i18n';
import { Screen } from '../components/Screen';
import { Failed, Loading } from '../components/State';

/**
 * 凑单: what the campaign's selected lines still miss for the next full-reduction tier (the server's
 * own quote, again after each addition) and its deals nearest that amount, each one tap to add.
 * `?day=` does the same for a pickup day of several campaigns, priced as one cart (decision 032),
 * with the deals of every campaign collected that day.
 */
export default function FillPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const cart = useCart();
  const deselected = useDeselected();
  const campaigns = useCampaigns();
  const categories = useCategories();
  const me = useMe();
  const pickupPointId = me.data?.pickupPointId;
  const groups = groupCart(cart, campaigns.data ?? [], deselected).groups;
  const dayParam = params.get('day');
  const day = dayParam ? cartDays(groups).find((d) => d.pickupDate === dayParam) : undefined;
  const chosen = day ? day.groups : groups.filter((g) => g.campaign.id === params.get('campaign'));
  const items = chosen.flatMap(orderable).map((l) => ({ campaignItemId: l.deal.id, quantity: l.quantity }));
  // the same query as the cart's for these lines
  const quote = useQuery({
    queryKey: ['quote', 'cart', pickupPointId, items],
    queryFn: () => api.post<Quote>(day ? quotePath(day) : '/checkout/quote', { pickupPointId, items }),
    enabled: !!pickupPointId && items.length > 0,
    retry: false,
  });
  if (campaigns.isLoading || me.isLoading)
    return (
      <Screen title={t('fill.title')}>
        <Loading />
      </Screen>
    );
  if (campaigns.error || me.error)
    return (
      <Screen title={t('fill.title')}>
        <Failed error={campaigns.error ?? me.error} />
      </Screen>
    );
  if (!pickupPointId) return <Navigate to="/pickup-point?next=/cart" replace />;
  const campaign = campaigns.data?.find((c) => c.id === params.get('campaign'));
  if ((!campaign && !day) || items.length === 0) return <Navigate to="/cart" replace />;
  const deals = day
    ? (campaigns.data ?? []).filter((c) => c.pickupDate === day.pickupDate).flatMap((c) => c.items)
    : campaign!.items;
  const next = quote.data?.nextFullReduction ?? null;
  const categoryName = (code: string) => {
    const c = categories.data?.find((x) => x.code === code);
    return c ? (i18n.language.startsWith('zh') ? c.nameZh : c.nameEn) : code;
  };
  return (
    <Screen title={t('fill.title')}>
      {quote.isLoading ? (
        <Loading />
      ) : quote.error || !quote.data ? (
        <p className="shop-error" role="alert" data-testid="quote-error">
          {errorText(quote.error)}
        </p>
      ) : next ? (
        <NoticeBar
          color="info"
          wrap
          data-testid="fill-missing"
          content={
            t('fill.missing', {
              missing: yuan(next.missingFen),
              threshold: yuan(next.thresholdFen),
              discount: yuan(next.discountFen),
            }) + (next.categories ? ` · ${t('fill.scope')}: ${next.categories.map(categoryName).join('、')}` : '')
          }
        />
      ) : (
        <NoticeBar color="success" wrap data-testid="fill-reached" content={t('fill.reached')} />
      )}
      {next && (
        <List>
          {nearDeals(deals, next.missingFen, next.categories).map((deal) => (
            <List.Item
              key={deal.id}
              data-testid="fill-deal"
              data-name={deal.name}
              description={
                <span>
                  {deal.unit} · {yuan(unitPriceOf(deal))}
                  {unitPriceOf(deal) >= next.missingFen && (
                    <span className="shop-discount"> · {t('fill.oneReaches')}</span>
                  )}
                  {cart[deal.id] ? (
                    <span className="shop-muted"> · {t('fill.inCart', { n: cart[deal.id] })}</span>
                  ) : null}
                </span>
              }
              extra={
                <Button size="small" color="primary" onClick={() => addToCart(deal.id)} data-testid="fill-add">
                  {t('fill.add')}
                </Button>
              }
            >
              {deal.name}
            </List.Item>
          ))}
        </List>
      )}
      <div className="shop-submit-bar">
        <span>
          {t('price.total')}{' '}
          <b className="shop-price" data-testid="fill-total">
            {quote.data ? yuan(quote.data.totalFen) : '—'}
          </b>
        </span>
        <Button color="primary" onClick={() => navigate('/cart')} data-testid="fill-back">
          {t('fill.back')}
        </Button>
      </div>
    </Screen>
  );
}
