import { useMemo, useState } from 'react';
import { App, Button, Card, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { useA11y } from '../../shared/a11y';
import { yuan } from '../../shared/money';
import { errorText } from '../../shared/i18n';
import { api } from '../api';
import { Chart } from '../components/Chart';
import { RegionFilter } from '../components/RegionFilter';
import { useRegions } from '../setup/queries';
import { QueryState } from '../components/State';
import { downloadExport } from '../download';
import { dateTime } from '../format';
import type { Answer } from '../../shared/api-shapes';

type Report = Answer<'/admin/kpis'>;
type Kpi = Report['kpis'][number];
type Unit = Kpi['unit'];
type Dim = NonNullable<Report['breakdown']>['dim'];
const DIMS: Dim[] = ['region', 'point', 'leader', 'category', 'member'];
const PERIODS = [7, 30, 90];

/** A KPI value as an operator reads it: ¥ for fen, % for fractions. */
export function formatValue(unit: Unit, v: number | null | undefined, en: boolean): string {
  if (v === null || v === undefined) return '—';
  switch (unit) {
    case 'fen':
      return yuan(Math.round(v));
    case 'percent':
      return `${(v * 100).toFixed(2)}%`;
    case 'days':
      return en ? `${v.toFixed(1)} d` : `${v.toFixed(1)} 天`;
    case 'hours':
      return en ? `${v.toFixed(1)} h` : `${v.toFixed(1)} 小时`;
    case 'orders':
      return v.toFixed(2);
    default:
      return String(Math.round(v));
  }
}
const changeText = (c: number | null) => (c === null ? '—' : `${c >= 0 ? '+' : ''}${(c * 100).toFixed(1)}%`);
const todayIso = () => new Date().toISOString().slice(0, 10);
const minus = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};

/** 经营指标: every KPI over a period with target, status, change, a daily chart and drill-downs. */
export default function Kpis() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [preset, setPreset] = useState<number | 'custom'>(30);
  const [range, setRange] = useState<{ from: string; to: string }>({ from: minus(todayIso(), 29), to: todayIso() });
  const [regionId, setRegionId] = useState<string | undefined>(undefined);
  const [dim, setDim] = useState<Dim | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const params = useMemo(() => {
    const p: Record<string, string> = {};
    if (preset === 'custom') Object.assign(p, range);
    else {
      // the server's today per region: ask for the last N days by length, not by a browser date
      p.days = String(preset);
    }
    if (regionId) p.regionId = regionId;
    if (dim) p.dim = dim;
    return p;
  }, [preset, range, regionId, dim]);
  const query = useQuery({
    queryKey: ['kpis', params],
    queryFn: () => api.get<Report>(`/admin/kpis?${new URLSearchParams(params).toString()}`),
    staleTime: 30_000,
  });
  async function onExport() {
    setBusy(true);
    try {
      await downloadExport('/admin/kpis/export.xlsx', params);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('ops.nav.kpis')}
        </Typography.Title>
        <Space wrap>
          {query.data && (
            <Typography.Text type="secondary">
              {t('ops.kpi.period', { from: query.data.from, to: query.data.to })} ·{' '}
              {t('ops.dash.updated', { at: dateTime(query.data.generatedAt) })}
            </Typography.Text>
          )}
          <RegionFilter value={regionId} onChange={setRegionId} label={t('ops.dash.region')} testId="kpi-region" />
          <Segmented
            value={preset}
            onChange={(v: number | 'custom') => setPreset(v)}
            data-testid="kpi-days"
            options={[
              ...PERIODS.map((d) => ({ value: d, label: t('ops.dash.lastDays', { count: d }) })),
              { value: 'custom', label: t('ops.kpi.custom') },
            ]}
          />
          {preset === 'custom' && (
            <Space>
              <Input
                type="date"
                value={range.from}
                aria-label={t('ops.kpi.from')}
                data-testid="kpi-from"
                onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))}
              />
              <Input
                type="date"
                value={range.to}
                aria-label={t('ops.kpi.to')}
                data-testid="kpi-to"
                onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))}
              />
            </Space>
          )}
          <Select
            value={dim ?? ''}
            onChange={(v: string) => setDim((v || undefined) as Dim | undefined)}
            style={{ minWidth: 140 }}
            aria-label={t('ops.kpi.drill')}
            data-testid="kpi-dim"
            options={[
              { value: '', label: t('ops.kpi.noDrill') },
              ...DIMS.map((d) => ({ value: d, label: t(`ops.kpi.dim.${d}`) })),
            ]}
          />
          <Button onClick={() => void onExport()} loading={busy} data-testid="kpi-export">
            {t('ops.common.exportXlsx')}
          </Button>
        </Space>
      </Space>
      <QueryState query={query}>{(data) => <KpiBody data={data} />}</QueryState>
      <CohortTable regionId={regionId} />
      <LeaderMonthsCard regionId={regionId} />
    </Space>
  );
}

