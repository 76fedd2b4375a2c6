import { Button } from 'antd-mobile';
import { LoadMore as LoadMoreEnd, type MorePages } from './paging';

/** At the end of a paged list in the phone apps (shop, leader): the next page when scrolled to, or on the button. */
export function LoadMore({ query }: { query: MorePages }) {
  return (
    <LoadMoreEnd
      query={query}
      button={({ onClick, loading, label }) => (
        <Button block fill="none" color="primary" loading={loading} onClick={onClick} data-testid="load-more-button">
          {label}
        </Button>
      )}
    />
  );
}
