import { useState } from 'react';
import { ImageViewer, Rate } from 'antd-mobile';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../shared/api-shapes';
import { api } from '../api';
import { dateTime } from '../format';

type Summary = Answer<'/products/{id}/review-summary'>;
type Review = Answer<'/products/{id}/reviews'>[number];

/** 商品评价 on the deal page: the average, how many, and the newest reviews with their photos. */
export function DealReviews({ productId }: { productId: string }) {
  const { t, i18n } = useTranslation();
  const [viewing, setViewing] = useState<{ urls: string[]; index: number } | null>(null);
  const summary = useQuery({
    queryKey: ['review-summary', productId],
    queryFn: () => api.get<Summary>(`/products/${productId}/review-summary`),
  });
  const list = useInfiniteQuery({
    queryKey: ['reviews', productId],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.page<Review[]>(
        `/products/${productId}/reviews?limit=5${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
  const s = summary.data;
  if (!s || s.count === 0)
    return (
      <section className="shop-deal-section" data-testid="deal-reviews">
        <h3>{t('reviews.title')}</h3>
        <p className="shop-muted">{t('reviews.none')}</p>
      </section>
    );
  const reviews = list.data?.pages.flatMap((p) => p.body) ?? [];
  return (
    <section className="shop-deal-section" data-testid="deal-reviews">
      <h3>
        {t('reviews.title')} <span className="shop-muted">({s.count})</span>
      </h3>
      <div className="shop-review-summary" data-testid="review-summary">
        <Rate readOnly allowHalf value={s.average ?? 0} style={{ '--star-size': '16px' }} />
        <strong>{s.average?.toFixed(1)}</strong>
        <span className="shop-muted">
          {t('reviews.count', { n: s.count })}
          {s.withPhotos > 0 && ` · ${t('reviews.withPhotos', { n: s.withPhotos })}`}
        </span>
      </div>
      <ul className="shop-reviews">
        {reviews.map((r) => (
          <li key={r.id} className="shop-review" data-testid="review">
            <div className="shop-review-head">
              <span>{r.name}</span>
              <Rate readOnly value={r.rating} style={{ '--star-size': '12px' }} />
              <span className="shop-muted">{dateTime(r.createdAt, i18n.language)}</span>
            </div>
            {r.text && <p>{r.text}</p>}
            {r.photos.length > 0 && (
              <div className="shop-review-photos">
                {r.photos.map((p, i) => (
                  <button
                    type="button"
                    key={p.id}
                    onClick={() => setViewing({ urls: r.photos.map((x) => x.url), index: i })}
                    aria-label={t('reviews.photo', { n: i + 1 })}
                  >
                    <img src={p.thumbUrl} alt="" loading="lazy" />
                  </button>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <button
          type="button"
          className="shop-link-button"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
          data-testid="reviews-more"
        >
          {t('reviews.more')}
        </button>
      )}
      {viewing && (
        <ImageViewer.Multi
          images={viewing.urls}
          defaultIndex={viewing.index}
          visible
          onClose={() => setViewing(null)}
        />
      )}
    </section>
  );
}
