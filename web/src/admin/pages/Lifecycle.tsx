import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';
import { api } from '../api';
import { Chart } from '../components/Chart';
import { QueryState } from '../components/State';
import { downloadExport } from '../download';
import { useRegions } from '../setup/queries';

type Programs = Answer<'/admin/lifecycle/programs'>;
type Program = Programs['programs'][number];
type Report = Answer<'/admin/lifecycle/report'>;
type Row = Report['items'][number];

const pct = (bps: number | null) => (bps === null ? '—' : `${(bps / 100).toFixed(1)}%`);

/**
 * 用户生命周期: the region's automatic programs (新人券, 邀请首单券, 复购提醒, 生日券), each switched
 * and configured here, and what each brought per month: coupons granted and redeemed, the orders
 * and GMV that used them and what the coupons cost; reminders sent and who bought within 7 days.
 */
export default function Lifecycle() {
  const { t } = useTranslation();
  const regions = useRegions();
  const [regionId, setRegionId] = useState<string | undefined>();
  useEffect(() => {
    if (!regionId && regions.data?.length) setRegionId(regions.data[0]!.id);
  }, [regions.data, regionId]);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.lifecycle')}
      </Typography.Title>
      <Space wrap>
        <span>{t('ops.lifecycle.region')}</span>
        <Select
          value={regionId}
          onChange={setRegionId}
          style={{ width: 200 }}
          options={(regions.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          data-testid="lifecycle-region"
        />
      </Space>
      {regionId && <ProgramSwitches regionId={regionId} />}
      {regionId && <ProgramReport regionId={regionId} />}
    </Space>
  );
}

function ProgramSwitches({ regionId }: { regionId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const programs = useQuery({
    queryKey: ['lifecycle-programs', regionId],
    queryFn: () => api.get<Programs>(`/admin/lifecycle/programs?regionId=${regionId}`),
  });
  const save = useMutation({
    mutationFn: (v: {
      program: string;
      enabled: boolean;
      templateId?: string | null;
      params?: Record<string, number>;
    }) =>
      api.put(`/admin/lifecycle/programs/${v.program}`, {
        regionId,
        enabled: v.enabled,
        ...(v.templateId !== undefined ? { templateId: v.templateId } : {}),
        ...(v.params ? { params: v.params } : {}),
      }),
    onSuccess: () => {
      void message.success(t('ops.lifecycle.saved'));
      void qc.invalidateQueries({ queryKey: ['lifecycle-programs', regionId] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  return (
    <QueryState query={programs}>
      {(d) => (
        <Table<Program>
          rowKey="program"
          dataSource={d.programs}
          pagination={false}
          size="small"
          data-testid="lifecycle-programs"
          columns={[
            {
              title: t('ops.lifecycle.program'),
              key: 'name',
              render: (_: unknown, p: Program) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{t(`ops.lifecycle.p_${p.program}`)}</Typography.Text>
                  <Typography.Text type="secondary">{t(`ops.lifecycle.d_${p.program}`)}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('ops.lifecycle.enabled'),
              key: 'enabled',
              render: (_: unknown, p: Program) => (
                <Switch
                  checked={p.enabled}
                  loading={save.isPending}
                  data-testid={`lifecycle-switch-${p.program}`}
                  onChange={(enabled) => save.mutate({ program: p.program, enabled })}
                />
              ),
            },
            {
              title: t('ops.lifecycle.setup'),
              key: 'setup',
              render: (_: unknown, p: Program) => (
                <ProgramSetup program={p} templates={d.templates} onSave={save.mutate} />
              ),
            },
          ]}
        />
      )}
    </QueryState>
  );
}

function ProgramSetup({
  program: p,
  templates,
  onSave,
}: {
  program: Program;
  templates: Programs['templates'];
  onSave: (v: {
    program: string;
    enabled: boolean;
    templateId?: string | null;
    params?: Record<string, number>;
  }) => void;
}) {
  const { t } = useTranslation();
  const [leadDays, setLeadDays] = useState<number>(p.params.leadDays ?? 3);
  const [minPurchases, setMinPurchases] = useState<number>(p.params.minPurchases ?? 3);
  if (p.program === 'birthday')
    return (
      <Space wrap>
        {p.birthdayTemplates.length ? (
          p.birthdayTemplates.map((b) => <Tag key={b.id}>{b.name}</Tag>)
        ) : (
          <Typography.Text type="secondary">{t('ops.lifecycle.noBirthdayTemplate')}</Typography.Text>
        )}
      </Space>
    );
  if (p.program === 'repurchase')
    return (
      <Space wrap>
        <span>{t('ops.lifecycle.leadDays')}</span>
        <InputNumber min={1} max={14} value={leadDays} onChange={(v) => setLeadDays(v ?? 3)} style={{ width: 72 }} />
        <span>{t('ops.lifecycle.minPurchases')}</span>
        <InputNumber
          min={3}
          max={20}
          value={minPurchases}
          onChange={(v) => setMinPurchases(v ?? 3)}
          style={{ width: 72 }}
        />
        <Button
          size="small"
          data-testid="lifecycle-save-repurchase"
          onClick={() => onSave({ program: p.program, enabled: p.enabled, params: { leadDays, minPurchases } })}
        >
          {t('ops.lifecycle.save')}
        </Button>
      </Space>
    );
  const options = templates.map((x) => ({ value: x.id, label: x.name }));
  if (p.templateId && !options.some((o) => o.value === p.templateId))
    options.unshift({ value: p.templateId, label: p.templateName ?? p.templateId });
  return (
    <Select
      value={p.templateId ?? undefined}
      placeholder={t('ops.lifecycle.chooseTemplate')}
      style={{ width: 260 }}
      options={options}
      data-testid={`lifecycle-template-${p.program}`}
      onChange={(templateId: string) => onSave({ program: p.program, enabled: p.enabled, templateId })}
    />
  );
}

function ProgramReport({ regionId }: { regionId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const report = useQuery({
    queryKey: ['lifecycle-report', regionId],
    queryFn: () => api.get<Report>(`/admin/lifecycle/report?regionId=${regionId}`),
  });
  const chart = useMemo(() => {
    const d = report.data;
    if (!d?.items.length) return null;
    const months = [...new Set(d.items.map((r) => r.month))].sort();
    const coupons = (m: string) => d.items.filter((r) => r.month === m && r.program !== 'repurchase');
    const sum = (m: string, f: (r: Row) => number) => coupons(m).reduce((s, r) => s + f(r), 0);
    const reminders = (m: string) => d.items.find((r) => r.month === m && r.program === 'repurchase');
    const rate = (part: number, whole: number) => (whole ? Math.round((part * 1000) / whole) / 10 : null);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: months },
      yAxis: [
        { type: 'value', name: t('ops.lifecycle.count') },
        { type: 'value', axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: t('ops.lifecycle.couponsGranted'), type: 'bar', data: months.map((m) => sum(m, (r) => r.granted)) },
        { name: t('ops.lifecycle.redeemed'), type: 'bar', data: months.map((m) => sum(m, (r) => r.redeemed)) },
        { name: t('ops.lifecycle.sent'), type: 'bar', data: months.map((m) => reminders(m)?.sent ?? 0) },
        {
          name: t('ops.lifecycle.rate'),
          type: 'line',
          yAxisIndex: 1,
          data: months.map((m) =>
            rate(
              sum(m, (r) => r.redeemed),
              sum(m, (r) => r.granted),
            ),
          ),
        },
        {
          name: t('ops.lifecycle.conversion'),
          type: 'line',
          yAxisIndex: 1,
          data: months.map((m) => {
            const r = reminders(m);
            return r ? rate(r.convertedCustomers, r.remindedCustomers) : null;
          }),
        },
      ],
    };
  }, [report.data, t]);
  async function onExport() {
    setBusy(true);
    try {
      await downloadExport('/admin/lifecycle/report/export.xlsx', { regionId });
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  const coupon = (r: Row) => r.program !== 'repurchase';
  return (
    <Card
      title={t('ops.lifecycle.report')}
      extra={
        <Button onClick={() => void onExport()} loading={busy} data-testid="lifecycle-export">
          {t('ops.common.exportXlsx')}
        </Button>
      }
    >
      <QueryState query={report} isEmpty={(d) => d.items.length === 0} emptyText={t('ops.lifecycle.noData')}>
        {(d) => (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            {chart && <Chart option={chart} label={t('ops.lifecycle.report')} height={280} testId="lifecycle-chart" />}
            <Table<Row>
              rowKey={(r) => `${r.month}:${r.program}`}
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={d.items}
              data-testid="lifecycle-report"
              columns={[
                { title: t('ops.lifecycle.month'), dataIndex: 'month' },
                {
                  title: t('ops.lifecycle.program'),
                  key: 'p',
                  render: (_: unknown, r: Row) => t(`ops.lifecycle.p_${r.program}`),
                },
                {
                  title: t('ops.lifecycle.granted'),
                  key: 'g',
                  align: 'right',
                  render: (_: unknown, r: Row) => (coupon(r) ? r.granted : r.sent),
                },
                {
                  title: t('ops.lifecycle.redeemed'),
                  key: 'r',
                  align: 'right',
                  render: (_: unknown, r: Row) => (coupon(r) ? r.redeemed : '—'),
                },
                {
                  title: t('ops.lifecycle.rate'),
                  key: 'rate',
                  align: 'right',
                  render: (_: unknown, r: Row) => pct(r.redemptionRateBps),
                },
                {
                  title: t('ops.lifecycle.orders'),
                  key: 'o',
                  align: 'right',
                  render: (_: unknown, r: Row) => (coupon(r) ? r.orders : '—'),
                },
                {
                  title: t('ops.lifecycle.gmv'),
                  key: 'gmv',
                  align: 'right',
                  render: (_: unknown, r: Row) => (coupon(r) ? yuan(r.gmvFen) : '—'),
                },
                {
                  title: t('ops.lifecycle.cost'),
                  key: 'cost',
                  align: 'right',
                  render: (_: unknown, r: Row) => (coupon(r) ? yuan(r.discountFen) : '—'),
                },
                {
                  title: t('ops.lifecycle.reminded'),
                  key: 'rem',
                  align: 'right',
                  render: (_: unknown, r: Row) =>
                    coupon(r) ? '—' : `${r.convertedCustomers} / ${r.remindedCustomers}`,
                },
                {
                  title: t('ops.lifecycle.conversion'),
                  key: 'conv',
                  align: 'right',
                  render: (_: unknown, r: Row) => pct(r.conversionBps),
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
              {t('ops.lifecycle.definition')}
            </Typography.Paragraph>
          </Space>
        )}
      </QueryState>
    </Card>
  );
}
