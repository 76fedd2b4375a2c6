import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, List, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../shared/api-shapes';
import { errorText } from '../shared/i18n';
import { yuan } from '../shared/money';
import { api, type LeaderHome, type ReminderResult } from './api';
import { calendarDate } from './format';
import { RecallBanner } from './RecallsPage';
import { PageTitle, QueryView } from './ui';
import { OnboardingCard } from './TrainingPage';

/**
 * 首页: a recall under way at my point first, then how today goes there, and the two things a
 * leader does most — remind and promote.
 */
export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const home = useQuery({ queryKey: ['leader', 'home'], queryFn: () => api.get<LeaderHome>('/leader/home') });
  const plan = useQuery({
    queryKey: ['leader', 'commission-plan'],
    queryFn: () => api.get<Answer<'/leader/commission-plan'>>('/leader/commission-plan'),
  });
  const remind = useMutation({
    mutationFn: () => api.post<ReminderResult>('/leader/pickup-reminders', {}),
    onSuccess: (r) => {
      Toast.show({
        icon: r.reminded > 0 ? 'success' : undefined,
        content: r.reminded > 0 ? t('home.remindDone', { count: r.reminded }) : t('home.remindNone'),
      });
      void client.invalidateQueries({ queryKey: ['leader', 'home'] });
    },
    onError: (err) => Toast.show({ icon: 'fail', content: errorText(err) }),
  });
  return (
    <>
      <PageTitle>{home.data ? `${t('home.title')} · ${calendarDate(home.data.date)}` : t('home.title')}</PageTitle>
      {/* a recall under way at my point comes before today's figures */}
      <RecallBanner />
      {/* a new leader's getting-started list, until it is all done */}
      <OnboardingCard onTraining={() => navigate('/training')} />
      <QueryView query={home}>
        {(h) => (
          <div className="ll-list">
            <div className="ll-figures">
              <Figure label={t('home.sales')} value={yuan(h.salesFen)} testId="home-sales">
                {t('home.orders', { count: h.orderCount })}
              </Figure>
              <Figure label={t('home.commission')} value={yuan(h.estimatedCommissionFen)} testId="home-commission">
                {plan.data?.planName
                  ? t('home.commissionHintPlan', { name: plan.data.planName })
                  : t('home.commissionHint', { rate: h.commissionBps / 100 })}
              </Figure>
            </div>
            <Card className="ll-card" data-testid="home-waiting">
              <div className="ll-row">
                <div className="ll-grow">
                  <span className="ll-muted">{t('home.waiting')}</span>
                  <div className="ll-amount" data-testid="home-waiting-orders">
                    {t('home.orders', { count: h.awaitingPickup.orders })}
                  </div>
                  <span className="ll-muted">
                    {t('home.waitingDetail', {
                      customers: h.awaitingPickup.customers,
                      units: h.awaitingPickup.units,
                    })}
                  </span>
                </div>
              </div>
              {h.awaitingPickup.orders > 0 ? (
                <>
                  <Button
                    block
                    color="primary"
                    className="ll-gap-top"
                    data-testid="remind-pickup"
                    loading={remind.isPending}
                    disabled={h.awaitingPickup.remindedToday >= h.awaitingPickup.orders}
                    onClick={() => remind.mutate()}
                  >
                    {t('home.remind')}
                  </Button>
                  {h.awaitingPickup.remindedToday > 0 && (
                    <p className="ll-hint ll-gap-top" data-testid="home-reminded">
                      {t('home.reminded', { count: h.awaitingPickup.remindedToday })}
                    </p>
                  )}
                </>
              ) : (
                <p className="ll-hint ll-gap-top">{t('home.nothingWaiting')}</p>
              )}
            </Card>
            <List>
              <List.Item data-testid="home-poster" onClick={() => navigate('/poster')}>
                {t('home.poster')}
              </List.Item>
              <List.Item data-testid="home-ledger" onClick={() => navigate('/commission#breakdown')}>
                {t('home.ledger')}
              </List.Item>
            </List>
          </div>
        )}
      </QueryView>
    </>
  );
}

function Figure({
  label,
  value,
  testId,
  children,
}: {
  label: string;
  value: string;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <Card className="ll-card ll-figure">
      <span className="ll-muted">{label}</span>
      <span className="ll-amount ll-figure-value" data-testid={testId}>
        {value}
      </span>
      <span className="ll-muted">{children}</span>
    </Card>
  );
}