function KpiBody({ data }: { data: Report }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { highContrast, largeText } = useA11y();
  const dailyKpis = data.kpis.filter((k) => k.daily);
  const [chosen, setChosen] = useState('gmv');
  const kpi = dailyKpis.find((k) => k.key === chosen) ?? dailyKpis[0];
  const text = highContrast ? '#000' : '#595959';
  const option = useMemo<EChartsCoreOption>(
    () => ({
      color: highContrast ? ['#0033cc', '#b00000'] : ['#1677ff', '#fa541c'],
      textStyle: { fontSize: largeText ? 16 : 12 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number) =>
          formatValue(kpi.unit, kpi.unit === 'fen' ? v * 100 : kpi.unit === 'percent' ? v / 100 : v, en),
      },
      grid: { left: 70, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: data.daily.map((d) => d.date.slice(5)), axisLabel: { color: text } },
      yAxis: { type: 'value', axisLabel: { color: text } },
      series: [
        {
          name: en ? kpi.nameEn : kpi.nameZh,
          type: 'line',
          connectNulls: false,
          data: data.daily.map((d) => {
            const v = d.values[kpi.key];
            if (v === null || v === undefined) return null;
            return kpi.unit === 'fen'
              ? Math.round(v) / 100
              : kpi.unit === 'percent'
                ? Math.round(v * 1_000_000) / 10_000
                : v;
          }),
        },
        ...(kpi.target !== null
          ? [
              {
                name: t('ops.kpi.target'),
                type: 'line',
                symbol: 'none',
                lineStyle: { type: 'dashed' },
                data: data.daily.map(() =>
                  kpi.unit === 'fen' ? kpi.target! / 100 : kpi.unit === 'percent' ? kpi.target! * 100 : kpi.target,
                ),
              },
            ]
          : []),
      ],
    }),
    [data, kpi, en, t, text, highContrast, largeText],
  );
  const breakdownKpis = data.breakdown ? data.kpis.filter((k) => k.dims.includes(data.breakdown!.dim)) : [];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small" title={t('ops.kpi.table')} data-testid="kpi-table-card">
        <Table<Kpi>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={data.kpis}
          data-testid="kpi-table"
          onRow={(k) => ({ onClick: () => k.daily && setChosen(k.key), 'data-testid': `kpi-row-${k.key}` }) as never}
          columns={[
            {
              title: t('ops.kpi.name'),
              key: 'name',
              width: 200,
              render: (_, k) => <strong>{en ? k.nameEn : k.nameZh}</strong>,
            },
            {
              title: t('ops.kpi.value'),
              key: 'value',
              align: 'right',
              render: (_, k) => <span data-testid={`kpi-value-${k.key}`}>{formatValue(k.unit, k.value, en)}</span>,
            },
            {
              title: t('ops.kpi.previous'),
              key: 'previous',
              align: 'right',
              render: (_, k) => formatValue(k.unit, k.previous, en),
            },
            { title: t('ops.kpi.change'), key: 'change', align: 'right', render: (_, k) => changeText(k.change) },
            {
              title: t('ops.kpi.target'),
              key: 'target',
              align: 'right',
              render: (_, k) =>
                k.target === null
                  ? '—'
                  : `${k.direction === 'higher' ? '≥' : '≤'} ${formatValue(k.unit, k.target, en)}`,
            },
            {
              title: t('ops.kpi.status'),
              key: 'status',
              render: (_, k) =>
                k.status === 'none' ? (
                  '—'
                ) : (
                  <Tag color={k.status === 'ok' ? 'green' : 'red'} data-testid={`kpi-status-${k.key}`}>
                    {t(`ops.kpi.${k.status}`)}
                  </Tag>
                ),
            },
            {
              title: t('ops.kpi.definition'),
              key: 'def',
              render: (_, k) => (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {en ? k.defEn : k.defZh} <span style={{ whiteSpace: 'nowrap' }}>({k.seed})</span>
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('ops.kpi.daily')}
        extra={
          <Select
            value={kpi.key}
            onChange={setChosen}
            style={{ minWidth: 200 }}
            aria-label={t('ops.kpi.daily')}
            data-testid="kpi-chart-pick"
            options={dailyKpis.map((k) => ({ value: k.key, label: en ? k.nameEn : k.nameZh }))}
          />
        }
      >
        <Chart option={option} label={t('ops.kpi.daily')} testId="chart-kpi-daily" />
      </Card>
      {data.breakdown && (
        <Card
          size="small"
          title={`${t('ops.kpi.drill')} · ${t(`ops.kpi.dim.${data.breakdown.dim}`)}`}
          data-testid="kpi-breakdown"
        >
          <Table
            rowKey="key"
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: true }}
            dataSource={data.breakdown.rows}
            data-testid="kpi-breakdown-table"
            columns={[
              {
                title: t('ops.kpi.group'),
                key: 'label',
                fixed: 'left',
                render: (_, r) => (en ? r.labelEn : r.labelZh),
              },
              ...breakdownKpis.map((k) => ({
                title: en ? k.nameEn : k.nameZh,
                key: k.key,
                align: 'right' as const,
                render: (_: unknown, r: NonNullable<Report['breakdown']>['rows'][number]) =>
                  formatValue(k.unit, r.values[k.key], en),
              })),
            ]}
          />
        </Card>
      )}
      <AlertRules kpis={data.kpis} />
      <Card size="small" title={t('ops.kpi.unavailable')} data-testid="kpi-unavailable">
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {data.unavailable.map((u) => (
            <li key={u.nameEn}>
              <strong>{en ? u.nameEn : u.nameZh}</strong>: {en ? u.whyEn : u.whyZh}
            </li>
          ))}
        </ul>
      </Card>
    </Space>
  );
}

