import { useMemo, useState } from 'react';
import { Card, Col, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { useA11y } from '../../shared/a11y';
import { yuan } from '../../shared/money';
import { dashboardQuery } from '../queries';
import { Chart } from '../components/Chart';
import { RegionFilter } from '../components/RegionFilter';
import { QueryState } from '../components/State';
import { dateTime } from '../format';
import type { Dashboard as Data, Kpis } from '../types';
import { RegionComparison, RouteCosts } from './DashboardRegions';

const PERIODS = [7, 30, 90];
const toYuan = (fen: number) => Math.round(fen) / 100;

/** Sales at a glance: today and the last N business days, by hour, day, category, product and leader. */
export default function Dashboard() {
  const { t } = useTranslation();
  const [days, setDays] = useState(30);
  const [regionId, setRegionId] = useState<string | undefined>(undefined);
  const query = useQuery({ ...dashboardQuery(days, regionId), refetchInterval: 60_000 });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('ops.nav.dashboard')}
        </Typography.Title>
        <Space>
          {query.data && (
            <Typography.Text type="secondary">
              {t('ops.dash.updated', { at: dateTime(query.data.generatedAt) })}
            </Typography.Text>
          )}
          <RegionFilter value={regionId} onChange={setRegionId} label={t('ops.dash.region')} testId="dash-region" />
          <Segmented
            value={days}
            onChange={(v: number) => setDays(v)}
            data-testid="dash-days"
            options={PERIODS.map((d) => ({ value: d, label: t('ops.dash.lastDays', { count: d }) }))}
          />
        </Space>
      </Space>
      <QueryState query={query}>{(data) => <DashboardBody data={data} regionId={regionId} />}</QueryState>
    </Space>
  );
}

function KpiRow({ title, kpis, testId }: { title: string; kpis: Kpis; testId: string }) {
  const { t } = useTranslation();
  const items: [string, string | number][] = [
    ['gmv', yuan(kpis.gmvFen)],
    ['paidOrders', kpis.paidOrders],
    ['buyers', kpis.buyers],
    ['avgOrder', yuan(kpis.avgOrderFen)],
    ['refunds', yuan(kpis.refundFen)],
    ['net', yuan(kpis.netFen)],
  ];
  return (
    <Card title={title} size="small" data-testid={testId}>
      <Row gutter={16}>
        {items.map(([key, value]) => (
          <Col span={4} key={key} className="ops-kpi">
            <Statistic title={t(`ops.dash.${key}`)} value={value} data-testid={`${testId}-${key}`} />
          </Col>
        ))}
      </Row>
      <Typography.Text type="secondary">{t('ops.dash.refundCount', { count: kpis.refunds })}</Typography.Text>
    </Card>
  );
}

