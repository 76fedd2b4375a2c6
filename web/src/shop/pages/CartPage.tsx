import { Button, Card, Checkbox, NoticeBar, Stepper, Tag } from 'antd-mobile';
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type Quote } from '../api';
import { useCampaigns, useMe } from '../hooks';
import { removeFromCart, setQuantity, setSelected, useCart, useDeselected } from '../cart';
import { groupCart, orderable, type CartGroup, type CartLine } from '../cartGroups';
import { unitPriceOf } from '../fill';
import { yuan } from '../../shared/money';
import { errorText } from '../../shared/i18n';
import { useSession } from '../../shared/session';
import { Failed, Loading, Nothing } from '../components/State';
import { PriceLines } from '../components/PriceLines';

/**
 * 购物车: lines per campaign (an order holds one campaign's deals) with select, quantity, delete and
 * the server's line subtotals; sold-out lines greyed with 移除; the 凑单 hint; and a sticky bar with
 * the selected total and 去结算.
 */
export function CartPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cart = useCart();
  const deselected = useDeselected();
  const campaigns = useCampaigns();
  const session = useSession(api);
  const me = useMe();
  const pickupPointId = me.data?.pickupPointId;
  const { groups, gone } = groupCart(cart, campaigns.data ?? [], deselected);
  // the server prices each campaign's orderable lines (selected, in stock)
  const quotes = useQueries({
    queries: groups.map((g) => {
      const items = orderable(g).map((l) => ({ campaignItemId: l.deal.id, quantity: l.quantity }));
      return {
        queryKey: ['quote', 'cart', pickupPointId, items],
        queryFn: () => api.post<Quote>('/checkout/quote', { pickupPointId, items }),
        enabled: !!pickupPointId && items.length > 0,
        retry: false,
      };
    }),
  });
  if (campaigns.isLoading) return <Loading />;
  if (campaigns.error || !campaigns.data)
    return <Failed error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  const chosen = groups.filter((g) => orderable(g).length > 0);
  return (
    <div className="shop-page shop-cart-page">
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
        <>
          {groups.map((g, i) => (
            <CartGroupCard
              key={g.campaign.id}
              group={g}
              quote={quotes[i]}
              priced={!!session && !!pickupPointId}
              separateCheckout={chosen.length > 1}
            />
          ))}
          {!session ? (
            <p className="shop-muted shop-cart-note">{t('cart.signInToPrice')}</p>
          ) : !pickupPointId && !me.isLoading ? (
            <p className="shop-muted shop-cart-note">{t('cart.choosePickupToPrice')}</p>
          ) : null}
          <CartBar groups={groups} chosen={chosen} quotes={quotes} />
        </>
      )}
    </div>
  );
}

