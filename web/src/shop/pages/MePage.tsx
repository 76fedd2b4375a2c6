import { useState } from 'react';
import { Button, Card, List, Switch, Tag, Toast } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type Coupon } from '../api';
import type { Answer } from '../../shared/api-shapes';
import { useMyPickupPoint } from '../hooks';
import { setA11y, useA11y } from '../../shared/a11y';
import { errorText, switchLang } from '../../shared/i18n';
import { Query } from '../components/State';
import { CheckInCalendar } from '../components/CheckInCalendar';
import { date } from '../format';

/** 我的: profile, check-in, the way to coupons / points / membership / invitations, and display settings. */
export function MePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { me, point } = useMyPickupPoint();
  const a11y = useA11y();
  const [checking, setChecking] = useState(false);
  const coupons = useQuery({ queryKey: ['me', 'coupons'], queryFn: () => api.get<Coupon[]>('/me/coupons') });
  const usable = coupons.data?.filter((c) => c.status === 'available').length;
  // this month's check-ins: the button turns into 已签到 with the streak once today is done
  const checkIns = useQuery({
    queryKey: ['me', 'check-ins'],
    queryFn: () => api.get<Answer<'/me/check-ins'>>('/me/check-ins'),
  });
  const checkedIn = checkIns.data?.checkedInToday;

  async function checkIn() {
    setChecking(true);
    try {
      const r = await api.post<Answer<'/me/check-in', 'post'>>('/me/check-in');
      Toast.show({
        content:
          r.pointsAwarded > 0
            ? t('me.checkedIn', { n: r.pointsAwarded, days: r.streakDays })
            : t('me.alreadyCheckedIn', { days: r.streakDays }),
        icon: 'success',
      });
      void qc.invalidateQueries({ queryKey: ['me'] });
      void qc.invalidateQueries({ queryKey: ['points'] });
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
    } finally {
      setChecking(false);
    }
  }

  return (
    <div className="shop-page">
      <header className="shop-header">
        <h1>{t('tabs.me')}</h1>
      </header>
      <Query q={me}>
        {(m) => (
          <Card className="shop-profile" data-testid="profile">
            <div className="shop-profile-row">
              <div>
                <div className="shop-profile-name">{m.name}</div>
                <div className="shop-muted">{m.phone}</div>
                <div>
                  <Tag color="primary" fill="outline">
                    {t(`tier.${m.tier}`)}
                  </Tag>{' '}
                  {m.membership && (
                    <Tag color="#8a5a00" data-testid="member-tag">
                      {t('me.memberUntil', { date: date(m.membership.activeUntil, i18n.language) })}
                    </Tag>
                  )}
                </div>
              </div>
              {checkedIn ? (
                <Button size="small" disabled data-testid="checked-in">
                  {t('me.checkedInToday')}
                </Button>
              ) : (
                <Button
                  color="primary"
                  size="small"
                  loading={checking || checkIns.isLoading}
                  onClick={() => void checkIn()}
                  data-testid="check-in"
                >
                  {t('me.checkIn')}
                </Button>
              )}
            </div>
            <div className="shop-profile-stats">
              <button type="button" onClick={() => navigate('/me/points')}>
                <b data-testid="points-balance">{m.pointsBalance}</b>
                <span>{t('me.points')}</span>
              </button>
              <button type="button" onClick={() => navigate('/me/coupons')}>
                <b data-testid="coupon-count">{usable ?? '–'}</b>
                <span>{t('me.couponsUsable')}</span>
              </button>
            </div>
            {checkIns.data && <CheckInCalendar data={checkIns.data} />}
          </Card>
        )}
      </Query>
      <List header={t('me.services')}>
        <List.Item onClick={() => navigate('/pickup-point')} extra={point?.name} data-testid="me-pickup">
          {t('me.pickupPoint')}
        </List.Item>
        <List.Item onClick={() => navigate('/me/tickets')} data-testid="me-tickets">
          {t('tickets.title')}
        </List.Item>
        <List.Item onClick={() => navigate('/me/messages')} data-testid="me-messages">
          {t('me.messages')}
        </List.Item>
        <List.Item onClick={() => navigate('/me/coupons')} data-testid="me-coupons">
          {t('me.coupons')}
        </List.Item>
        <List.Item onClick={() => navigate('/me/points')} data-testid="me-points">
          {t('me.pointsHistory')}
        </List.Item>
        <List.Item onClick={() => navigate('/me/membership')} data-testid="me-membership">
          {t('me.membership')}
        </List.Item>
        <List.Item onClick={() => navigate('/me/invite')} data-testid="me-invite">
          {t('me.invite')}
        </List.Item>
        <List.Item onClick={() => navigate('/me/security')} data-testid="me-security">
          {t('me.security')}
        </List.Item>
        <List.Item onClick={() => navigate('/me/leader-application')} data-testid="me-apply-leader">
          {t('me.applyLeader')}
        </List.Item>
      </List>
      <List header={t('me.settings')}>
        <List.Item
          extra={
            <Button
              size="small"
              onClick={() => switchLang(i18n.language === 'en' ? 'zh-CN' : 'en')}
              data-testid="me-lang"
            >
              {t('common.language')}
            </Button>
          }
        >
          {t('me.language')}
        </List.Item>
        <List.Item
          extra={
            <Switch
              checked={a11y.largeText}
              onChange={(on: boolean) => setA11y('largeText', on)}
              data-testid="large-text"
            />
          }
        >
          {t('common.largeText')}
        </List.Item>
        <List.Item
          extra={
            <Switch
              checked={a11y.highContrast}
              onChange={(on: boolean) => setA11y('highContrast', on)}
              data-testid="high-contrast"
            />
          }
        >
          {t('common.highContrast')}
        </List.Item>
      </List>
      <div className="shop-pad">
        <Button
          block
          onClick={() =>
            void api.logout().finally(() => {
              qc.clear();
              navigate('/');
            })
          }
          data-testid="logout"
        >
          {t('common.logout')}
        </Button>
      </div>
    </div>
  );
}
