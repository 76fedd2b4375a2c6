import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';
import { useSession } from '../../shared/session';
import { api, consoleRoles } from '../api';
import { Chart } from '../components/Chart';
import { QueryState } from '../components/State';
import { downloadExport } from '../download';
import { mayOpen, TEAMS } from '../nav';
import { useRegions } from '../setup/queries';

type Report = Answer<'/admin/leader-report'>;
type Row = Report['items'][number];
type Grade = NonNullable<Row['grade']>;
type Settings = Answer<'/admin/leader-grades/settings'>;
type Template = Answer<'/admin/coupon-templates'>[number];

const GRADE_COLORS: Record<Grade, string> = { trainee: 'default', bronze: 'orange', silver: 'geekblue', gold: 'gold' };
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
/** this month and the 11 before it, newest first (YYYY-MM) */
function recentMonths(): string[] {
  const now = new Date(Date.now() + 8 * 3_600_000);
  return Array.from({ length: 12 }, (_, i) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7),
  );
}

/**
 * 团长月报与等级: per leader and month, GMV, orders, customers (new, dormant), complaint rate,
 * pickup timeliness, commission, recall and the grade earned; a chosen leader's months as a chart
 * with the grade history; the export; the grade thresholds and leader coupons for operations.
 */
export default function LeaderReport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const regions = useRegions();
  const months = useMemo(recentMonths, []);
  const [month, setMonth] = useState(months[1]!);
  const [regionId, setRegionId] = useState<string | undefined>();
  const [chosen, setChosen] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const mayEdit = mayOpen(consoleRoles(useSession(api)?.user.roles), TEAMS.network);
  const params = new URLSearchParams({ month, ...(regionId ? { regionId } : {}) }).toString();
  const report = useQuery({
    queryKey: ['leader-report', month, regionId],
    queryFn: () => api.get<Report>(`/admin/leader-report?${params}`),
  });
  useEffect(() => {
    const first = report.data?.items[0];
    if (first && !report.data?.items.some((r) => r.leaderId === chosen)) setChosen(first.leaderId);
  }, [report.data, chosen]);
  const gradeTag = (g: Grade | null) =>
    g ? (
      <Tag color={GRADE_COLORS[g]}>{t(`ops.leaderReport.grades.${g}`)}</Tag>
    ) : (
      <Tag>{t('ops.leaderReport.running')}</Tag>
    );
  async function onExport() {
    setBusy(true);
    try {
      await downloadExport('/admin/leader-report/export.xlsx', { month, ...(regionId ? { regionId } : {}) });
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.leaderReport')}
      </Typography.Title>
      <Space wrap>
        <span>{t('ops.leaderReport.month')}</span>
        <Select
          value={month}
          onChange={setMonth}
          style={{ width: 140 }}
          options={months.map((m) => ({ value: m, label: m }))}
          data-testid="leader-report-month"
        />
        <span>{t('ops.leaderReport.region')}</span>
        <Select
          value={regionId ?? ''}
          onChange={(v: string) => setRegionId(v || undefined)}
          style={{ width: 180 }}
          options={[
            { value: '', label: t('ops.leaderReport.allRegions') },
            ...(regions.data ?? []).map((r) => ({ value: r.id, label: r.name })),
          ]}
        />
        <Button onClick={() => void onExport()} loading={busy} data-testid="leader-report-export">
          {t('ops.common.exportXlsx')}
        </Button>
      </Space>
      {chosen && (
        <LeaderChart leaderId={chosen} name={report.data?.items.find((r) => r.leaderId === chosen)?.name ?? ''} />
      )}
      <Card>
        <QueryState query={report} isEmpty={(d) => d.items.length === 0} emptyText={t('ops.leaderReport.noData')}>
          {(d) => (
            <Table<Row>
              rowKey="leaderId"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={d.items}
              data-testid="leader-report"
              onRow={(r) => ({ onClick: () => setChosen(r.leaderId), style: { cursor: 'pointer' } })}
              rowClassName={(r) => (r.leaderId === chosen ? 'ant-table-row-selected' : '')}
              columns={[
                { title: t('ops.leaderReport.leader'), dataIndex: 'name', fixed: 'left' },
                { title: t('ops.leaderReport.point'), dataIndex: 'pickupPointName' },
                {
                  title: t('ops.leaderReport.gmv'),
                  key: 'g',
                  align: 'right',
                  render: (_: unknown, r: Row) => yuan(r.gmvFen),
                },
                { title: t('ops.leaderReport.orders'), dataIndex: 'orders', align: 'right' },
                { title: t('ops.leaderReport.customers'), dataIndex: 'customers', align: 'right' },
                { title: t('ops.leaderReport.newCustomers'), dataIndex: 'newCustomers', align: 'right' },
                { title: t('ops.leaderReport.dormant'), dataIndex: 'dormantCustomers', align: 'right' },
                { title: t('ops.leaderReport.claims'), dataIndex: 'claims', align: 'right' },
                {
                  title: t('ops.leaderReport.complaintRate'),
                  key: 'c',
                  align: 'right',
                  render: (_: unknown, r: Row) => pct(r.complaintRate),
                },
                {
                  title: t('ops.leaderReport.timely'),
                  key: 'ti',
                  align: 'right',
                  render: (_: unknown, r: Row) => pct(r.readyOrders ? r.timelyOrders / r.readyOrders : null),
                },
                {
                  title: t('ops.leaderReport.commission'),
                  key: 'm',
                  align: 'right',
                  render: (_: unknown, r: Row) => yuan(r.commissionFen),
                },
                {
                  title: t('ops.leaderReport.recall'),
                  key: 'rc',
                  align: 'right',
                  render: (_: unknown, r: Row) => `${r.recalled}/${r.contacted} (${pct(r.recallRate)})`,
                },
                { title: t('ops.leaderReport.grade'), key: 'gr', render: (_: unknown, r: Row) => gradeTag(r.grade) },
                {
                  title: t('ops.leaderReport.bonus'),
                  key: 'b',
                  align: 'right',
                  render: (_: unknown, r: Row) => (r.bonusFen === null ? '—' : yuan(r.bonusFen)),
                },
              ]}
            />
          )}
        </QueryState>
        <Typography.Paragraph type="secondary" style={{ maxWidth: 960, marginTop: 16 }}>
          {t('ops.leaderReport.definition')}
        </Typography.Paragraph>
      </Card>
      {mayEdit && <GradeSettings />}
    </Space>
  );
}

