import { useMemo, useState } from 'react';
import { App, Button, Card, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { errorText } from '../../shared/i18n';
import type { Answer } from '../../shared/api-shapes';
import { api } from '../api';
import { Chart } from '../components/Chart';
import { QueryState } from '../components/State';
import { downloadExport } from '../download';

type Report = Answer<'/admin/arrival-quality'>;
type Row = Report['items'][number];

const PERIODS = [4, 13, 52];
const percent = (bps: number | null) => (bps === null ? '—' : `${(bps / 100).toFixed(2)}%`);
const isoDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * 到货质量: order lines arrived without damage or temperature breach over lines dispatched, per route
 * and week of pickup dates, against the target (a setting). The figures are the server's.
 */
export default function ArrivalQuality() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [weeks, setWeeks] = useState(13);
  const [busy, setBusy] = useState(false);
  const { from, to } = useMemo(() => {
    const today = new Date();
    // through tomorrow: tomorrow's deliveries are read and refused today already
    const end = new Date(today.getTime() + 86_400_000);
    return { from: isoDay(new Date(today.getTime() - (weeks * 7 - 1) * 86_400_000)), to: isoDay(end) };
  }, [weeks]);
  const query = useQuery({
    queryKey: ['arrival-quality', from, to],
    queryFn: () => api.get<Report>(`/admin/arrival-quality?from=${from}&to=${to}`),
  });

  async function onExport() {
    setBusy(true);
    try {
      await downloadExport('/admin/arrival-quality/export.xlsx', { from, to });
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.arrivalQuality')}
      </Typography.Title>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Segmented
          value={weeks}
          onChange={(v) => setWeeks(Number(v))}
          options={PERIODS.map((w) => ({ value: w, label: t('ops.quality.weeks', { count: w }) }))}
          data-testid="quality-period"
        />
        <Button onClick={() => void onExport()} loading={busy} data-testid="quality-export">
          {t('ops.common.exportXlsx')}
        </Button>
      </Space>
      <QueryState query={query}>{(data) => <QualityReport data={data} />}</QueryState>
    </Space>
  );
}

function QualityReport({ data }: { data: Report }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v.toFixed(2)}%` },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: data.weeks.map((w) => w.week.slice(5)) },
      yAxis: {
        type: 'value',
        min: (v: { min: number }) => Math.max(0, Math.floor(Math.min(v.min, data.targetBps / 100) - 2)),
        max: 100,
        axisLabel: { formatter: '{value}%' },
      },
      series: [
        {
          name: t('ops.quality.rate'),
          type: 'line',
          data: data.weeks.map((w) => (w.rateBps === null ? null : w.rateBps / 100)),
        },
        {
          name: t('ops.quality.target'),
          type: 'line',
          // a dot per week, so a single week still shows the target
          symbolSize: 4,
          lineStyle: { type: 'dashed' },
          data: data.weeks.map(() => data.targetBps / 100),
        },
      ],
    }),
    [data, t],
  );
  const below = (bps: number | null) => bps !== null && bps < data.targetBps;
  if (!data.items.length) return <Typography.Text type="secondary">{t('ops.quality.empty')}</Typography.Text>;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space size="large" wrap>
        <Card size="small">
          <Statistic
            title={t('ops.quality.periodRate')}
            value={percent(data.total.rateBps)}
            styles={{ content: { color: below(data.total.rateBps) ? '#cf1322' : '#3f8600' } }}
            data-testid="quality-rate"
          />
        </Card>
        <Card size="small">
          <Statistic title={t('ops.quality.target')} value={percent(data.targetBps)} />
        </Card>
        <Card size="small">
          <Statistic
            title={t('ops.quality.lines')}
            value={`${data.total.goodLines} / ${data.total.dispatchedLines}`}
            data-testid="quality-lines"
          />
        </Card>
      </Space>
      <Card size="small" title={t('ops.quality.byWeek')}>
        <Chart option={option} label={t('ops.quality.byWeek')} testId="chart-quality" />
      </Card>
      <Table<Row>
        rowKey={(r) => `${r.week}|${r.routeId}`}
        size="small"
        dataSource={[...data.items].reverse()}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="quality-table"
        columns={[
          { title: t('ops.quality.week'), dataIndex: 'week' },
          { title: t('ops.quality.route'), dataIndex: 'routeName' },
          { title: t('ops.quality.dispatched'), dataIndex: 'dispatchedLines', align: 'right' },
          { title: t('ops.quality.good'), dataIndex: 'goodLines', align: 'right' },
          { title: t('ops.quality.damaged'), dataIndex: 'damagedLines', align: 'right' },
          { title: t('ops.quality.missing'), dataIndex: 'missingLines', align: 'right' },
          { title: t('ops.quality.breached'), dataIndex: 'breachedLines', align: 'right' },
          {
            title: t('ops.quality.rate'),
            dataIndex: 'rateBps',
            align: 'right',
            render: (v: number | null) => <Tag color={below(v) ? 'red' : 'green'}>{percent(v)}</Tag>,
          },
        ]}
      />
    </Space>
  );
}
