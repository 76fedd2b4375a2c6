import { Card, List } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type PointsHistory } from '../api';
import { Screen } from '../components/Screen';
import { Nothing, Query } from '../components/State';
import { dateTime } from '../format';

/** 积分: balance and every earning and spending, newest first as the server lists them. */
export default function PointsPage() {
  const { t, i18n } = useTranslation();
  const points = useQuery({ queryKey: ['points'], queryFn: () => api.get<PointsHistory>('/me/points') });
  return (
    <Screen title={t('points.title')}>
      <Query q={points}>
        {(p) => (
          <>
            <Card className="shop-points-head">
              <div className="shop-muted">{t('points.balance')}</div>
              <div className="shop-code" data-testid="points-total">
                {p.balance}
              </div>
              <div className="shop-muted">{t('points.rule')}</div>
            </Card>
            {p.entries.length === 0 ? (
              <Nothing text={t('points.none')} />
            ) : (
              <List header={t('points.history')}>
                {p.entries.map((e, i) => (
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
              </List>
            )}
          </>
        )}
      </Query>
    </Screen>
  );
}
