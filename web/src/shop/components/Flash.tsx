import { useRef, useState } from 'react';
import { Button, ProgressBar, Toast } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, payThroughCashier, type Campaign, type Deal, type Order } from '../api';
import type { Answer } from '../../shared/api-shapes';
import { idempotencyKey } from '../../shared/api';
import { errorText } from '../../shared/i18n';
import { useSession } from '../../shared/session';
import { useMe } from '../hooks';
import { Countdown, useNow } from './Countdown';
import { DealPrice } from './DealPrice';
import { grabbedPercent } from './flash-rules';
import './Flash.css';

/** What the flash parts read of a deal (the list's deal and the deal page's both have it). */
type FlashDeal = Pick<Deal, 'id' | 'saleStartsAt' | 'remaining' | 'quota'>;
type Size = 'mini' | 'small' | 'large';

/** 已抢 % · 已售: how much of a flash deal is gone, as the deal list reports it. */
export function FlashProof({ deal }: { deal: FlashDeal }) {
  const { t } = useTranslation();
  if (deal.quota === undefined || deal.remaining === undefined) return null;
  const pct = grabbedPercent(deal.quota, deal.remaining);
  return (
    <div className="flash-proof" data-testid="flash-proof" data-pct={pct}>
      <span>{t('deals.grabbed', { pct })}</span>
      <span>{t('deals.soldCount', { n: Math.max(0, deal.quota - deal.remaining) })}</span>
    </div>
  );
}

/** The customer's reminders not sent yet (signed in only). */
function useReminders() {
  const session = useSession(api);
  return useQuery({
    queryKey: ['me', 'flash-reminders'],
    queryFn: () => api.get<Answer<'/me/flash-reminders'>>('/me/flash-reminders'),
    enabled: !!session,
  });
}

/**
 * The action of a flash deal: 提醒我 / 已设提醒 before it opens, 立即抢 while units are left (the
 * order is placed at once — the flash lane holds the unit for the unpaid order — and the
 * customer goes straight to the cashier), 已抢光 after.
 */
export function FlashAction({ deal, size = 'small', block }: { deal: FlashDeal; size?: Size; block?: boolean }) {
  const { t } = useTranslation();
  const now = useNow(!!deal.saleStartsAt && new Date(deal.saleStartsAt).getTime() > Date.now());
  const notYet = !!deal.saleStartsAt && new Date(deal.saleStartsAt).getTime() > now;
  if (deal.remaining !== undefined && deal.remaining <= 0)
    return (
      <Button size={size} block={block} disabled>
        {t('deals.soldOut')}
      </Button>
    );
  return notYet ? (
    <RemindButton deal={deal} size={size} block={block} />
  ) : (
    <GrabButton deal={deal} size={size} block={block} />
  );
}

function RemindButton({ deal, size, block }: { deal: FlashDeal; size: Size; block?: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const session = useSession(api);
  const reminders = useReminders();
  const [busy, setBusy] = useState(false);
  const on = !!reminders.data?.some((r) => r.campaignItemId === deal.id);
  async function toggle() {
    if (!session) return navigate('/login');
    setBusy(true);
    try {
      if (on) await api.del(`/me/flash-reminders/${deal.id}`);
      else await api.post('/me/flash-reminders', { campaignItemId: deal.id });
      Toast.show({ content: on ? t('deals.remindOff') : t('deals.remindSet') });
      await qc.invalidateQueries({ queryKey: ['me', 'flash-reminders'] });
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button
      size={size}
      block={block}
      color={on ? 'default' : 'warning'}
      fill={on ? 'outline' : 'solid'}
      loading={busy}
      onClick={() => void toggle()}
      data-testid="flash-remind"
      data-on={on}
    >
      {on ? t('deals.reminded') : t('deals.remind')}
    </Button>
  );
}

function GrabButton({ deal, size, block }: { deal: FlashDeal; size: Size; block?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession(api);
  const me = useMe();
  const [busy, setBusy] = useState(false);
  // one key per deal while on this page: a second tap or a retry gets the same order back
  const key = useRef(idempotencyKey());
  async function grab() {
    if (!session) return navigate('/login');
    const pickupPointId = me.data?.pickupPointId;
    if (!pickupPointId) return navigate('/pickup-point');
    setBusy(true);
    try {
      const order = await api.post<Order>(
        '/orders',
        { pickupPointId, items: [{ campaignItemId: deal.id, quantity: 1 }] },
        { 'Idempotency-Key': key.current },
      );
      await payThroughCashier(order.id, `/shop/orders/${order.id}`);
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
      setBusy(false);
    }
  }
  return (
    <Button
      size={size}
      block={block}
      color="danger"
      loading={busy}
      onClick={() => void grab()}
      data-testid="flash-grab"
    >
      {t('deals.buyNow')}
    </Button>
  );
}

/** 秒杀 at the top of the home page: every flash deal of the open campaigns, with its countdown. */
export function FlashSection({ campaigns }: { campaigns: Campaign[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const now = useNow();
  const flash = campaigns.flatMap((c) => c.items.filter((d) => d.saleStartsAt).map((d) => ({ c, d })));
  if (!flash.length) return null;
  // the strip's clock: the next opening, or else the earliest cutoff of a deal on sale
  const upcoming = flash
    .map(({ d }) => d.saleStartsAt!)
    .filter((s) => new Date(s).getTime() > now)
    .sort()[0];
  const cutoff = flash.map(({ c }) => c.cutoffAt).sort()[0];
  return (
    <section className="flash-strip" data-testid="flash-section" aria-label={t('deals.flashTitle')}>
      <div className="flash-strip-head">
        <h2>⚡ {t('deals.flashTitle')}</h2>
        <Countdown
          until={upcoming ?? cutoff}
          label={upcoming ? t('deals.opensIn') : t('deals.flashEndsIn')}
          testId="flash-section-countdown"
          onDone={() => void qc.invalidateQueries({ queryKey: ['campaigns'] })}
        />
      </div>
      <div className="flash-strip-list">
        {flash.map(({ d }) => (
          <div key={d.id} className="flash-tile" data-testid="flash-tile" data-name={d.name}>
            <Link to={`/deals/${d.id}`} className="flash-tile-name">
              {d.name}
            </Link>
            <DealPrice deal={d} />
            {d.quota !== undefined && d.remaining !== undefined && (
              <ProgressBar percent={grabbedPercent(d.quota, d.remaining)} />
            )}
            <FlashProof deal={d} />
            <FlashAction deal={d} size="mini" />
          </div>
        ))}
      </div>
    </section>
  );
}
