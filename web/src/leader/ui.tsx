import type { ReactNode } from 'react';
import { Button, DotLoading } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorText } from '../shared/i18n';
import type { Loadable } from '../shared/paging';

export { LoadMore } from '../shared/mobile-paging';

/** Loading, error and empty states of a query, the same on every screen. */
export function QueryView<T>({
  query,
  empty,
  isEmpty,
  children,
}: {
  query: Loadable<T>;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <div className="ll-state" data-testid="loading">
        {t('common.loading')}
        <DotLoading />
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="ll-state" role="alert" data-testid="load-error">
        <p>{errorText(query.error)}</p>
        <Button size="small" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </Button>
      </div>
    );
  }
  const data = query.data as T;
  if (isEmpty?.(data)) return <EmptyState text={empty ?? t('common.empty')} />;
  return <>{children(data)}</>;
}

/** A quiet empty state: inside lists a large illustration would push the content away. */
export function EmptyState({ text }: { text: ReactNode }) {
  return (
    <div className="ll-state ll-empty" data-testid="empty">
      {text}
    </div>
  );
}

/** A screen's title bar (kept simple: tabs are at the bottom, no back stack). */
export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <header className="ll-title">
      <h1>{children}</h1>
      {extra}
    </header>
  );
}