function DashboardBody({ data, regionId }: { data: Data; regionId?: string }) {
  const { t, i18n } = useTranslation();
  const { highContrast, largeText } = useA11y();
  const en = i18n.language === 'en';
  // High contrast: black text and strong, distinguishable colours in the charts too; chart text
  // follows large-text mode (ECharts draws on canvas, so the page's CSS cannot reach it).
  const { palette, text, textStyle, yuanAxis, tooltipYuan } = useMemo(() => {
    const text = highContrast ? '#000' : '#595959';
    return {
      palette: highContrast
        ? ['#0033cc', '#b00000', '#000000', '#006600', '#7a00cc', '#cc6600', '#005f5f']
        : ['#1677ff', '#fa541c', '#52c41a', '#faad14', '#722ed1', '#13c2c2', '#eb2f96', '#8c8c8c'],
      text,
      textStyle: { fontSize: largeText ? 16 : 12 },
      yuanAxis: { type: 'value', axisLabel: { color: text, formatter: (v: number) => `¥${v}` } },
      tooltipYuan: { trigger: 'axis', valueFormatter: (v: number) => `¥${v.toFixed(2)}` },
    };
  }, [highContrast, largeText]);

  const hourly = useMemo<EChartsCoreOption>(
    () => ({
      color: palette,
      textStyle,
      tooltip: tooltipYuan,
      legend: { top: 0, textStyle: { color: text } },
      grid: { left: 60, right: 20, top: 40, bottom: 30 },
      // fixed label intervals: ECharts skips measuring every label to pick one (part of the first-paint budget)
      xAxis: {
        type: 'category',
        data: data.hourly.map((h) => `${h.hour}`),
        axisLabel: { color: text, interval: 1 },
        name: t('ops.dash.hour'),
      },
      yAxis: yuanAxis,
      series: [
        { name: t('ops.dash.today'), type: 'bar', data: data.hourly.map((h) => toYuan(h.todayFen)) },
        // the period's average day, so today's bars have something comparable beside them
        {
          name: t('ops.dash.dailyAverage', { count: data.days }),
          type: 'line',
          smooth: true,
          data: data.hourly.map((h) => toYuan(h.periodFen / data.days)),
        },
      ],
    }),
    [data, t, palette, text, textStyle, yuanAxis, tooltipYuan],
  );

  const daily = useMemo<EChartsCoreOption>(
    () => ({
      color: palette,
      textStyle,
      tooltip: tooltipYuan,
      legend: { top: 0, textStyle: { color: text } },
      grid: { left: 70, right: 20, top: 40, bottom: 30 },
      xAxis: {
        type: 'category',
        data: data.daily.map((d) => d.date.slice(5)),
        axisLabel: { color: text, interval: Math.max(0, Math.ceil(data.daily.length / 10) - 1) },
      },
      yAxis: yuanAxis,
      series: [
        {
          name: t('ops.dash.gmv'),
          type: 'line',
          areaStyle: { opacity: 0.15 },
          data: data.daily.map((d) => toYuan(d.gmvFen)),
        },
        { name: t('ops.dash.refunds'), type: 'bar', data: data.daily.map((d) => toYuan(d.refundFen)) },
      ],
    }),
    [data, t, palette, text, textStyle, yuanAxis, tooltipYuan],
  );

  const categories = useMemo<EChartsCoreOption>(
    () => ({
      color: palette,
      textStyle,
      tooltip: { trigger: 'item', valueFormatter: (v: number) => `¥${v.toFixed(2)}` },
      series: [
        {
          name: t('ops.dash.byCategory'),
          type: 'pie',
          radius: ['35%', '62%'],
          center: ['50%', '52%'],
          label: { color: text, formatter: '{b} {d}%' },
          minShowLabelAngle: 8,
          data: data.categories.map((c) => ({ name: en ? c.nameEn : c.nameZh, value: toYuan(c.gmvFen) })),
        },
      ],
    }),
    [data, en, t, palette, text, textStyle],
  );

  const products = useMemo<EChartsCoreOption>(() => {
    const top = [...data.topProducts].reverse();
    return {
      color: palette,
      textStyle,
      tooltip: tooltipYuan,
      grid: { left: 140, right: 30, top: 10, bottom: 30 },
      xAxis: yuanAxis,
      yAxis: {
        type: 'category',
        data: top.map((p) => p.name),
        axisLabel: { color: text, width: 130, overflow: 'truncate', interval: 0 },
      },
      series: [{ name: t('ops.dash.gmv'), type: 'bar', data: top.map((p) => toYuan(p.gmvFen)) }],
    };
  }, [data, t, palette, text, textStyle, yuanAxis, tooltipYuan]);

  const period = t('ops.dash.lastDays', { count: data.days });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard">
      <KpiRow title={t('ops.dash.todayTitle', { date: data.today })} kpis={data.todayKpis} testId="kpi-today" />
      <KpiRow
        title={t('ops.dash.periodTitle', { period, from: data.from, to: data.today })}
        kpis={data.periodKpis}
        testId="kpi-period"
      />
      <Row gutter={16}>
        <Col span={12}>
          <Card title={t('ops.dash.byHour')} size="small">
            <Chart option={hourly} label={t('ops.dash.byHour')} testId="chart-hourly" />
          </Card>
        </Col>
        <Col span={12}>
          <Card title={t('ops.dash.byDay', { period })} size="small">
            <Chart option={daily} label={t('ops.dash.byDay', { period })} testId="chart-daily" />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Card title={`${t('ops.dash.byCategory')} · ${period}`} size="small">
            {data.categories.length ? (
              <Chart option={categories} label={t('ops.dash.byCategory')} testId="chart-categories" />
            ) : (
              <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col span={12}>
          <Card title={`${t('ops.dash.topProducts')} · ${period}`} size="small">
            {data.topProducts.length ? (
              <Chart option={products} label={t('ops.dash.topProducts')} testId="chart-products" />
            ) : (
              <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <Card title={`${t('ops.dash.leaders')} · ${period}`} size="small">
        <Table
          rowKey="leaderId"
          size="small"
          pagination={false}
          dataSource={data.leaders}
          data-testid="leader-ranking"
          columns={[
            { title: '#', key: 'rank', width: 50, render: (_: unknown, __: unknown, i: number) => i + 1 },
            { title: t('ops.withdrawals.leader'), dataIndex: 'name' },
            { title: t('ops.sorting.point'), dataIndex: 'pickupPointName' },
            { title: t('ops.dash.gmv'), dataIndex: 'gmvFen', align: 'right', render: (v: number) => yuan(v) },
            { title: t('ops.dash.paidOrders'), dataIndex: 'paidOrders', align: 'right' },
            { title: t('ops.dash.buyers'), dataIndex: 'buyers', align: 'right' },
          ]}
        />
      </Card>
      <RegionComparison data={data} regionId={regionId} chart={{ palette, text, textStyle, yuanAxis, tooltipYuan }} />
      <RouteCosts data={data} />
      <Typography.Text type="secondary">{t('ops.dash.definitions')}</Typography.Text>
    </Space>
  );
}
