import { useState } from 'react';
import { Badge, Button, Drawer, Empty, Popconfirm, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../shared/api-shapes';
import { api } from '../api';
import { dateTime } from '../format';
import { yuan } from '../../shared/money';

type Inbox = Answer<'/admin/alerts'>;
type Alert = Inbox['items'][number];
const KEY = ['alerts'];
const SEVERITY_COLOURS: Record<string, string> = { critical: 'red', warning: 'orange', info: 'blue' };

/** One alert in the operator's words: the server sends facts, the console phrases them. */
function useAlertText() {
  const { t, i18n } = useTranslation();
  return (a: Alert) => {
    const d = a.details as Record<string, unknown>;
    if (a.kind === 'supplier_document_expiring') {
      const kindName = t(`ops.alerts.kind_${String(d.kind)}`);
      const expired = Number(d.daysLeft) < 0;
      return t(expired ? 'ops.alerts.supplier_document_expired' : 'ops.alerts.supplier_document_expiring', {
        ...d,
        kindName,
      });
    }
    if (a.kind === 'deals_without_supplier') {
      const products = (d.products as { name: string; units: number }[] | undefined) ?? [];
      const said = t('ops.alerts.deals_without_supplier', {
        n: products.length,
        names: products.map((p) => `${p.name} ×${p.units}`).join('、'),
      });
      return d.refunds
        ? `${said}${t('ops.alerts.deals_without_supplier_refunded', { n: d.refunds, amount: yuan(Number(d.refundFen)) })}`
        : said;
    }
    if (a.kind === 'stock_near_expiry') return t('ops.alerts.stock_near_expiry', d);
    if (a.kind === 'loss_rate_over_limit')
      return t('ops.alerts.loss_rate_over_limit', {
        ...d,
        limitName: t(`ops.alerts.limit_${String(d.limit)}`),
        rate: `${(Number(d.rateBps) / 100).toFixed(2)}%`,
        limitRate: `${(Number(d.limitBps) / 100).toFixed(2)}%`,
      });
    if (a.kind === 'temperature_breach') {
      const tenths = Number(d.tenths);
      return t(
        d.stage === 'arrival' ? 'ops.alerts.temperature_breach_arrival' : 'ops.alerts.temperature_breach_dispatch',
        {
          ...d,
          zone: t(`ops.zone.${String(d.zone)}`),
          celsius: `${tenths < 0 ? '−' : ''}${Math.floor(Math.abs(tenths) / 10)}.${Math.abs(tenths) % 10} °C`,
        },
      );
    }
    if (a.kind === 'deal_without_supplier_before_cutoff')
      return t('ops.alerts.deal_without_supplier_before_cutoff', {
        ...d,
        cutoff: dateTime(String(d.cutoffAt)),
        why: t(d.suspended ? 'ops.alerts.supplierSuspended' : 'ops.alerts.supplierUnqualified'),
      });
    if (a.kind === 'supplier_suspension_proposed') {
      const months = (d.months as string[] | undefined) ?? [];
      return t('ops.alerts.supplier_suspension_proposed', {
        supplierName: d.supplierName,
        n: months.length,
        months: months.join('、'),
        scores: ((d.scores as number[] | undefined) ?? []).join('、'),
      });
    }
    if (a.kind === 'kpi_crossed') {
      // the KPI's value and the rule's bound in the KPI's unit (a fraction as %, fen as ¥)
      const show = (v: unknown) => {
        if (v === null || v === undefined) return '—';
        const n = Number(v);
        if (d.unit === 'fen') return yuan(Math.round(n));
        if (d.unit === 'percent') return `${(n * 100).toFixed(2)}%`;
        return String(Math.round(n * 100) / 100);
      };
      const name = String(i18n.language === 'en' ? d.nameEn : d.nameZh);
      return d.kind === 'drop'
        ? t('ops.alerts.kpi_dropped', {
            name,
            day: d.day,
            value: show(d.value),
            baseline: show(d.baseline),
            pct: d.dropPercent,
          })
        : t(d.kind === 'below' ? 'ops.alerts.kpi_below' : 'ops.alerts.kpi_above', {
            name,
            day: d.day,
            value: show(d.value),
            threshold: show(d.threshold),
          });
    }
    if (a.kind === 'ticket_sla_breached')
      return t('ops.alerts.ticket_sla_breached', {
        number: d.number,
        team: t(`ops.tickets.team_${String(d.team)}`),
        clock: t(`ops.tickets.clock_${String(d.clock)}`),
      });
    if (a.kind === 'wechatpay_refund_failed')
      return t('ops.alerts.wechatpay_refund_failed', {
        number: d.orderNumber,
        amount: yuan(Number(d.amountFen)),
        code: d.code,
      });
    // any other kind: its sentence in the strings, filled with the alert's facts
    return t(`ops.alerts.${a.kind}`, { ...d, defaultValue: a.kind });
  };
}

/** The header's bell: open alerts for operators (expiring licences, deals without a supplier, …). */
export function AlertInbox() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const text = useAlertText();
  const inbox = useQuery({ queryKey: KEY, queryFn: () => api.get<Inbox>('/admin/alerts'), refetchInterval: 60_000 });
  const ack = useMutation({
    mutationFn: (id: string) => api.post(`/admin/alerts/${id}/ack`),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
  // a suspension proposal's one click: the operator confirms, the server suspends and acknowledges
  const suspend = useMutation({
    mutationFn: (id: string) => api.post(`/admin/supplier-scorecards/proposals/${id}/confirm`),
    onSuccess: () =>
      Promise.all([['alerts'], ['supplier-ranking'], ['setup']].map((k) => qc.invalidateQueries({ queryKey: k }))),
  });
  const count = inbox.data?.openCount ?? 0;
  return (
    <>
      <Badge count={count} size="small" data-testid="alert-badge">
        <Button size="small" onClick={() => setOpen(true)} data-testid="alert-open">
          {t('ops.alerts.title')}
        </Button>
      </Badge>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('ops.alerts.title')} size={520}>
        <div data-testid="alert-list">
          {(inbox.data?.items ?? []).length === 0 && <Empty description={t('ops.alerts.empty')} />}
          {(inbox.data?.items ?? []).map((a) => (
            <div
              key={a.id}
              className="ops-alert"
              data-testid="alert-item"
              style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}
            >
              <div>
                <Tag color={SEVERITY_COLOURS[a.severity]}>{t(`ops.alerts.severity_${a.severity}`)}</Tag>
                {text(a)}
              </div>
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 4 }}>
                <Typography.Text type="secondary">{dateTime(a.createdAt)}</Typography.Text>
                <Space>
                  {a.kind === 'supplier_suspension_proposed' && (
                    <Popconfirm
                      title={t('ops.alerts.suspendConfirm')}
                      okText={t('ops.alerts.confirmSuspend')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => suspend.mutate(a.id)}
                    >
                      <Button size="small" danger loading={suspend.isPending} data-testid="alert-suspend">
                        {t('ops.alerts.confirmSuspend')}
                      </Button>
                    </Popconfirm>
                  )}
                  <Button size="small" loading={ack.isPending} onClick={() => ack.mutate(a.id)}>
                    {t('ops.alerts.ack')}
                  </Button>
                </Space>
              </div>
            </div>
          ))}
        </div>
      </Drawer>
    </>
  );
}
