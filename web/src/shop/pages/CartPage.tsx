import { Button, Card, Checkbox, NoticeBar, Stepper, Tag } from 'antd-mobile';
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type Quote } from '../api';
import { useCampaigns, useMe } from '../hooks';
import { removeFromCart, setQuantity, setSelected, useCart, useDeselected } from '../cart';
import {
  cartDays,
  checkoutPath,
  groupCart,
  orderable,
  quotePath,
  type CartDay,
  type CartGroup,
  type CartLine,
} from '../cartGroups';
import { calendarDay } from '../format';
import { unitPriceOf } from '../fill';
import { yuan } from '../../shared/money';
import { errorText } from '../../shared/i18n';
import { useSession } from '../../shared/session';
import { Failed, Loading, Nothing } from '../components/State';
import { PriceLines } from '../components/PriceLines';

/**
 * 购物车: lines per campaign (an order holds one campaign's deals) with select, quantity, delete and
 * the server's line subtotals; sold-out lines greyed with 移除; the 凑单 hint; and a sticky bar with
 * the selected total and 去结算. The selected campaigns collected on the same day are priced as one
 * cart and checked out together (decision 032); different days are checked out one day at a time.
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
  const days = cartDays(groups);
  // the server prices each day's orderable lines (selected, in stock) as one cart
  const quotes = useQueries({
    queries: days.map((d) => {
      const items = d.groups.flatMap(orderable).map((l) => ({ campaignItemId: l.deal.id, quantity: l.quantity }));
      return {
        queryKey: ['quote', 'cart', pickupPointId, items],
        queryFn: () => api.post<Quote>(quotePath(d), { pickupPointId, items }),
        enabled: !!pickupPointId && items.length > 0,
        retry: false,
      };
    }),
  });
  const dayOf = (g: CartGroup) => days.findIndex((d) => d.groups.includes(g));
  if (campaigns.isLoading) return <Loading />;
  if (campaigns.error || !campaigns.data)
    return <Failed error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
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
          {groups.map((g) => {
            const d = dayOf(g);
            const day = days[d];
            const last = day && day.groups[day.groups.length - 1] === g;
            return (
              <div key={g.campaign.id}>
                <CartGroupCard
                  group={g}
                  day={day}
                  quote={d >= 0 ? quotes[d] : undefined}
                  priced={!!session && !!pickupPointId}
                  separateCheckout={days.length > 1}
                />
                {last && day.groups.length > 1 && !!session && !!pickupPointId && (
                  <DayQuote day={day} quote={quotes[d]} separateCheckout={days.length > 1} />
                )}
              </div>
            );
          })}
          {!session ? (
            <p className="shop-muted shop-cart-note">{t('cart.signInToPrice')}</p>
          ) : !pickupPointId && !me.isLoading ? (
            <p className="shop-muted shop-cart-note">{t('cart.choosePickupToPrice')}</p>
          ) : null}
          <CartBar groups={groups} days={days} quotes={quotes} />
        </>
      )}
    </div>
  );
}

/** The sticky bar: select all, the selected lines' total as the server priced it, and 去结算. */
function CartBar({ groups, days, quotes }: { groups: CartGroup[]; days: CartDay[]; quotes: UseQueryResult<Quote>[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const selectable = groups.flatMap((g) => g.lines.filter((l) => l.stock.kind !== 'sold_out'));
  const allSelected = selectable.length > 0 && selectable.every((l) => l.selected);
  const count = days.flatMap((d) => d.groups.flatMap(orderable)).reduce((n, l) => n + l.quantity, 0);
  const total = quotes.every((q) => q.data) ? quotes.reduce((sum, q) => sum + q.data!.totalFen, 0) : null;
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
            : days.length > 1
              ? t('cart.perDay')
              : t('cart.selectedCount', { n: count })}
        </span>
      </span>
      <Button
        color="primary"
        disabled={days.length !== 1}
        onClick={() => navigate(checkoutPath(days[0]))}
        data-testid="go-checkout"
      >
        {t('cart.checkout')}
      </Button>
    </div>
  );
}

function CartGroupCard({
  group,
  day,
  quote,
  priced,
  separateCheckout,
}: {
  group: CartGroup;
  day: CartDay | undefined;
  quote: UseQueryResult<Quote> | undefined;
  priced: boolean;
  separateCheckout: boolean;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  // a day of several campaigns is priced and checked out as one, below its last card
  const alone = !!day && day.groups.length === 1;
  const selectable = group.lines.filter((l) => l.stock.kind !== 'sold_out');
  const ordering = orderable(group).length > 0;
  return (
    <Card
      title={
        <Checkbox
          checked={selectable.length > 0 && selectable.every((l) => l.selected)}
          disabled={selectable.length === 0}
          data-testid="group-select"
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
        <CartLineRow key={line.deal.id} line={line} quote={line.selected ? quote?.data : undefined} />
      ))}
      {priced && ordering && alone && quote && (
        <CartQuote fillPath={`/fill?campaign=${group.campaign.id}`} quote={quote} />
      )}
      {separateCheckout && ordering && alone && day && (
        <Button
          block
          color="primary"
          fill="outline"
          data-testid="go-checkout-group"
          onClick={() => navigate(checkoutPath(day))}
        >
          {t('cart.checkoutDay', { date: calendarDay(day.pickupDate, i18n.language) })}
        </Button>
      )}
    </Card>
  );
}

/** The price of a day's campaigns together: one threshold, one coupon, one payment. */
function DayQuote({
  day,
  quote,
  separateCheckout,
}: {
  day: CartDay;
  quote: UseQueryResult<Quote>;
  separateCheckout: boolean;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const date = calendarDay(day.pickupDate, i18n.language);
  return (
    <Card title={t('cart.dayTitle', { date })} className="shop-cart-group" data-testid="cart-day">
      <p className="shop-muted">{t('cart.dayNote', { n: day.groups.length })}</p>
      <CartQuote fillPath={`/fill?day=${day.pickupDate}`} quote={quote} />
      {separateCheckout && (
        <Button
          block
          color="primary"
          fill="outline"
          data-testid="go-checkout-group"
          onClick={() => navigate(checkoutPath(day))}
        >
          {t('cart.checkoutDay', { date })}
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

/** The server's price for the selected lines of a campaign or a day and the 凑单 hint for its next tier. */
function CartQuote({ fillPath, quote }: { fillPath: string; quote: UseQueryResult<Quote> }) {
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
            <Link to={fillPath} data-testid="fill-go">
              {t('cart.fillGo')}
            </Link>
          }
        />
      )}
      <PriceLines priced={quote.data} totalLabel={t('cart.estimated')} />
    </>
  );
}
