import { useMemo, useState } from 'react';
import { App, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorText } from '../../shared/i18n';
import type { Answer } from '../../shared/api-shapes';
import { yuan } from '../../shared/money';
import { api } from '../api';
import { Chart } from '../components/Chart';
import { QueryState } from '../components/State';
import { downloadExport } from '../download';

type Row = Answer<'/admin/inventory/turnover'>[number];

/** The seeds' aim for turnover: +20 % against the month before. */
const AIM = 0.2;

/** 库存周转率: cost of goods out over the average stock value, per warehouse and month, its chart and the .xlsx. */
export default function Turnover() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const months = params.get('months') ?? '6';
  const report = useQuery({
    queryKey: ['inventory-turnover', months],
    queryFn: () => api.get<Row[]>(`/admin/inventory/turnover?months=${months}`),
  });
  const [busy, setBusy] = useState(false);
  const onExport = async () => {
    setBusy(true);
    try {
      await downloadExport('/admin/inventory/turnover/export.xlsx', { months });
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const chart = useMemo(() => {
    const list = report.data;
    if (!list?.length) return null;
    const monthList = [...new Set(list.map((r) => r.month))].sort();
    const names = [...new Map(list.map((r) => [r.warehouseId, r.warehouseName]))];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : String(v)) },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: monthList },
      yAxis: { type: 'value', name: t('ops.turnover.times') },
      series: names.map(([id, name]) => ({
        name,
        type: 'line',
        data: monthList.map((m) => {
          const v = list.find((r) => r.warehouseId === id && r.month === m)?.turnover;
          return v == null ? null : Math.round(v * 100) / 100;
        }),
      })),
    };
  }, [report.data, t]);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.turnover')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('ops.turnover.definition')}</Typography.Text>
      <Space wrap>
        <Select
          value={months}
          style={{ width: 140 }}
          aria-label={t('ops.turnover.months')}
          onChange={(v) => setParams({ months: v }, { replace: true })}
          options={['3', '6', '12', '24'].map((m) => ({ value: m, label: t('ops.turnover.lastMonths', { n: m }) }))}
          data-testid="turnover-months"
        />
        <Button onClick={() => void onExport()} loading={busy} data-testid="turnover-export">
          {t('ops.common.exportXlsx')}
        </Button>
      </Space>
      <QueryState query={report} isEmpty={(d) => d.length === 0} emptyText={t('ops.turnover.empty')}>
        {(list) => (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            {chart && <Chart option={chart} label={t('ops.nav.turnover')} height={280} testId="turnover-chart" />}
            <Table<Row>
              rowKey={(r) => `${r.month}:${r.warehouseId}`}
              size="small"
              pagination={{ pageSize: 100, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              dataSource={list}
              data-testid="turnover-list"
              columns={[
                { title: t('ops.turnover.month'), dataIndex: 'month' },
                { title: t('ops.stock.warehouse'), dataIndex: 'warehouseName' },
                { title: t('ops.turnover.days'), dataIndex: 'days', align: 'right' },
                { title: t('ops.turnover.costOut'), dataIndex: 'costOutFen', align: 'right', render: yuan },
                { title: t('ops.turnover.averageStock'), dataIndex: 'averageStockFen', align: 'right', render: yuan },
                {
                  title: t('ops.turnover.turnover'),
                  dataIndex: 'turnover',
                  align: 'right',
                  render: (v: number | null) => (v === null ? '—' : v.toFixed(2)),
                },
                {
                  title: t('ops.turnover.daysOfStock'),
                  dataIndex: 'daysOfStock',
                  align: 'right',
                  render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
                },
                {
                  title: t('ops.turnover.change'),
                  dataIndex: 'change',
                  align: 'right',
                  render: (v: number | null) =>
                    v === null ? (
                      '—'
                    ) : (
                      <Tag color={v >= AIM ? 'green' : v < 0 ? 'red' : undefined}>
                        {v >= 0 ? '+' : ''}
                        {(v * 100).toFixed(1)}%
                      </Tag>
                    ),
                },
              ]}
            />
          </Space>
        )}
      </QueryState>
    </Space>
  );
}