/** The sticky bar: select all, the selected lines' total as the server priced it, and 去结算. */
function CartBar({
  groups,
  chosen,
  quotes,
}: {
  groups: CartGroup[];
  chosen: CartGroup[];
  quotes: UseQueryResult<Quote>[];
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const selectable = groups.flatMap((g) => g.lines.filter((l) => l.stock.kind !== 'sold_out'));
  const allSelected = selectable.length > 0 && selectable.every((l) => l.selected);
  const count = chosen.flatMap(orderable).reduce((n, l) => n + l.quantity, 0);
  const priced = groups.map((g, i) => (orderable(g).length ? quotes[i] : null)).filter((q) => q !== null);
  const total = priced.every((q) => q.data) ? priced.reduce((sum, q) => sum + q.data!.totalFen, 0) : null;
  return (
    <div className="shop-cart-bar" data-testid="cart-bar">
      <Checkbox
        checked={allSelected}
        indeterminate={!allSelected && selectable.some((l) => l.selected)}
        onChange={(on: boolean) =>
          setSelected(
            selectable.map((l) => l.deal.id),
            on,
          )
        }
        data-testid="select-all"
      >
        {t('cart.selectAll')}
      </Checkbox>
      <span className="shop-cart-bar-total">
        {t('cart.total')}{' '}
        <b className="shop-price" data-testid="cart-total">
          {count === 0 ? yuan(0) : total === null ? '—' : yuan(total)}
        </b>
        <span className="shop-muted">
          {count === 0
            ? t('cart.nothingSelected')
            : chosen.length > 1
              ? t('cart.perCampaign')
              : t('cart.selectedCount', { n: count })}
        </span>
      </span>
      <Button
        color="primary"
        disabled={chosen.length !== 1}
        onClick={() => navigate(`/checkout?campaign=${chosen[0].campaign.id}`)}
        data-testid="go-checkout"
      >
        {t('cart.checkout')}
      </Button>
    </div>
  );
}

function CartGroupCard({
  group,
  quote,
  priced,
  separateCheckout,
}: {
  group: CartGroup;
  quote: UseQueryResult<Quote>;
  priced: boolean;
  separateCheckout: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const selectable = group.lines.filter((l) => l.stock.kind !== 'sold_out');
  const ordering = orderable(group).length > 0;
  return (
    <Card
      title={
        <Checkbox
          checked={selectable.length > 0 && selectable.every((l) => l.selected)}
          disabled={selectable.length === 0}
          onChange={(on: boolean) =>
            setSelected(
              selectable.map((l) => l.deal.id),
              on,
            )
          }
        >
          {group.campaign.title}
        </Checkbox>
      }
      className="shop-cart-group"
      data-testid="cart-group"
    >
      {group.lines.map((line) => (
        <CartLineRow key={line.deal.id} line={line} quote={line.selected ? quote.data : undefined} />
      ))}
      {priced && ordering && <CartQuote group={group} quote={quote} />}
      {separateCheckout && ordering && (
        <Button
          block
          color="primary"
          fill="outline"
          data-testid="go-checkout-group"
          onClick={() => navigate(`/checkout?campaign=${group.campaign.id}`)}
        >
          {t('cart.checkoutGroup')}
        </Button>
      )}
    </Card>
  );
}

function CartLineRow({ line, quote }: { line: CartLine; quote: Quote | undefined }) {
  const { t } = useTranslation();
  const { deal, quantity, selected, stock } = line;
  const soldOut = stock.kind === 'sold_out';
  // the server's subtotal once priced (member price included); before that, the deal price
  const subtotal =
    quote?.lines.find((l) => l.campaignItemId === deal.id)?.subtotalFen ??
    (soldOut ? null : unitPriceOf(deal) * quantity);
  return (
    <div
      className={`shop-cart-line${soldOut ? ' shop-line-off' : ''}`}
      data-testid="cart-line"
      data-name={deal.name}
      data-sold-out={soldOut || undefined}
    >
      <Checkbox
        checked={selected && !soldOut}
        disabled={soldOut}
        onChange={(on: boolean) => setSelected([deal.id], on)}
        aria-label={t('cart.select')}
        data-testid="line-select"
      />
      <div className="shop-cart-name">
        <div>
          {deal.name}{' '}
          {soldOut && (
            <Tag color="default" data-testid="line-sold-out">
              {t('cart.soldOut')}
            </Tag>
          )}
          {stock.kind === 'short' && (
            <Tag color="warning" data-testid="line-short">
              {t('cart.short', { n: stock.remaining })}
            </Tag>
          )}
        </div>
        <div className="shop-muted">
          {deal.unit} · {yuan(unitPriceOf(deal))}
        </div>
        {subtotal !== null && (
          <div className="shop-cart-subtotal" data-testid="line-subtotal">
            {t('cart.lineSubtotal', { amount: yuan(subtotal) })}
          </div>
        )}
      </div>
      <div className="shop-cart-actions">
        {soldOut ? (
          <Button size="mini" onClick={() => removeFromCart([deal.id])} data-testid="line-remove">
            {t('cart.remove')}
          </Button>
        ) : (
          <>
            <Stepper
              min={0}
              max={Math.min(deal.perCustomerLimit ?? 999, deal.remaining ?? 999)}
              value={quantity}
              onChange={(v: number) => setQuantity(deal.id, v)}
              aria-label={t('cart.quantity')}
            />
            <Button size="mini" fill="none" onClick={() => removeFromCart([deal.id])} data-testid="line-delete">
              {t('cart.delete')}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}

/** The server's price for the campaign's selected lines and the 凑单 hint for its next tier. */
function CartQuote({ group, quote }: { group: CartGroup; quote: UseQueryResult<Quote> }) {
  const { t } = useTranslation();
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
            <Link to={`/fill?campaign=${group.campaign.id}`} data-testid="fill-go">
              {t('cart.fillGo')}
            </Link>
          }
        />
      )}
      <PriceLines priced={quote.data} totalLabel={t('cart.estimated')} />
    </>
  );
}
