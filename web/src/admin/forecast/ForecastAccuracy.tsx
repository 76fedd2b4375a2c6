import { useState } from 'react';
import { App, Button, Card, Space, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { api } from '../api';
import { Chart } from '../components/Chart';
import { downloadExport } from '../download';
import { dateTime } from '../format';

type Accuracy = Answer<'/admin/forecast/accuracy'>;
type Line = Accuracy['lines'][number];

const pct = (bps: number | null) => (bps === null ? '—' : `${(bps / 100).toFixed(1)} %`);

/**
 * A campaign day's expected against actual units per product, beside its purchase orders: what
 * was forecast before the day (recorded, never rewritten) against what customers paid for.
 */
export function ForecastAccuracy({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const q = useQuery({
    queryKey: ['forecast-accuracy', campaignId],
    queryFn: () => api.get<Accuracy>(`/admin/forecast/accuracy?campaignId=${campaignId}`),
  });
  const a = q.data;
  const onExport = async () => {
    setBusy(true);
    try {
      await downloadExport('/admin/forecast/accuracy/export.xlsx', { campaignId });
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const top = (a?.lines ?? []).slice(0, 15);
  return (
    <Card
      title={t('forecast.accuracy.title')}
      loading={q.isPending}
      data-testid="forecast-accuracy"
      extra={
        <Button onClick={() => void onExport()} loading={busy} data-testid="forecast-accuracy-export">
          {t('forecast.accuracy.export')}
        </Button>
      }
    >
      {a && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {a.day} · {t('forecast.accuracy.hint')}
            {a.recordedAt
              ? ` · ${t('forecast.accuracy.recordedAt', { at: dateTime(a.recordedAt) })}`
              : ` · ${t('forecast.accuracy.notRecorded')}`}
            {!a.closed && ` · ${t('forecast.accuracy.sofar')}`}
          </Typography.Text>
          <Space size="large" wrap>
            <Statistic title={t('forecast.accuracy.expectedTotal')} value={a.expectedTotal} precision={1} />
            <Statistic title={t('forecast.accuracy.actualTotal')} value={a.actualTotal} />
            <Statistic title={t('forecast.accuracy.wape')} value={pct(a.wapeBps)} />
            <Statistic title={t('forecast.accuracy.naive')} value={pct(a.naiveWapeBps)} />
          </Space>
          {top.length > 0 && (
            <Chart
              label={t('forecast.accuracy.chart')}
              height={280}
              testId="forecast-accuracy-chart"
              option={{
                tooltip: { trigger: 'axis' },
                legend: { data: [t('forecast.accuracy.expected'), t('forecast.accuracy.actual')] },
                grid: { left: 40, right: 16, bottom: 80, top: 36 },
                xAxis: { type: 'category', data: top.map((l) => l.name), axisLabel: { rotate: 40, interval: 0 } },
                yAxis: { type: 'value' },
                series: [
                  {
                    name: t('forecast.accuracy.expected'),
                    type: 'bar',
                    data: top.map((l) => (l.expected === null ? null : Math.round(l.expected * 10) / 10)),
                  },
                  { name: t('forecast.accuracy.actual'), type: 'bar', data: top.map((l) => l.actual) },
                ],
              }}
            />
          )}
          <Table<Line>
            rowKey="productId"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={a.lines}
            data-testid="forecast-accuracy-table"
            columns={[
              { title: t('forecast.accuracy.product'), dataIndex: 'name' },
              { title: t('forecast.accuracy.unit'), dataIndex: 'unit' },
              {
                title: t('forecast.accuracy.expected'),
                dataIndex: 'expected',
                align: 'right',
                render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
              },
              { title: t('forecast.accuracy.actual'), dataIndex: 'actual', align: 'right' },
              {
                title: t('forecast.accuracy.diff'),
                dataIndex: 'diff',
                align: 'right',
                render: (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}`),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