function LeaderChart({ leaderId, name }: { leaderId: string; name: string }) {
  const { t } = useTranslation();
  const months = useQuery({
    queryKey: ['leader-months', leaderId],
    queryFn: () => api.get<{ items: Row[] }>(`/admin/leaders/${leaderId}/months`),
  });
  const option = useMemo((): EChartsCoreOption | null => {
    const items = months.data?.items;
    if (!items?.length) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 64, right: 56, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: items.map((r) => r.month) },
      yAxis: [{ type: 'value', name: '¥' }, { type: 'value' }],
      series: [
        { name: t('ops.leaderReport.gmv'), type: 'bar', data: items.map((r) => r.gmvFen / 100) },
        { name: t('ops.leaderReport.commission'), type: 'bar', data: items.map((r) => r.commissionFen / 100) },
        { name: t('ops.leaderReport.customers'), type: 'line', yAxisIndex: 1, data: items.map((r) => r.customers) },
        {
          name: t('ops.leaderReport.dormant'),
          type: 'line',
          yAxisIndex: 1,
          data: items.map((r) => r.dormantCustomers),
        },
      ],
    };
  }, [months.data, t]);
  return (
    <Card title={t('ops.leaderReport.chartOf', { name })}>
      {option && (
        <Chart option={option} label={t('ops.leaderReport.chartOf', { name })} height={260} testId="leader-chart" />
      )}
      <Space wrap data-testid="grade-history">
        <span>{t('ops.leaderReport.history')}:</span>
        {(months.data?.items ?? [])
          .filter((r) => r.grade)
          .map((r) => (
            <Tag key={r.month} color={GRADE_COLORS[r.grade!]}>
              {r.month} {t(`ops.leaderReport.grades.${r.grade}`)}
              {r.bonusFen ? ` +${yuan(r.bonusFen)}` : ''}
            </Tag>
          ))}
      </Space>
    </Card>
  );
}

