import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../../shared/api-shapes';
import { yuan } from '../../../shared/money';
import { api } from '../../api';
import { Chart } from '../../components/Chart';
import { type Scorecard, useScorecardColumns } from '../../components/Scorecards';
import { dateTime } from '../../format';

type Trend = Answer<'/admin/suppliers/{id}/scorecard'>;
type Payables = Answer<'/admin/supplier-payables'>;
type Payable = Payables['items'][number];

/** A supplier's last six months of scorecards (chart and table) and its payables, in its detail panel. */
export function SupplierPerformance({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation();
  const trend = useQuery({
    queryKey: ['setup', 'supplier-scorecard', supplierId],
    queryFn: () => api.get<Trend>(`/admin/suppliers/${supplierId}/scorecard?months=6`),
  });
  const payables = useQuery({
    queryKey: ['setup', 'supplier-payables', supplierId],
    queryFn: () => api.get<Payables>(`/admin/supplier-payables?supplierId=${supplierId}`),
  });
  const columns = useScorecardColumns();
  const option = useMemo(() => {
    const d = trend.data;
    if (!d) return null;
    const byMonth = new Map(d.items.map((i) => [i.month, i]));
    const series = (pick: (c: Scorecard) => number) =>
      d.months.map((m) => (byMonth.has(m) ? pick(byMonth.get(m)!) : null));
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 24, bottom: 48 },
      xAxis: { type: 'category', data: d.months },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        { name: t('ops.suppliers.scoreSeries'), type: 'bar', data: series((c) => c.score) },
        {
          name: t('ops.suppliers.fillRate'),
          type: 'line',
          data: series((c) => Math.round(c.fillRate * 1000) / 10),
        },
        {
          name: t('ops.suppliers.onTimeRate'),
          type: 'line',
          data: series((c) => Math.round(c.onTimeRate * 1000) / 10),
        },
        {
          name: t('ops.suppliers.passLine'),
          type: 'line',
          symbol: 'none',
          lineStyle: { type: 'dashed' },
          data: d.months.map(() => d.passScore),
        },
      ],
    };
  }, [trend.data, t]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="supplier-performance">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('ops.suppliers.trend')}
      </Typography.Title>
      {option && <Chart option={option} label={t('ops.suppliers.trendChart')} height={240} testId="scorecard-chart" />}
      <Table<Scorecard>
        rowKey="month"
        size="small"
        loading={trend.isLoading}
        dataSource={[...(trend.data?.items ?? [])].reverse()}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('ops.suppliers.noData') }}
        columns={[
          {
            title: t('ops.suppliers.month'),
            key: 'month',
            render: (_: unknown, c: Scorecard) => (
              <Space size={4}>
                {c.month}
                {c.source === 'live' && <Tag color="gold">{t('ops.suppliers.live')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('ops.suppliers.rank'),
            key: 'rank',
            render: (_: unknown, c: Scorecard) => `${c.rank}/${c.rankedOf}`,
          },
          ...columns,
        ]}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('ops.suppliers.payables')}
      </Typography.Title>
      {payables.data && (
        <Descriptions size="small" column={3} data-testid="payable-totals">
          <Descriptions.Item label={t('ops.suppliers.unpaid')}>{yuan(payables.data.unpaidFen)}</Descriptions.Item>
          <Descriptions.Item label={t('ops.suppliers.paid')}>{yuan(payables.data.paidFen)}</Descriptions.Item>
          <Descriptions.Item label={t('ops.suppliers.notOnStatement')}>
            {yuan(payables.data.notOnStatementFen)}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Table<Payable>
        rowKey="id"
        size="small"
        loading={payables.isLoading}
        dataSource={payables.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('ops.suppliers.noPayables') }}
        columns={[
          { title: t('ops.suppliers.date'), dataIndex: 'occurredAt', render: dateTime },
          {
            title: t('ops.suppliers.kind'),
            dataIndex: 'kind',
            render: (v: string) => <Tag color={v === 'return' ? 'orange' : 'blue'}>{t(`ops.suppliers.kind_${v}`)}</Tag>,
          },
          { title: t('ops.suppliers.product'), dataIndex: 'productName' },
          { title: t('ops.suppliers.units'), dataIndex: 'units', align: 'right' },
          { title: t('ops.suppliers.unitCost'), dataIndex: 'unitCostFen', align: 'right', render: yuan },
          { title: t('ops.suppliers.amount'), dataIndex: 'amountFen', align: 'right', render: yuan },
          {
            title: t('ops.suppliers.statement'),
            dataIndex: 'statementId',
            render: (v: string | null) => (v ? <Tag color="green">✓</Tag> : '—'),
          },
        ]}
      />
    </Space>
  );
}
