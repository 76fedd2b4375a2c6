import { Button, Card, NoticeBar, Stepper } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type Quote } from '../api';
import { useCampaigns, useMe } from '../hooks';
import { removeFromCart, setQuantity, useCart } from '../cart';
import { groupCart, type CartGroup } from '../cartGroups';
import { yuan } from '../../shared/money';
import { errorText } from '../../shared/i18n';
import { useSession } from '../../shared/session';
import { Failed, Loading, Nothing } from '../components/State';
import { PriceLines } from '../components/PriceLines';

/** 购物车: quantities, the server's price for the cart and the 凑单 hint for the next full-reduction tier. */
export function CartPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cart = useCart();
  const campaigns = useCampaigns();
  if (campaigns.isLoading) return <Loading />;
  if (campaigns.error || !campaigns.data)
    return <Failed error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  const { groups, gone } = groupCart(cart, campaigns.data);
  return (
    <div className="shop-page">
      <header className="shop-header">
        <h1>{t('cart.title')}</h1>
      </header>
      {gone.length > 0 && (
        <NoticeBar
          color="alert"
          wrap
          content={t('cart.gone', { n: gone.length })}
          extra={
            <Button size="mini" onClick={() => removeFromCart(gone)}>
              {t('cart.removeGone')}
            </Button>
          }
        />
      )}
      {groups.length === 0 ? (
        <Nothing text={t('cart.empty')}>
          <Button color="primary" onClick={() => navigate('/')}>
            {t('cart.goShopping')}
          </Button>
        </Nothing>
      ) : (
        groups.map((g) => <CartGroupCard key={g.campaign.id} group={g} />)
      )}
    </div>
  );
}

function CartGroupCard({ group }: { group: CartGroup }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card title={group.campaign.title} className="shop-cart-group" data-testid="cart-group">
      {group.lines.map(({ deal, quantity }) => (
        <div key={deal.id} className="shop-cart-line" data-testid="cart-line" data-name={deal.name}>
          <div className="shop-cart-name">
            <div>{deal.name}</div>
            <div className="shop-muted">
              {deal.unit} · {yuan(deal.currentTier?.priceFen ?? deal.priceFen)}
            </div>
          </div>
          <Stepper
            min={0}
            max={Math.min(deal.perCustomerLimit ?? 999, deal.remaining ?? 999)}
            value={quantity}
            onChange={(v: number) => setQuantity(deal.id, v)}
            aria-label={t('cart.quantity')}
          />
        </div>
      ))}
      <CartQuote group={group} />
      <Button
        block
        color="primary"
        size="large"
        data-testid="go-checkout"
        onClick={() => navigate(`/checkout?campaign=${group.campaign.id}`)}
      >
        {t('cart.checkout')}
      </Button>
    </Card>
  );
}

/** Signed-in customers with a pickup point see the server's price and the 凑单 hint. */
function CartQuote({ group }: { group: CartGroup }) {
  const { t } = useTranslation();
  const session = useSession(api);
  const me = useMe();
  const pickupPointId = me.data?.pickupPointId;
  const items = group.lines.map((l) => ({ campaignItemId: l.deal.id, quantity: l.quantity }));
  const quote = useQuery({
    queryKey: ['quote', 'cart', pickupPointId, items],
    queryFn: () => api.post<Quote>('/checkout/quote', { pickupPointId, items }),
    enabled: !!pickupPointId,
    retry: false,
  });
  if (!session) return <p className="shop-muted">{t('cart.signInToPrice')}</p>;
  if (!pickupPointId) return me.isLoading ? null : <p className="shop-muted">{t('cart.choosePickupToPrice')}</p>;
  if (quote.isLoading) return <Loading />;
  if (quote.error || !quote.data)
    return (
      <p className="shop-error" role="alert" data-testid="quote-error">
        {errorText(quote.error)}
      </p>
    );
  const next = quote.data.nextFullReduction;
  return (
    <>
      {next && (
        <NoticeBar
          color="info"
          wrap
          data-testid="fill-hint"
          content={t('cart.fillHint', {
            missing: yuan(next.missingFen),
            threshold: yuan(next.thresholdFen),
            discount: yuan(next.discountFen),
          })}
          extra={
            <Link to="/" data-testid="fill-go">
              {t('cart.fillGo')}
            </Link>
          }
        />
      )}
      <PriceLines priced={quote.data} totalLabel={t('cart.estimated')} />
    </>
  );
}