function GradeSettings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const settings = useQuery({
    queryKey: ['leader-grade-settings'],
    queryFn: () => api.get<Settings>('/admin/leader-grades/settings'),
  });
  const templates = useQuery({
    queryKey: ['coupon-templates'],
    queryFn: () => api.get<Template[]>('/admin/coupon-templates'),
  });
  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    const v: Record<string, unknown> = {
      templateId: s.allowance.templateId,
      perMonth: s.allowance.perMonth,
      dormantDays: s.dormantDays,
    };
    for (const g of ['bronze', 'silver', 'gold'] as const) {
      v[`${g}.gmv`] = s.thresholds[g].gmvFen / 100;
      v[`${g}.customers`] = s.thresholds[g].activeCustomers;
      v[`${g}.complaint`] = s.thresholds[g].maxComplaintBps / 100;
      v[`${g}.timely`] = s.thresholds[g].minTimelyBps / 100;
    }
    for (const g of ['trainee', 'bronze', 'silver', 'gold'] as const) v[`${g}.bonus`] = s.bonusBps[g] / 100;
    form.setFieldsValue(v);
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (v: Record<string, number | string | null>) => {
      const th = (g: string) => ({
        gmvFen: Math.round(Number(v[`${g}.gmv`]) * 100),
        activeCustomers: Number(v[`${g}.customers`]),
        maxComplaintBps: Math.round(Number(v[`${g}.complaint`]) * 100),
        minTimelyBps: Math.round(Number(v[`${g}.timely`]) * 100),
      });
      const bonus = (g: string) => Math.round(Number(v[`${g}.bonus`]) * 100);
      return api.put<Settings>('/admin/leader-grades/settings', {
        thresholds: { bronze: th('bronze'), silver: th('silver'), gold: th('gold') },
        bonusBps: { trainee: bonus('trainee'), bronze: bonus('bronze'), silver: bonus('silver'), gold: bonus('gold') },
        allowance: { templateId: (v.templateId as string) || null, perMonth: Number(v.perMonth) },
        dormantDays: Number(v.dormantDays),
      });
    },
    onSuccess: () => {
      void message.success(t('ops.leaderReport.saved'));
      void qc.invalidateQueries({ queryKey: ['leader-grade-settings'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const grades = ['bronze', 'silver', 'gold'] as const;
  return (
    <Card title={t('ops.leaderReport.settings')} data-testid="grade-settings">
      <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)}>
        {grades.map((g) => (
          <Space key={g} wrap style={{ width: '100%', marginBottom: 8 }}>
            <strong style={{ width: 90, display: 'inline-block' }}>
              {t('ops.leaderReport.thresholds', { grade: t(`ops.leaderReport.grades.${g}`) })}
            </strong>
            <Form.Item name={`${g}.gmv`} label={t('ops.leaderReport.minGmv')}>
              <InputNumber min={0} max={10_000_000} />
            </Form.Item>
            <Form.Item name={`${g}.customers`} label={t('ops.leaderReport.minCustomers')}>
              <InputNumber min={0} max={1_000_000} />
            </Form.Item>
            <Form.Item name={`${g}.complaint`} label={t('ops.leaderReport.maxComplaint')}>
              <InputNumber min={0} max={100} step={0.1} />
            </Form.Item>
            <Form.Item name={`${g}.timely`} label={t('ops.leaderReport.minTimely')}>
              <InputNumber min={0} max={100} step={0.1} />
            </Form.Item>
            <Form.Item name={`${g}.bonus`} label={t('ops.leaderReport.bonusPct')}>
              <InputNumber min={0} max={50} step={0.5} />
            </Form.Item>
          </Space>
        ))}
        <Form.Item name="trainee.bonus" hidden>
          <InputNumber />
        </Form.Item>
        <Space wrap style={{ width: '100%', marginBottom: 8 }}>
          <Form.Item name="templateId" label={t('ops.leaderReport.allowanceTemplate')}>
            <Select
              allowClear
              style={{ width: 240 }}
              options={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            />
          </Form.Item>
          <Form.Item name="perMonth" label={t('ops.leaderReport.allowancePerMonth')}>
            <InputNumber min={0} max={1000} />
          </Form.Item>
          <Form.Item name="dormantDays" label={t('ops.leaderReport.dormantDays')}>
            <InputNumber min={1} max={365} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('ops.leaderReport.save')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
