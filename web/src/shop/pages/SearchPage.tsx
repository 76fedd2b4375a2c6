import { useEffect, useState } from 'react';
import { Button, Card, SearchBar, Space, Tag } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { shopEvents } from '../events';
import type { Answer } from '../../shared/api-shapes';
import { useCategories, useMe } from '../hooks';
import { addToCart, useCart } from '../cart';
import { yuan } from '../../shared/money';
import { usePagedList } from '../../shared/paging';
import { Screen } from '../components/Screen';
import { LoadMore, Nothing, Query } from '../components/State';
import { clearRecentSearches, recentSearches, rememberSearch } from '../recentSearches';

type Hit = Answer<'/search'>[number];
type Popular = Answer<'/search/popular'>;

/**
 * 搜索: today's deals at the customer's pickup point and the rest of the catalogue, by name,
 * category, pinyin or initials. Before a search (and when nothing is found) it offers the
 * customer's recent searches, the popular ones and the categories.
 */
export default function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [typed, setTyped] = useState(q);
  const [recent, setRecent] = useState(recentSearches);
  const submit = (text: string) => {
    const value = text.trim().slice(0, 50);
    if (!value) return;
    setTyped(value);
    setRecent(rememberSearch(value));
    setParams({ q: value });
  };
  return (
    <Screen title={t('search.title')}>
      <form
        className="shop-search-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit(typed);
        }}
      >
        <SearchBar
          placeholder={t('search.placeholder')}
          value={typed}
          onChange={setTyped}
          onSearch={submit}
          maxLength={50}
          autoFocus={!q}
          data-testid="search-input"
        />
        <Button size="small" color="primary" type="submit" data-testid="search-submit">
          {t('search.submit')}
        </Button>
      </form>
      {q ? (
        <Results key={q} q={q} onPick={submit} />
      ) : (
        <Suggestions
          recent={recent}
          onPick={submit}
          onClear={() => {
            clearRecentSearches();
            setRecent([]);
          }}
        />
      )}
    </Screen>
  );
}

/** Queries this page has already counted towards the popular searches: a refetch does not count again. */
const counted = new Set<string>();

function takeCount(q: string): boolean {
  if (counted.has(q)) return false;
  counted.add(q);
  return true;
}

function Results({ q, onPick }: { q: string; onPick: (q: string) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const point = me.data?.pickupPointId;
  // the first answer of a submitted search counts; later refetches of the same results do not
  const [count, setCount] = useState(() => takeCount(q));
  const path = `/search?${new URLSearchParams({
    q,
    ...(count ? { count: '1' } : {}),
    ...(point ? { pickupPointId: point } : {}),
  })}`;
  const list = usePagedList<Hit>(api, ['search', q, point ?? ''], path, { limit: 20, enabled: !me.isLoading });
  const answered = list.query.isFetched;
  useEffect(() => {
    if (answered) setCount(false);
  }, [answered]);
  // a submitted search, once (the server keeps it capped and without anything like a phone number)
  const [tracked] = useState(count);
  useEffect(() => {
    if (tracked) shopEvents.track('searched', { query: q });
  }, [tracked, q]);
  return (
    <Query q={list.view}>
      {(hits) =>
        hits.length === 0 ? (
          <div data-testid="search-none" data-q={q}>
            <Nothing text={t('search.none', { q })}>
              <p className="shop-muted">{t('search.tryOther')}</p>
            </Nothing>
            <Suggestions onPick={onPick} />
          </div>
        ) : (
          <div className="shop-search-results" data-testid="search-results" data-q={q}>
            {hits.map((h) => (
              <HitCard key={h.id} hit={h} />
            ))}
            <LoadMore query={list.query} />
          </div>
        )
      }
    </Query>
  );
}

function HitCard({ hit }: { hit: Hit }) {
  const { t, i18n } = useTranslation();
  const cart = useCart();
  const soldOut = hit.remaining !== undefined && hit.remaining <= 0;
  return (
    <Card className="shop-deal" data-testid="search-hit" data-name={hit.name} data-on-sale={hit.onSale}>
      <div className="shop-deal-row">
        <div className="shop-deal-info">
          <div className="shop-deal-name">{hit.name}</div>
          <div className="shop-muted">
            {i18n.language === 'en' ? hit.categoryNameEn : hit.categoryNameZh} · {hit.unit}
            {hit.origin ? ` · ${t('dealPage.origin')} ${hit.origin}` : ''}
            {hit.sales > 0 ? ` · ${t('search.sold', { n: hit.sales })}` : ''}
          </div>
          {hit.onSale && hit.priceFen !== undefined ? (
            <div className="shop-price-line">
              <span className="shop-price">{yuan(hit.priceFen)}</span>
              {hit.listPriceFen > hit.priceFen && <s className="shop-muted">{yuan(hit.listPriceFen)}</s>}
            </div>
          ) : (
            <div className="shop-price-line">
              <Tag color="default" fill="outline" data-testid="not-today">
                {t('search.notToday')}
              </Tag>
              <span className="shop-muted">{t('search.listPrice', { price: yuan(hit.listPriceFen) })}</span>
            </div>
          )}
        </div>
        {hit.onSale && (
          <div className="shop-deal-action">
            {soldOut ? (
              <Button size="small" disabled>
                {t('deals.soldOut')}
              </Button>
            ) : (
              <>
                {cart[hit.id] ? (
                  <span className="linli-in-cart" data-testid="in-cart">
                    ×{cart[hit.id]}
                  </span>
                ) : null}
                <Button
                  color="primary"
                  className="linli-add"
                  onClick={() => addToCart(hit.id)}
                  data-testid="add-to-cart"
                  aria-label={t('deals.add')}
                >
                  +
                </Button>
              </>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}

/** What to search for: the customer's recent searches, the popular ones, the categories. */
function Suggestions({
  recent,
  onPick,
  onClear,
}: {
  recent?: string[];
  onPick: (q: string) => void;
  onClear?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const popular = useQuery({
    queryKey: ['search-popular'],
    queryFn: () => api.get<Popular>('/search/popular'),
    // read again each time suggestions show: the customer's own searches may have just joined them
    staleTime: 0,
  });
  const categories = useCategories();
  const chips = (testId: string, items: string[]) => (
    <Space wrap className="shop-search-chips" data-testid={testId}>
      {items.map((q) => (
        <Tag key={q} round color="primary" fill="outline" onClick={() => onPick(q)} className="shop-search-chip">
          {q}
        </Tag>
      ))}
    </Space>
  );
  return (
    <div className="shop-search-suggestions" data-testid="search-suggestions">
      {recent && recent.length > 0 && (
        <section>
          <h2>
            {t('search.recent')}
            <Button size="mini" fill="none" onClick={onClear} data-testid="clear-recent">
              {t('search.clearRecent')}
            </Button>
          </h2>
          {chips('recent-searches', recent)}
        </section>
      )}
      {!!popular.data?.length && (
        <section>
          <h2>{t('search.popular')}</h2>
          {chips(
            'popular-searches',
            popular.data.map((p) => p.query),
          )}
        </section>
      )}
      {!!categories.data?.length && (
        <section>
          <h2>{t('search.categories')}</h2>
          {chips(
            'category-searches',
            categories.data.map((c) => (i18n.language === 'en' ? c.nameEn : c.nameZh)),
          )}
        </section>
      )}
    </div>
  );
}