type Cohorts = Answer<'/admin/kpis/cohorts'>;
type LeaderMonthsData = Answer<'/admin/kpis/leader-months'>;

/** 周留存: first-order week × weeks since, with a heat colour per share, and the median days to a second purchase. */
export function CohortTable({ regionId }: { regionId?: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['kpis', 'cohorts', regionId ?? 'all'],
    queryFn: () =>
      api.get<Cohorts>(`/admin/kpis/cohorts?weeks=12${regionId ? `&regionId=${encodeURIComponent(regionId)}` : ''}`),
    staleTime: 60_000,
  });
  return (
    <Card size="small" title={t('ops.kpi.cohorts')} data-testid="kpi-cohorts">
      <QueryState query={query}>
        {(data) => {
          const most = Math.max(0, ...data.cohorts.map((c) => c.shares.length));
          return (
            <Table<Cohorts['cohorts'][number]>
              rowKey="week"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              dataSource={data.cohorts}
              data-testid="kpi-cohort-table"
              columns={[
                { title: t('ops.kpi.cohortWeek'), dataIndex: 'week', fixed: 'left' },
                { title: t('ops.kpi.cohortSize'), dataIndex: 'customers', align: 'right' },
                {
                  title: t('ops.kpi.cohortMedian'),
                  key: 'median',
                  align: 'right',
                  render: (_, c) => (c.medianSecondDays === null ? '—' : c.medianSecondDays.toFixed(1)),
                },
                ...Array.from({ length: most }, (_, k) => ({
                  title: t('ops.kpi.weekN', { k }),
                  key: `w${k}`,
                  align: 'right' as const,
                  render: (_: unknown, c: Cohorts['cohorts'][number]) =>
                    k < c.shares.length ? (
                      <span style={{ background: `rgba(22,119,255,${Math.min(0.85, c.shares[k])})`, padding: '0 4px' }}>
                        {(c.shares[k] * 100).toFixed(1)}%
                      </span>
                    ) : (
                      ''
                    ),
                })),
              ]}
            />
          );
        }}
      </QueryState>
    </Card>
  );
}

