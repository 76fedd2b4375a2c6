import { SearchOutline } from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { Button, Card, CapsuleTabs, NoticeBar, ProgressBar, Stepper, Tag, Toast } from 'antd-mobile';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Campaign, Deal } from '../api';
import { useCampaigns, useCategories, useMyPickupPoint, usePickupPoints } from '../hooks';
import { addToCart, setQuantity, useCart } from '../cart';
import { yuan } from '../../shared/money';
import { DealPrice } from '../components/DealPrice';
import { errorText } from '../../shared/i18n';
import { Countdown, useNow } from '../components/Countdown';
import { Failed, Loading, Nothing } from '../components/State';
import { LangSwitch } from '../components/LangSwitch';
import { useSession } from '../../shared/session';
import { api } from '../api';
import { pickupText } from '../format';
import { FlashAction, FlashProof, FlashSection } from '../components/Flash';
import { forgetLinkedPoint, linkedPoint, rememberLinkedPoint } from '../linkedPoint';

/** 首页: today's deals of every open campaign, with countdowns, stock and group-buy progress. */
export function DealsPage() {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  // asked together with the deals, not after them, and awaited with them: the deals and their
  // category tabs appear together, with names (a failed request just leaves the tabs out)
  const categories = useCategories();
  const [category, setCategory] = useState('all');
  const shared = useSharedLink();
  useEffect(() => {
    // a deal shared on a leader's poster: bring it into view once the deals are on screen
    if (!shared.item || !campaigns.data) return;
    document.querySelector(`[data-item="${CSS.escape(shared.item)}"]`)?.scrollIntoView({ block: 'center' });
  }, [shared.item, campaigns.data]);
  return (
    <div className="shop-page">
      <header className="shop-header">
        <h1>{t('app.name')}</h1>
        <LangSwitch />
      </header>
      <Link to="/search" className="shop-search-entry" data-testid="search-entry">
        <SearchOutline aria-hidden="true" /> {t('search.entry')}
      </Link>
      <PickupBar linked={shared.point} />
      {campaigns.isLoading || categories.isLoading ? (
        <Loading />
      ) : campaigns.error ? (
        <Failed error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      ) : !campaigns.data?.length ? (
        <Nothing text={t('deals.none')} />
      ) : (
        <>
          <FlashSection campaigns={campaigns.data} />
          <CategoryTabs campaigns={campaigns.data} value={category} onChange={setCategory} />
          {campaigns.data.map((c) => (
            <CampaignSection key={c.id} campaign={c} category={category} />
          ))}
        </>
      )}
    </div>
  );
}

/**
 * Whose point the customer picks up at: "团长 王秀英 · 翠苑一区便利店", from the first screen. A guest
 * who came by a leader's link sees that leader (registering binds the point); a signed-in
 * customer without a point who came by a link is bound to it at once.
 */
function PickupBar({ linked }: { linked: string | null }) {
  const { t } = useTranslation();
  const session = useSession(api);
  const qc = useQueryClient();
  const { point, me, loading } = useMyPickupPoint();
  const points = usePickupPoints();
  const bind = useMutation({
    mutationFn: (pickupPointId: string) => api.put('/me/pickup-point', { pickupPointId, via: 'link' }),
    onSuccess: () => {
      forgetLinkedPoint();
      void qc.invalidateQueries({ queryKey: ['me'] });
    },
    onError: (err) => Toast.show({ content: errorText(err) }),
  });
  const unbound = !!session && !!me.data && !me.data.pickupPointId;
  const { mutate, isIdle } = bind;
  useEffect(() => {
    if (unbound && linked && isIdle) mutate(linked);
  }, [unbound, linked, isIdle, mutate]);
  const shown = session ? point : (points.data?.find((p) => p.id === linked) ?? null);
  if (!session && !linked) {
    return <NoticeBar content={<Link to="/login">{t('deals.signInForPickup')}</Link>} color="info" />;
  }
  if (session && loading) return null;
  const to = session ? '/pickup-point' : '/register';
  return (
    <Link to={to} className="shop-pickup-bar" data-testid="pickup-bar">
      <span>{t('deals.pickupAt')}</span>
      <b data-testid="pickup-bar-point">
        {shown
          ? shown.leaderName
            ? t('deals.leaderAtPoint', { leader: shown.leaderName, point: shown.name })
            : shown.name
          : me.data?.pickupPointId || linked
            ? '…'
            : t('deals.choosePickup')}
      </b>
      <span className="shop-muted">{session ? `${t('deals.change')} ›` : `${t('deals.joinHere')} ›`}</span>
    </Link>
  );
}

/** A leader's poster links to /shop/?point=<their pickup point>&item=<the deal>. */
function useSharedLink() {
  const [params] = useSearchParams();
  const point = params.get('point');
  rememberLinkedPoint(point);
  return { point: point ?? linkedPoint(), item: params.get('item') };
}

