import { Card, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { api, type PointsHistory } from '../api';
import { Screen } from '../components/Screen';
import { usePagedList } from '../../shared/paging';
import { LoadMore, Nothing, Query } from '../components/State';
import { dateTime } from '../format';

type Entry = PointsHistory['entries'][number];
const entriesOf = (p: PointsHistory) => p.entries;

/** 积分: balance and every earning and spending, newest first as the server lists them, a page at a time. */
export default function PointsPage() {
  const { t, i18n } = useTranslation();
  const points = usePagedList<Entry, PointsHistory>(api, ['points'], '/me/points', { pick: entriesOf });
  return (
    <Screen title={t('points.title')}>
      <Query q={points.view}>
        {(entries) => (
          <>
            <Card className="shop-points-head">
              <div className="shop-muted">{t('points.balance')}</div>
              <div className="shop-code" data-testid="points-total">
                {points.first?.balance}
              </div>
              <div className="shop-muted">{t('points.rule')}</div>
            </Card>
            {entries.length === 0 ? (
              <Nothing text={t('points.none')} />
            ) : (
              <List header={t('points.history')}>
                {entries.map((e, i) => (
                  <List.Item
                    // biome-ignore lint/suspicious/noArrayIndexKey: a history has no id and never reorders
                    key={i}
                    data-testid="points-entry"
                    description={dateTime(e.createdAt, i18n.language)}
                    extra={
                      <b className={e.deltaPoints >= 0 ? 'shop-gain' : 'shop-discount'}>
                        {e.deltaPoints > 0 ? '+' : ''}
                        {e.deltaPoints}
                      </b>
                    }
                  >
                    {t(`pointsReason.${e.reason}`, { defaultValue: e.reason })}
                  </List.Item>
                ))}
                <LoadMore query={points.query} />
              </List>
            )}
          </>
        )}
      </Query>
    </Screen>
  );
}