/** 团长人效按月: each active leader's net GMV per month, with a chart of the top leaders. */
export function LeaderMonthsCard({ regionId }: { regionId?: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['kpis', 'leader-months', regionId ?? 'all'],
    queryFn: () =>
      api.get<LeaderMonthsData>(
        `/admin/kpis/leader-months?months=6${regionId ? `&regionId=${encodeURIComponent(regionId)}` : ''}`,
      ),
    staleTime: 60_000,
  });
  return (
    <Card size="small" title={t('ops.kpi.leaderMonths')} data-testid="kpi-leader-months">
      <QueryState query={query}>
        {(data) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Chart
              label={t('ops.kpi.leaderMonths')}
              testId="chart-leader-months"
              height={260}
              option={{
                tooltip: { trigger: 'axis', valueFormatter: (v: number) => `¥${v.toFixed(2)}` },
                legend: { top: 0 },
                grid: { left: 70, right: 20, top: 40, bottom: 30 },
                xAxis: { type: 'category', data: data.months },
                yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `¥${v}` } },
                series: data.leaders.slice(0, 5).map((l) => ({
                  name: l.name,
                  type: 'line',
                  data: l.netFen.map((v) => v / 100),
                })),
              }}
            />
            <Table<LeaderMonthsData['leaders'][number]>
              rowKey="leaderId"
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: true }}
              dataSource={data.leaders}
              data-testid="kpi-leader-months-table"
              columns={[
                { title: t('ops.kpi.leader'), dataIndex: 'name', fixed: 'left' },
                { title: t('ops.kpi.point'), dataIndex: 'pickupPointName' },
                ...data.months.map((m, i) => ({
                  title: m,
                  key: m,
                  align: 'right' as const,
                  render: (_: unknown, l: LeaderMonthsData['leaders'][number]) => yuan(l.netFen[i]),
                })),
              ]}
            />
          </Space>
        )}
      </QueryState>
    </Card>
  );
}

type Rule = Answer<'/admin/kpi-alert-rules'>[number];

