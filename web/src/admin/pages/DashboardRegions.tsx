import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { yuan, parseYuan } from '../../shared/money';
import { errorText } from '../../shared/i18n';
import { api } from '../api';
import { Chart } from '../components/Chart';
import { downloadExport } from '../download';
import type { Answer } from '../../shared/api-shapes';
import type { Dashboard, RegionFigures, RouteCostShare } from '../types';

type Network = Answer<'/admin/network'>;
const toYuan = (fen: number) => Math.round(fen) / 100;
const percent = (bps: number | null) => (bps === null ? '—' : `${(bps / 100).toFixed(2)}%`);

/** The regions of the period side by side: a bar chart of GMV and refunds, a table, an .xlsx export. */
export function RegionComparison({
  data,
  regionId,
  chart,
}: {
  data: Dashboard;
  regionId?: string;
  chart: { palette: string[]; text: string; textStyle: object; yuanAxis: object; tooltipYuan: object };
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const option = useMemo<EChartsCoreOption>(
    () => ({
      color: chart.palette,
      textStyle: chart.textStyle,
      tooltip: chart.tooltipYuan,
      legend: { top: 0, textStyle: { color: chart.text } },
      grid: { left: 70, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: data.regions.map((r) => r.name), axisLabel: { color: chart.text, interval: 0 } },
      yAxis: chart.yuanAxis,
      series: [
        { name: t('ops.dash.gmv'), type: 'bar', data: data.regions.map((r) => toYuan(r.gmvFen)) },
        { name: t('ops.dash.refunds'), type: 'bar', data: data.regions.map((r) => toYuan(r.refundFen)) },
        { name: t('ops.dash.net'), type: 'bar', data: data.regions.map((r) => toYuan(r.netFen)) },
      ],
    }),
    [data, t, chart],
  );
  async function onExport() {
    setBusy(true);
    try {
      await downloadExport('/admin/analytics/regions/export.xlsx', {
        days: String(data.days),
        ...(regionId ? { regionId } : {}),
      });
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  const period = t('ops.dash.lastDays', { count: data.days });
  return (
    <Card
      title={`${t('ops.dash.regions')} · ${period}`}
      size="small"
      data-testid="region-comparison"
      extra={
        <Button size="small" onClick={() => void onExport()} loading={busy} data-testid="region-export">
          {t('ops.common.exportXlsx')}
        </Button>
      }
    >
      {data.regions.length > 1 && <Chart option={option} label={t('ops.dash.regions')} testId="chart-regions" />}
      <Table<RegionFigures>
        rowKey="regionId"
        size="small"
        pagination={false}
        dataSource={data.regions}
        data-testid="region-table"
        columns={[
          { title: t('ops.dash.region'), dataIndex: 'name' },
          { title: t('ops.dash.timeZone'), dataIndex: 'timeZone' },
          { title: t('ops.dash.regionToday'), dataIndex: 'today' },
          { title: t('ops.dash.gmv'), dataIndex: 'gmvFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('ops.dash.paidOrders'), dataIndex: 'paidOrders', align: 'right' },
          { title: t('ops.dash.avgOrder'), dataIndex: 'avgOrderFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('ops.dash.refunds'), dataIndex: 'refundFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('ops.dash.refundNumber'), dataIndex: 'refunds', align: 'right' },
          { title: t('ops.dash.buyers'), dataIndex: 'buyers', align: 'right' },
          { title: t('ops.dash.net'), dataIndex: 'netFen', align: 'right', render: (v: number) => yuan(v) },
        ]}
      />
    </Card>
  );
}

interface CostValues {
  routeId: string;
  date: string;
  cost: string;
  note?: string;
}

/** Delivery cost share per route (routes with cost entered in the period) and the form to enter a day's cost. */
export function RouteCosts({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<CostValues>();
  const network = useQuery({ queryKey: ['setup', 'network'], queryFn: () => api.get<Network>('/admin/network') });
  const regionName = new Map(data.regions.map((r) => [r.regionId, r.name]));
  const regionOfWarehouse = new Map((network.data?.warehouses ?? []).map((w) => [w.id, w.regionId]));
  const routes = (network.data?.routes ?? []).filter((r) => regionName.has(regionOfWarehouse.get(r.warehouseId) ?? ''));
  const save = useMutation({
    mutationFn: (v: CostValues) =>
      api.put(`/admin/routes/${v.routeId}/costs/${v.date}`, { costFen: parseYuan(v.cost), note: v.note ?? '' }),
    onSuccess: async () => {
      void message.success(t('ops.dash.costSaved'));
      form.resetFields(['cost', 'note']);
      await qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const period = t('ops.dash.lastDays', { count: data.days });
  return (
    <Card title={`${t('ops.dash.routeCosts')} · ${period}`} size="small" data-testid="route-costs">
      <Table<RouteCostShare>
        rowKey="routeId"
        size="small"
        pagination={false}
        dataSource={data.routes}
        data-testid="route-cost-table"
        locale={{ emptyText: t('ops.dash.noRouteCosts') }}
        columns={[
          { title: t('ops.dash.region'), dataIndex: 'regionId', render: (v: string) => regionName.get(v) ?? v },
          { title: t('ops.dash.route'), dataIndex: 'name' },
          { title: t('ops.dash.cost'), dataIndex: 'costFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('ops.dash.costDays'), dataIndex: 'costDays', align: 'right' },
          { title: t('ops.dash.routeGmv'), dataIndex: 'gmvFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('ops.dash.costShare'), dataIndex: 'costShareBps', align: 'right', render: percent },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('ops.dash.enterCost')}
      </Typography.Title>
      <Form<CostValues>
        form={form}
        layout="inline"
        onFinish={(v) => save.mutate(v)}
        data-testid="route-cost-form"
        initialValues={{ date: data.today }}
      >
        <Form.Item
          name="routeId"
          label={t('ops.dash.route')}
          rules={[{ required: true, message: t('ops.dash.pickRoute') }]}
        >
          <Select
            style={{ width: 180 }}
            loading={network.isLoading}
            data-testid="route-cost-route"
            options={routes.map((r) => ({ value: r.id, label: r.name }))}
          />
        </Form.Item>
        <Form.Item
          name="date"
          label={t('ops.dash.costDate')}
          rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('ops.dash.badDate') }]}
        >
          <Input type="date" max={data.today} style={{ width: 160 }} data-testid="route-cost-date" />
        </Form.Item>
        <Form.Item
          name="cost"
          label={t('ops.dash.cost')}
          rules={[
            {
              required: true,
              validator: (_, v: string | undefined) =>
                v !== undefined && parseYuan(v) !== null ? Promise.resolve() : Promise.reject(t('ops.dash.badAmount')),
            },
          ]}
        >
          <Input prefix="¥" style={{ width: 130 }} inputMode="decimal" data-testid="route-cost-amount" />
        </Form.Item>
        <Form.Item name="note" label={t('ops.dash.note')} rules={[{ max: 200 }]}>
          <Input style={{ width: 200 }} data-testid="route-cost-note" />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="route-cost-save">
              {t('ops.dash.saveCost')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('ops.dash.costDefinition')}
      </Typography.Paragraph>
    </Card>
  );
}
