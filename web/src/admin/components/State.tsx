import type { ReactNode } from 'react';
import { Alert, Button, Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/i18n';
import { LoadMore as LoadMoreEnd, type Loadable, type MorePages } from '../../shared/paging';

/** Error box with a retry button; every API error is shown in plain words via errorText. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      data-testid="error"
    />
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} data-testid="loading">
      <Spin />
      <div style={{ marginTop: 8 }}>{t('common.loading')}</div>
    </div>
  );
}

export function EmptyState({ text }: { text?: string }) {
  const { t } = useTranslation();
  return <Empty description={text ?? t('common.empty')} data-testid="empty" />;
}

/**
 * The three states every screen has: loading, error (with retry), empty; otherwise the content.
 * `isEmpty` decides emptiness from the loaded data.
 */
export function QueryState<T>({
  query,
  isEmpty,
  emptyText,
  children,
}: {
  query: Loadable<T>;
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorBox error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data as T;
  if (isEmpty?.(data)) return <EmptyState text={emptyText} />;
  return <>{children(data)}</>;
}

/** Below a paged table: the next page when scrolled to, or on the button. */
export function LoadMore({ query }: { query: MorePages }) {
  return (
    <LoadMoreEnd
      query={query}
      button={({ onClick, loading, label }) => (
        <Button block type="dashed" loading={loading} onClick={onClick} data-testid="load-more-button">
          {label}
        </Button>
      )}
    />
  );
}