/** 指标预警: rules on a KPI of the last closed day; a crossing raises one alert in the inbox. */
export function AlertRules({ kpis }: { kpis: Kpi[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form, setForm] = useState<{
    kpiKey: string;
    kind: 'below' | 'above' | 'drop';
    value: string;
    regionId: string;
  }>({
    kpiKey: 'gmv',
    kind: 'drop',
    value: '30',
    regionId: '',
  });
  const rules = useQuery({
    queryKey: ['kpi-alert-rules'],
    queryFn: () => api.get<Rule[]>('/admin/kpi-alert-rules'),
  });
  const regions = useRegions();
  const unitOf = (key: string) => kpis.find((k) => k.key === key)?.unit ?? 'count';
  const add = useMutation({
    mutationFn: () => {
      const n = Number(form.value);
      const unit = unitOf(form.kpiKey);
      // typed as an operator reads it: yuan for money, % for shares
      const threshold = unit === 'fen' ? Math.round(n * 100) : unit === 'percent' ? n / 100 : n;
      return api.post<Rule>('/admin/kpi-alert-rules', {
        kpiKey: form.kpiKey,
        kind: form.kind,
        ...(form.kind === 'drop' ? { dropPercent: n } : { threshold }),
        ...(form.regionId ? { regionId: form.regionId } : {}),
      });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['kpi-alert-rules'] }),
    onError: (err) => void message.error(errorText(err)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/admin/kpi-alert-rules/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['kpi-alert-rules'] }),
    onError: (err) => void message.error(errorText(err)),
  });
  const nameOf = (key: string) => {
    const k = kpis.find((x) => x.key === key);
    return k ? (en ? k.nameEn : k.nameZh) : key;
  };
  return (
    <Card size="small" title={t('ops.kpi.rules')} data-testid="kpi-rules">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={form.kpiKey}
          onChange={(kpiKey: string) => setForm((f) => ({ ...f, kpiKey }))}
          style={{ minWidth: 200 }}
          aria-label={t('ops.kpi.ruleKpi')}
          data-testid="rule-kpi"
          options={kpis.map((k) => ({ value: k.key, label: en ? k.nameEn : k.nameZh }))}
        />
        <Select
          value={form.kind}
          onChange={(kind: 'below' | 'above' | 'drop') => setForm((f) => ({ ...f, kind }))}
          style={{ minWidth: 160 }}
          aria-label={t('ops.kpi.ruleKind')}
          data-testid="rule-kind"
          options={(['below', 'above', 'drop'] as const).map((k) => ({ value: k, label: t(`ops.kpi.kind.${k}`) }))}
        />
        <Input
          value={form.value}
          onChange={(e) => setForm((f) => ({ ...f, value: e.target.value }))}
          style={{ width: 200 }}
          placeholder={form.kind === 'drop' ? t('ops.kpi.ruleDrop') : t('ops.kpi.ruleValue')}
          aria-label={form.kind === 'drop' ? t('ops.kpi.ruleDrop') : t('ops.kpi.ruleValue')}
          data-testid="rule-value"
        />
        <Select
          value={form.regionId}
          onChange={(regionId: string) => setForm((f) => ({ ...f, regionId }))}
          style={{ minWidth: 140 }}
          aria-label={t('ops.kpi.ruleRegion')}
          data-testid="rule-region"
          options={[
            { value: '', label: t('ops.kpi.allRegions') },
            ...(regions.data ?? []).map((r) => ({ value: r.id, label: r.name })),
          ]}
        />
        <Button type="primary" onClick={() => add.mutate()} loading={add.isPending} data-testid="rule-add">
          {t('ops.kpi.addRule')}
        </Button>
      </Space>
      <Table<Rule>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rules.data ?? []}
        data-testid="kpi-rules-table"
        columns={[
          { title: t('ops.kpi.ruleKpi'), key: 'kpi', render: (_, r) => nameOf(r.kpiKey) },
          {
            title: t('ops.kpi.ruleKind'),
            key: 'kind',
            render: (_, r) =>
              r.kind === 'drop'
                ? `${t('ops.kpi.kind.drop')} ${r.dropPercent}%`
                : `${t(`ops.kpi.kind.${r.kind}`)} ${formatValue(unitOf(r.kpiKey), r.threshold, en)}`,
          },
          {
            title: t('ops.kpi.ruleRegion'),
            key: 'region',
            render: (_, r) =>
              r.regionId
                ? ((regions.data ?? []).find((x) => x.id === r.regionId)?.name ?? r.regionId)
                : t('ops.kpi.allRegions'),
          },
          {
            title: t('ops.kpi.ruleState'),
            key: 'state',
            render: (_, r) => (
              <Tag color={r.crossed ? 'red' : 'green'}>
                {r.crossed ? t('ops.kpi.crossed') : t('ops.kpi.normal')}
                {r.lastDay ? ` · ${r.lastDay} ${formatValue(unitOf(r.kpiKey), r.lastValue, en)}` : ''}
              </Tag>
            ),
          },
          {
            title: '',
            key: 'remove',
            render: (_, r) => (
              <Button size="small" danger onClick={() => remove.mutate(r.id)} data-testid={`rule-remove-${r.id}`}>
                {t('ops.kpi.remove')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
