import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Dialog, NavBar, NoticeBar, Switch, Tag, TextArea, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../shared/api';
import { errorText } from '../shared/i18n';
import { api, type LeaderCustomer, type LeaderCustomers } from './api';
import { calendarDate } from './format';
import { EmptyState, QueryView } from './ui';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

/**
 * 我的顾客: the customers who chose my point, dormant ones flagged (filterable), phones masked;
 * a coupon from my monthly allowance or a message to any of them, and my recall rate.
 */
export function CustomersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [dormantOnly, setDormantOnly] = useState(false);
  const query = useQuery({
    queryKey: ['leader', 'customers', dormantOnly],
    queryFn: () => api.get<LeaderCustomers>(`/leader/customers${dormantOnly ? '?dormant=true' : ''}`),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['leader', 'customers'] });
  const coupon = useMutation({
    mutationFn: (c: LeaderCustomer) => api.post(`/leader/customers/${c.userId}/coupon`),
    onSuccess: () => {
      Toast.show({ content: t('customers.couponSent'), icon: 'success' });
      void refresh();
    },
    onError: (err) =>
      Toast.show({
        content: err instanceof ApiError && err.code === 'LIMIT_EXCEEDED' ? t('customers.used') : errorText(err),
      }),
  });
  const message = async (c: LeaderCustomer) => {
    let text = '';
    const ok = await Dialog.confirm({
      title: `${t('customers.message')} · ${c.name}`,
      content: (
        <TextArea
          data-testid="message-text"
          placeholder={t('customers.messagePlaceholder')}
          maxLength={200}
          rows={3}
          onChange={(v: string) => {
            text = v;
          }}
        />
      ),
      confirmText: t('customers.send'),
      cancelText: t('common.cancel'),
    });
    if (!ok || !text.trim()) return;
    try {
      await api.post(`/leader/customers/${c.userId}/message`, { text: text.trim() });
      Toast.show({ content: t('customers.messageSent'), icon: 'success' });
      void refresh();
    } catch (err) {
      Toast.show({ content: errorText(err) });
    }
  };
  return (
    <>
      <NavBar onBack={() => navigate('/me')}>{t('customers.title')}</NavBar>
      <QueryView query={query}>
        {(d) => (
          <>
            <NoticeBar
              data-testid="recall-rate"
              color="info"
              wrap
              content={`${t('customers.recall', { contacted: d.recall.contacted, recalled: d.recall.recalled, days: d.recall.windowDays })} · ${t('customers.rate', { rate: pct(d.recall.rate) })}`}
            />
            <div className="ll-pad" data-testid="allowance">
              {d.allowance.templateName
                ? t('customers.allowance', {
                    used: d.allowance.used,
                    perMonth: d.allowance.perMonth,
                    name: d.allowance.templateName,
                  })
                : t('customers.noAllowance')}
            </div>
            <div className="ll-pad" style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <Switch data-testid="dormant-only" checked={dormantOnly} onChange={setDormantOnly} />
              <span>{t('customers.dormantOnly')}</span>
              <span style={{ color: '#888', fontSize: 12 }}>{t('customers.dormantHint', { days: d.dormantDays })}</span>
            </div>
            {d.items.length === 0 && <EmptyState text={t('customers.empty')} />}
            {d.items.map((c) => (
              <Card key={c.userId} data-testid={`customer-${c.userId}`} className="ll-card">
                <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
                  <div>
                    <strong>{c.name}</strong> <span data-testid="customer-phone">{c.phone}</span>{' '}
                    {c.dormant && (
                      <Tag color="warning" data-testid="dormant-tag">
                        {t('customers.dormant')}
                      </Tag>
                    )}
                    <div style={{ color: '#666', fontSize: 13 }}>
                      {c.lastOrderAt
                        ? t('customers.lastOrder', { date: calendarDate(c.lastOrderAt.slice(0, 10)) })
                        : t('customers.never')}
                      {' · '}
                      {t('customers.frequency', { n: c.ordersLast90Days })}
                      {c.lastContactAt &&
                        ` · ${t('customers.contacted', { date: calendarDate(c.lastContactAt.slice(0, 10)) })}`}
                    </div>
                  </div>
                  <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
                    <Button
                      size="small"
                      color="primary"
                      data-testid="send-coupon"
                      disabled={!d.allowance.templateId || d.allowance.used >= d.allowance.perMonth}
                      loading={coupon.isPending && coupon.variables?.userId === c.userId}
                      onClick={() => coupon.mutate(c)}
                    >
                      {t('customers.sendCoupon')}
                    </Button>
                    <Button size="small" data-testid="send-message" onClick={() => void message(c)}>
                      {t('customers.message')}
                    </Button>
                  </div>
                </div>
              </Card>
            ))}
          </>
        )}
      </QueryView>
    </>
  );
}
