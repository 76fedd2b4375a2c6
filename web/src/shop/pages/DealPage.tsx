import { useEffect, useState } from 'react';
import { Button, ImageViewer, Stepper, Swiper, Tag } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { FlashAction, FlashProof } from '../components/Flash';
import { api, type DealDetails } from '../api';
import { addToCart, setQuantity, useCart } from '../cart';
import { DealPrice } from '../components/DealPrice';
import { Screen } from '../components/Screen';
import { Failed, Loading, Nothing } from '../components/State';
import { Countdown } from '../components/Countdown';
import { pickupText } from '../format';
import { useDealVariants, useMe } from '../hooks';
import { withVariants } from '../variants';
import { shopEvents } from '../events';
import { DealReviews } from '../components/Reviews';

/** 商品详情: a deal's pictures (swipe; tap to view full screen), price, details and add to cart. */
export default function DealPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const deal = useQuery({
    queryKey: ['deal', id],
    queryFn: () => api.get<DealDetails>(`/deals/${id}`),
    refetchInterval: 30_000,
  });
  // the customer's arm of an experiment on this deal shows its price or title (checkout charges the same)
  const variants = useDealVariants();
  const shown =
    deal.data && variants.data?.length
      ? (withVariants([{ items: [deal.data] }] as never, variants.data)[0]!.items[0] as unknown as DealDetails)
      : deal.data;
  return (
    <Screen title={t('dealPage.title')}>
      {deal.isLoading ? (
        <Loading />
      ) : deal.error ? (
        (deal.error as { status?: number }).status === 404 ? (
          <Nothing text={t('dealPage.notFound')} />
        ) : (
          <Failed error={deal.error} onRetry={() => void deal.refetch()} />
        )
      ) : shown ? (
        <DealView deal={shown} />
      ) : null}
    </Screen>
  );
}

function Gallery({ deal }: { deal: DealDetails }) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<number | null>(null);
  const images = deal.product.images;
  if (!images.length)
    return (
      <div className="shop-gallery shop-gallery-empty" data-testid="gallery">
        {t('dealPage.noPhoto')}
      </div>
    );
  return (
    <div className="shop-gallery" data-testid="gallery">
      <Swiper loop={images.length > 1} indicatorProps={{ color: 'white' }}>
        {images.map((image, n) => (
          <Swiper.Item key={image.id}>
            <button type="button" className="shop-gallery-slide" onClick={() => setViewing(n)}>
              <img
                src={image.url}
                width={image.width}
                height={image.height}
                alt={t('dealPage.photo', { name: deal.name, n: n + 1 })}
                loading={n === 0 ? 'eager' : 'lazy'}
                data-testid="gallery-photo"
              />
            </button>
          </Swiper.Item>
        ))}
      </Swiper>
      <ImageViewer.Multi
        images={images.map((i) => i.url)}
        visible={viewing !== null}
        defaultIndex={viewing ?? 0}
        onClose={() => setViewing(null)}
      />
    </div>
  );
}

