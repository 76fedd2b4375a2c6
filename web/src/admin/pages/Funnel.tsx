import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Row, Segmented, Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { errorText } from '../../shared/i18n';
import type { Answer } from '../../shared/api-shapes';
import { api } from '../api';
import { Chart } from '../components/Chart';
import { RegionFilter } from '../components/RegionFilter';
import { QueryState } from '../components/State';
import { downloadExport } from '../download';

type Data = Answer<'/admin/analytics/funnel'>;
type Figures = { viewers: number; carters: number; orderers: number; payers: number };
type DayRow = Data['days'][number];
type PointRow = Data['points'][number];

const PERIODS = [7, 14, 30, 92];
const STEPS = ['viewers', 'carters', 'orderers', 'payers'] as const;
const rate = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : '—');
const add = (a: Figures, b: Figures): Figures => ({
  viewers: a.viewers + b.viewers,
  carters: a.carters + b.carters,
  orderers: a.orderers + b.orderers,
  payers: a.payers + b.payers,
});
const ZERO: Figures = { viewers: 0, carters: 0, orderers: 0, payers: 0 };

/**
 * 转化漏斗: distinct people per business day who viewed a deal, added to cart, ordered and paid,
 * per city and pickup point (decision 045). The figures are the server's; the chart of the
 * chosen day, the series over the period, the tables and the .xlsx export show the same numbers.
 */
export default function Funnel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [days, setDays] = useState(14);
  const [regionId, setRegionId] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const query = useQuery({
    queryKey: ['funnel', days, regionId ?? ''],
    queryFn: () =>
      api.get<Data>(
        `/admin/analytics/funnel?days=${days}${regionId ? `&regionId=${encodeURIComponent(regionId)}` : ''}`,
      ),
    refetchInterval: 60_000,
  });
  async function onExport() {
    setBusy(true);
    try {
      await downloadExport('/admin/analytics/funnel/export.xlsx', {
        days: String(days),
        ...(regionId ? { regionId } : {}),
      });
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
          {t('ops.nav.funnel')}
        </Typography.Title>
        <Space wrap>
          <RegionFilter value={regionId} onChange={setRegionId} label={t('ops.funnel.region')} testId="funnel-region" />
          <Segmented
            value={days}
            onChange={(v: number) => setDays(v)}
            data-testid="funnel-days"
            options={PERIODS.map((d) => ({ value: d, label: t('ops.funnel.days', { count: d }) }))}
          />
          <Button onClick={() => void onExport()} loading={busy} data-testid="funnel-export">
            {t('ops.common.exportXlsx')}
          </Button>
        </Space>
      </Space>
      <Typography.Text type="secondary">{t('ops.funnel.note')}</Typography.Text>
      <QueryState
        query={query}
        isEmpty={(d) => !d.days.some((x) => x.viewers + x.payers > 0)}
        emptyText={t('ops.funnel.empty')}
      >
        {(data) => <FunnelBody data={data} />}
      </QueryState>
    </Space>
  );
}

function FunnelBody({ data }: { data: Data }) {
  const { t } = useTranslation();
  const regionName = new Map(data.regions.map((r) => [r.regionId, r.name]));
  // the shown regions' days added up (a person is counted once per region and day)
  const byDate = useMemo(() => {
    const m = new Map<string, Figures>();
    // every day of the period, a day without anyone as zeros
    for (let t = Date.parse(`${data.from}T00:00:00Z`); t <= Date.parse(`${data.to}T00:00:00Z`); t += 86_400_000)
      m.set(new Date(t).toISOString().slice(0, 10), ZERO);
    for (const d of data.days) m.set(d.date, add(m.get(d.date) ?? ZERO, d));
    return [...m].sort(([a], [b]) => a.localeCompare(b));
  }, [data]);
  const withData = byDate.filter(([, f]) => f.viewers + f.payers > 0).map(([d]) => d);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const day = picked && byDate.some(([d]) => d === picked) ? picked : (withData.at(-1) ?? byDate.at(-1)?.[0]);
  const dayFigures = byDate.find(([d]) => d === day)?.[1] ?? ZERO;
  const label = (k: (typeof STEPS)[number]) => t(`ops.funnel.${k}`);

  const funnelOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          minSize: '8%',
          label: { show: true, position: 'inside', formatter: '{b} {c}' },
          data: STEPS.map((k) => ({ name: t(`ops.funnel.${k}`), value: dayFigures[k] })),
        },
      ],
    }),
    [dayFigures, t],
  );
  const seriesOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: byDate.map(([d]) => d.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: STEPS.map((k) => ({ name: t(`ops.funnel.${k}`), type: 'line', data: byDate.map(([, f]) => f[k]) })),
    }),
    [byDate, t],
  );
  const points = data.points.filter((p) => p.date === day);
  const stepColumns = STEPS.map((k) => ({ title: label(k), dataIndex: k, align: 'right' as const }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={
              <Space>
                {t('ops.funnel.day')}
                <Select
                  size="small"
                  value={day}
                  onChange={setPicked}
                  style={{ minWidth: 130 }}
                  data-testid="funnel-day"
                  options={[...byDate].reverse().map(([d]) => ({ value: d, label: d }))}
                />
              </Space>
            }
            extra={`${t('ops.funnel.viewToPay')} ${rate(dayFigures.payers, dayFigures.viewers)}`}
          >
            <Chart option={funnelOption} label={t('ops.nav.funnel')} height={300} testId="chart-funnel" />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('ops.funnel.byDay')}>
            <Chart option={seriesOption} label={t('ops.funnel.byDay')} height={300} testId="chart-funnel-days" />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={`${t('ops.funnel.byPoint')} · ${day ?? ''}`}>
        <Table<PointRow>
          rowKey={(r) => `${r.regionId}|${r.pickupPointId}`}
          size="small"
          dataSource={points}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="funnel-points"
          columns={[
            { title: t('ops.funnel.point'), dataIndex: 'name' },
            { title: t('ops.funnel.region'), dataIndex: 'regionId', render: (v: string) => regionName.get(v) ?? '' },
            ...stepColumns,
            {
              title: t('ops.funnel.viewToPay'),
              key: 'rate',
              align: 'right',
              render: (_: unknown, r: PointRow) => rate(r.payers, r.viewers),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('ops.funnel.byDay')}>
        <Table<DayRow>
          rowKey={(r) => `${r.regionId}|${r.date}`}
          size="small"
          dataSource={[...data.days].reverse()}
          pagination={{ pageSize: 31, hideOnSinglePage: true }}
          data-testid="funnel-table"
          columns={[
            { title: t('ops.funnel.day'), dataIndex: 'date' },
            { title: t('ops.funnel.region'), dataIndex: 'regionId', render: (v: string) => regionName.get(v) ?? '' },
            ...stepColumns,
            {
              title: t('ops.funnel.stepRate'),
              key: 'step',
              align: 'right',
              render: (_: unknown, r: DayRow) =>
                `${rate(r.carters, r.viewers)} / ${rate(r.orderers, r.carters)} / ${rate(r.payers, r.orderers)}`,
            },
            {
              title: t('ops.funnel.viewToPay'),
              key: 'rate',
              align: 'right',
              render: (_: unknown, r: DayRow) => rate(r.payers, r.viewers),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
