import { useQuery } from '@tanstack/react-query';
import { Button, Dialog, List, Switch } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { setA11y, useA11y } from '../shared/a11y';
import { currentLang, switchLang } from '../shared/i18n';
import { api, type LeaderProfile } from './api';
import { PageTitle, QueryView } from './ui';

export const useLeaderProfile = () =>
  useQuery({ queryKey: ['leader', 'me'], queryFn: () => api.get<LeaderProfile>('/leader/me'), staleTime: 300_000 });

/** The language switch, shown on the sign-in screen and in 我的. */
export function LangSwitch() {
  const { t } = useTranslation();
  return (
    <Button
      size="small"
      fill="outline"
      data-testid="lang-switch"
      onClick={() => switchLang(currentLang() === 'en' ? 'zh-CN' : 'en')}
    >
      {t('common.language')}
    </Button>
  );
}

/** 我的: my point, the share poster, language, large text, high contrast, sign out. */
export function MePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const profile = useLeaderProfile();
  const a11y = useA11y();
  const signOut = async () => {
    if (
      await Dialog.confirm({
        content: t('me.logoutConfirm'),
        confirmText: t('common.confirm'),
        cancelText: t('common.cancel'),
      })
    ) {
      await api.logout().catch(() => {});
    }
  };
  return (
    <>
      <PageTitle>{t('tabs.me')}</PageTitle>
      <QueryView query={profile}>
        {(p) => (
          <List header={t('me.point')} data-testid="point-info">
            <List.Item description={`${p.name} · ${p.phone}`}>
              <strong>{p.pickupPoint.name}</strong>
            </List.Item>
            <List.Item extra={p.pickupPoint.address}>{t('me.address')}</List.Item>
            <List.Item extra={`${p.commissionBps / 100}%`}>{t('me.rate')}</List.Item>
            <List.Item extra={<span data-testid="linked-customers">{t('me.people', { n: p.linkedCustomers })}</span>}>
              {t('me.linkedCustomers')}
            </List.Item>
          </List>
        )}
      </QueryView>
      <List>
        <List.Item data-testid="open-poster" onClick={() => navigate('/poster')}>
          {t('me.poster')}
        </List.Item>
        <List.Item data-testid="open-tickets" onClick={() => navigate('/tickets')}>
          {t('tickets.title')}
        </List.Item>
        <List.Item data-testid="open-training" onClick={() => navigate('/training')}>
          {t('training.title')}
        </List.Item>
        <List.Item data-testid="open-customers" onClick={() => navigate('/customers')}>
          {t('customers.open')}
        </List.Item>
        <List.Item data-testid="open-grade" onClick={() => navigate('/grade')}>
          {t('grade.open')}
        </List.Item>
      </List>
      <List header={t('me.settings')}>
        <List.Item extra={<LangSwitch />}>{t('me.language')}</List.Item>
        <List.Item
          extra={
            <Switch
              data-testid="large-text"
              checked={a11y.largeText}
              onChange={(on: boolean) => setA11y('largeText', on)}
              aria-label={t('common.largeText')}
            />
          }
        >
          {t('common.largeText')}
        </List.Item>
        <List.Item
          extra={
            <Switch
              data-testid="high-contrast"
              checked={a11y.highContrast}
              onChange={(on: boolean) => setA11y('highContrast', on)}
              aria-label={t('common.highContrast')}
            />
          }
        >
          {t('common.highContrast')}
        </List.Item>
      </List>
      <div className="ll-pad">
        <Button block size="large" color="danger" fill="outline" data-testid="logout" onClick={() => void signOut()}>
          {t('common.logout')}
        </Button>
      </div>
    </>
  );
}