/** 全部 / 果蔬 / 肉禽蛋 …: only the categories that have a deal today. */
function CategoryTabs({
  campaigns,
  value,
  onChange,
}: {
  campaigns: Campaign[];
  value: string;
  onChange: (c: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  // a category's code is never shown: until the names are here there are no tabs, and a code
  // without a name (a category added since the names were read) gets no tab of its own
  const names = new Map((categories.data ?? []).map((c) => [c.code, i18n.language === 'en' ? c.nameEn : c.nameZh]));
  const present = [...new Set(campaigns.flatMap((c) => c.items.map((d) => d.category)))].filter((c) => names.has(c));
  if (present.length < 2) return null;
  return (
    <div className="shop-categories" data-testid="categories">
      <CapsuleTabs activeKey={value} onChange={onChange}>
        <CapsuleTabs.Tab key="all" title={t('deals.all')} />
        {present.map((code) => (
          <CapsuleTabs.Tab key={code} title={names.get(code)} />
        ))}
      </CapsuleTabs>
    </div>
  );
}

function CampaignSection({ campaign, category }: { campaign: Campaign; category: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const deals = category === 'all' ? campaign.items : campaign.items.filter((d) => d.category === category);
  if (!deals.length) return null;
  return (
    <section className="shop-campaign" aria-label={campaign.title}>
      <div className="shop-campaign-head">
        <h2>{campaign.title}</h2>
        <div className="shop-muted">
          <Countdown
            until={campaign.cutoffAt}
            label={t('deals.cutoffIn')}
            testId="cutoff-countdown"
            onDone={() => void qc.invalidateQueries({ queryKey: ['campaigns'] })}
          />
          {' · '}
          <span data-testid="pickup-window">{pickupText(t, campaign, i18n.language)}</span>
        </div>
      </div>
      {deals.map((d) => (
        <DealCard key={d.id} deal={d} />
      ))}
    </section>
  );
}

function DealCard({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const cart = useCart();
  // only a flash deal that has not opened yet needs a clock
  const now = useNow(!!deal.saleStartsAt && new Date(deal.saleStartsAt).getTime() > Date.now());
  const inCart = cart[deal.id] ?? 0;
  const notYet = deal.saleStartsAt && new Date(deal.saleStartsAt).getTime() > now;
  const soldOut = deal.remaining !== undefined && deal.remaining <= 0;
  const max = Math.min(deal.perCustomerLimit ?? 999, deal.remaining ?? 999);
  return (
    <Card className="shop-deal" data-testid="deal-card" data-name={deal.name} data-item={deal.id}>
      <div className="shop-deal-row">
        <Link to={`/deals/${deal.id}`} className="shop-deal-photo" data-testid="deal-photo-link" aria-label={deal.name}>
          {deal.image ? (
            <img
              src={deal.image.thumbUrl}
              width={deal.image.thumbWidth}
              height={deal.image.thumbHeight}
              loading="lazy"
              decoding="async"
              alt={deal.name}
              data-testid="deal-photo"
            />
          ) : (
            <span className="shop-deal-nophoto" aria-hidden="true" />
          )}
        </Link>
        <div className="shop-deal-info">
          <div className="shop-deal-name">
            {deal.saleStartsAt && (
              <Tag color="danger" fill="outline">
                {t('deals.flash')}
              </Tag>
            )}{' '}
            {deal.groupTiers && (
              <Tag color="warning" fill="outline">
                {t('deals.group')}
              </Tag>
            )}{' '}
            <Link to={`/deals/${deal.id}`} className="shop-deal-link">
              {deal.name}
            </Link>
          </div>
          <div className="shop-muted">
            {deal.unit}
            {deal.perCustomerLimit ? ` · ${t('deals.limit', { n: deal.perCustomerLimit })}` : ''}
          </div>
          <DealPrice deal={deal} />
        </div>
        <div className="shop-deal-action">
          {deal.saleStartsAt && inCart === 0 ? (
            <FlashAction deal={deal} />
          ) : notYet ? (
            <Button size="small" disabled>
              {t('deals.notOpen')}
            </Button>
          ) : soldOut ? (
            <Button size="small" disabled>
              {t('deals.soldOut')}
            </Button>
          ) : inCart > 0 ? (
            <Stepper
              min={0}
              max={max}
              value={inCart}
              onChange={(v: number) => setQuantity(deal.id, v)}
              data-testid="deal-stepper"
              aria-label={t('cart.quantity')}
            />
          ) : (
            <Button
              color="primary"
              className="linli-add"
              onClick={() => addToCart(deal.id)}
              data-testid="add-to-cart"
              aria-label={t('deals.add')}
            >
              +
            </Button>
          )}
        </div>
      </div>
      {notYet && deal.saleStartsAt && (
        <div className="shop-flash">
          <Countdown
            until={deal.saleStartsAt}
            label={t('deals.opensIn')}
            testId="flash-countdown"
            onDone={() => void qc.invalidateQueries({ queryKey: ['campaigns'] })}
          />
        </div>
      )}
      {deal.quota !== undefined && deal.remaining !== undefined && (
        <div className="shop-stock" data-testid="stock">
          <ProgressBar percent={deal.quota ? Math.round(((deal.quota - deal.remaining) / deal.quota) * 100) : 100} />
          <span className="shop-muted">{t('deals.stock', { remaining: deal.remaining, quota: deal.quota })}</span>
        </div>
      )}
      {deal.saleStartsAt && <FlashProof deal={deal} />}
      {deal.groupTiers && <TierInfo deal={deal} />}
    </Card>
  );
}

function TierInfo({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  return (
    <div className="shop-tier" data-testid="tier">
      <span>{t('deals.buyers', { n: deal.buyers ?? 0 })}</span>
      {deal.nextTier ? (
        <b>{t('deals.nextTier', { n: deal.nextTier.buyersNeeded, price: yuan(deal.nextTier.priceFen) })}</b>
      ) : (
        <b>{t('deals.bestTier')}</b>
      )}
      <div className="shop-muted">{t('deals.tierRefund')}</div>
    </div>
  );
}
