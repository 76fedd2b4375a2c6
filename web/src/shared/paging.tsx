import { type ReactNode, useCallback, useEffect, useMemo, useRef } from 'react';
import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Api } from './api';

/**
 * Every list the server pages (decision 020): the first page, then the next one each time the
 * user reaches the end of what is shown. `path` may carry its own query; `pick` finds the rows in
 * an answer that is an object (e.g. `{balance, entries}`).
 */
export function usePagedList<Row, Body = Row[]>(
  api: Api,
  queryKey: QueryKey,
  path: string,
  opts: { limit?: number; enabled?: boolean; pick?: (body: Body) => Row[] } = {},
) {
  const { limit, enabled, pick } = opts;
  const query = useInfiniteQuery({
    queryKey,
    enabled,
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams();
      if (limit) params.set('limit', String(limit));
      if (pageParam) params.set('cursor', pageParam);
      const extra = params.toString();
      return api.page<Body>(extra ? `${path}${path.includes('?') ? '&' : '?'}${extra}` : path);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const pages = query.data?.pages;
  const items = useMemo(
    () => (pages ?? []).flatMap((p) => (pick ? pick(p.body) : (p.body as unknown as Row[]))),
    [pages, pick],
  );
  /** the first page's answer, for what an object answer says besides its rows (a balance) */
  const first = pages?.[0]?.body;
  const view: Loadable<Row[]> = {
    isPending: query.isPending,
    isLoading: query.isLoading,
    isError: query.isError,
    error: query.error,
    data: pages ? items : undefined,
    refetch: () => query.refetch(),
  };
  return { query, items, first, view };
}

/** What a screen's loading / error / empty states read of a query: a plain one or a paged list. */
export interface Loadable<T> {
  isPending: boolean;
  isLoading: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

/** What the end of a list needs to know of its query. */
export interface MorePages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * Calls `onVisible` when the returned element scrolls into view (a little before, so the next
 * page is usually there when the user gets to it).
 */
export function useSentinel(onVisible: () => void, active: boolean) {
  const callback = useRef(onVisible);
  callback.current = onVisible;
  const observer = useRef<IntersectionObserver | null>(null);
  useEffect(() => () => observer.current?.disconnect(), []);
  return useCallback(
    (el: HTMLElement | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!el || !active || typeof IntersectionObserver === 'undefined') return;
      observer.current = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) callback.current();
        },
        { rootMargin: '200px 0px' },
      );
      observer.current.observe(el);
    },
    [active],
  );
}

/**
 * The end of a paged list: loads the next page when scrolled into view, with a button for the
 * same (keyboards, screen readers, browsers without IntersectionObserver). Each app draws the
 * button with its own components.
 */
export function LoadMore({
  query: q,
  button,
}: {
  query: MorePages;
  button: (props: { onClick: () => void; loading: boolean; label: string }) => ReactNode;
}) {
  const { t } = useTranslation();
  const more = q.hasNextPage && !q.isFetchNextPageError;
  const next = () => {
    if (q.hasNextPage && !q.isFetchingNextPage) void q.fetchNextPage();
  };
  const sentinel = useSentinel(next, !!more && !q.isFetchingNextPage);
  if (!q.hasNextPage) return null;
  return (
    <div ref={sentinel} className="linli-load-more" data-testid="load-more">
      {button({
        onClick: next,
        loading: q.isFetchingNextPage,
        label: q.isFetchingNextPage
          ? t('common.loadingMore')
          : q.isFetchNextPageError
            ? t('common.loadMoreFailed')
            : t('common.loadMore'),
      })}
    </div>
  );
}

/**
 * Every page of a list, one after the other: for what must be whole (a campaign's purchase
 * orders on paper, one of them found by id), never for a history that only grows.
 */
export async function allPages<Row>(api: Api, path: string, limit = 200): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor = '';
  const sep = path.includes('?') ? '&' : '?';
  do {
    const page = await api.page<Row[]>(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    rows.push(...page.body);
    cursor = page.nextCursor ?? '';
  } while (cursor);
  return rows;
}
