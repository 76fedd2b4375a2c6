import { Button, DotLoading, Empty, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/i18n';

export { LoadMore } from '../../shared/mobile-paging';

/** The three states every screen has besides its content. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="shop-state" role="status" data-testid="loading">
      <DotLoading color="primary" /> {t('common.loading')}
    </div>
  );
}

export function Failed({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <ErrorBlock status="default" title={errorText(error)} description="" className="shop-state" data-testid="error">
      {onRetry && (
        <Button size="small" color="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </ErrorBlock>
  );
}

export function Nothing({ text, children }: { text?: string; children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="shop-state" data-testid="empty">
      <Empty description={text ?? t('common.empty')} />
      {children}
    </div>
  );
}

/** Renders loading / error / content for one react-query result. */
export function Query<T>({
  q,
  children,
}: {
  q: { data?: T; error: unknown; isLoading: boolean; refetch: () => unknown };
  children: (data: T) => React.ReactNode;
}) {
  if (q.isLoading) return <Loading />;
  if (q.error || q.data === undefined) return <Failed error={q.error} onRetry={() => void q.refetch()} />;
  return <>{children(q.data)}</>;
}