function DealView({ deal }: { deal: DealDetails }) {
  const { t, i18n } = useTranslation();
  useMe(); // the customer's pickup point, for the events
  useEffect(
    () => shopEvents.track('deal_viewed', { dealId: deal.id, productId: deal.product.id }),
    [deal.id, deal.product.id],
  );
  const p = deal.product;
  const facts = [
    [t('dealPage.origin'), p.origin],
    [t('dealPage.specification'), p.specification],
    [t('dealPage.storage'), p.storage],
    [t('dealPage.shelfLife'), p.shelfLifeDays ? t('dealPage.shelfLifeDays', { n: p.shelfLifeDays }) : null],
  ].filter(([, v]) => v) as [string, string][];
  return (
    <div className="shop-deal-page" data-testid="deal-page">
      <Gallery deal={deal} />
      <section className="shop-deal-summary">
        <h2 className="shop-deal-title">
          {deal.saleStartsAt && (
            <Tag color="danger" fill="outline">
              {t('deals.flash')}
            </Tag>
          )}{' '}
          {deal.name}
        </h2>
        <div className="shop-muted">{deal.unit}</div>
        <DealPrice deal={deal} />
        <div className="shop-muted">
          {deal.campaign.status === 'open' && new Date(deal.campaign.cutoffAt).getTime() > Date.now() ? (
            <Countdown until={deal.campaign.cutoffAt} label={t('deals.cutoffIn')} testId="cutoff-countdown" />
          ) : null}
          {' · '}
          {pickupText(t, deal.campaign, i18n.language)}
        </div>
        <DealCartAction deal={deal} />
      </section>
      {facts.length > 0 && (
        <section className="shop-deal-section" data-testid="deal-facts">
          <h3>{t('dealPage.details')}</h3>
          <dl className="shop-facts">
            {facts.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {p.description && (
        <section className="shop-deal-section">
          <h3>{t('dealPage.description')}</h3>
          {/* sanitised by the server to p, br, strong, em, ul, ol, li without attributes (lib/rich-text.ts) */}
          <div
            className="shop-description"
            data-testid="deal-description"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: the server stores only its safe subset
            dangerouslySetInnerHTML={{ __html: p.description }}
          />
        </section>
      )}
      <DealReviews productId={deal.productId} />
      {p.nutrition && (
        <section className="shop-deal-section" data-testid="nutrition">
          <h3>{t('dealPage.nutrition')}</h3>
          <table className="shop-nutrition">
            <tbody>
              <tr>
                <th>{t('dealPage.energy')}</th>
                <td>{p.nutrition.energyKj} kJ</td>
              </tr>
              <tr>
                <th>{t('dealPage.protein')}</th>
                <td>{p.nutrition.proteinG} g</td>
              </tr>
              <tr>
                <th>{t('dealPage.fat')}</th>
                <td>{p.nutrition.fatG} g</td>
              </tr>
              <tr>
                <th>{t('dealPage.carbohydrate')}</th>
                <td>{p.nutrition.carbohydrateG} g</td>
              </tr>
              <tr>
                <th>{t('dealPage.sodium')}</th>
                <td>{p.nutrition.sodiumMg} mg</td>
              </tr>
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

function DealCartAction({ deal }: { deal: DealDetails }) {
  const { t } = useTranslation();
  const cart = useCart();
  const inCart = cart[deal.id] ?? 0;
  const open = deal.campaign.status === 'open' && new Date(deal.campaign.cutoffAt).getTime() > Date.now();
  const notYet = deal.saleStartsAt && new Date(deal.saleStartsAt).getTime() > Date.now();
  const soldOut = deal.remaining !== undefined && deal.remaining <= 0;
  const max = Math.min(deal.perCustomerLimit ?? 999, deal.remaining ?? 999);
  return (
    <div className="shop-deal-page-action">
      {!open ? null : deal.saleStartsAt && inCart === 0 ? (
        <>
          <FlashProof deal={deal} />
          <FlashAction deal={deal} size="large" block />
        </>
      ) : notYet ? (
        <Button block disabled>
          {t('deals.notOpen')}
        </Button>
      ) : soldOut ? (
        <Button block disabled>
          {t('deals.soldOut')}
        </Button>
      ) : inCart > 0 ? (
        <div className="shop-deal-page-cart">
          <Stepper
            min={0}
            max={max}
            value={inCart}
            onChange={(v: number) => setQuantity(deal.id, v)}
            data-testid="deal-stepper"
            aria-label={t('cart.quantity')}
          />
          <Link to="/cart" data-testid="go-cart">
            {t('dealPage.goCart')} ›
          </Link>
        </div>
      ) : (
        <Button block color="primary" onClick={() => addToCart(deal.id)} data-testid="add-to-cart">
          {t('deals.add')}
        </Button>
      )}
    </div>
  );
}
