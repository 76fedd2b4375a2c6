import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';
import { api } from '../api';
import { Chart } from '../components/Chart';
import { QueryState } from '../components/State';
import { downloadExport } from '../download';

type List = Answer<'/admin/targeted-campaigns'>;
type Campaign = List['items'][number];
type Result = Answer<'/admin/targeted-campaigns/{id}/result'>;
type Segment = Answer<'/admin/customer-segments'>[number];
type Template = Answer<'/admin/coupon-templates'>[number];

const pct = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`;
const pp = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pp`;
const fenText = (x: number | null | undefined) => (x === null || x === undefined ? '—' : yuan(Math.round(x)));
const pText = (p: number | null) => (p === null ? '—' : p < 0.001 ? '< 0.001' : p.toFixed(3));

/**
 * 定向发券: a coupon and a message to a saved segment with a held-out control group (decision 051);
 * the list with the draft form, and each campaign's result page (treated against control).
 */
export default function TargetedCampaigns() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm();
  const list = useQuery({ queryKey: ['targeted'], queryFn: () => api.get<List>('/admin/targeted-campaigns') });
  const segments = useQuery({ queryKey: ['segments'], queryFn: () => api.get<Segment[]>('/admin/customer-segments') });
  const templates = useQuery({
    queryKey: ['coupon-templates'],
    queryFn: () => api.get<Template[]>('/admin/coupon-templates'),
  });
  const create = useMutation({
    mutationFn: (v: {
      name: string;
      segmentId: string;
      templateId: string;
      message: string;
      control: number;
      windowDays: number;
    }) =>
      api.post<Campaign>('/admin/targeted-campaigns', {
        name: v.name,
        segmentId: v.segmentId,
        templateId: v.templateId,
        message: v.message,
        controlBps: Math.round(v.control * 100),
        windowDays: v.windowDays,
      }),
    onSuccess: () => {
      void message.success(t('ops.targeting.created'));
      form.resetFields(['name', 'message']);
      void qc.invalidateQueries({ queryKey: ['targeted'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const launch = useMutation({
    mutationFn: (id: string) => api.post<Campaign>(`/admin/targeted-campaigns/${id}/launch`),
    onSuccess: () => {
      void message.success(t('ops.targeting.launched'));
      void qc.invalidateQueries({ queryKey: ['targeted'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const activeTemplates = (templates.data ?? []).filter(
    (x) => x.status === 'active' && Date.parse(x.validTo) > Date.now(),
  );
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.targeting')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
        {t('ops.targeting.intro')}
      </Typography.Paragraph>
      <Card title={t('ops.targeting.new')}>
        <Form
          form={form}
          layout="inline"
          initialValues={{ control: 10, windowDays: 14, segmentId: params.get('segmentId') ?? undefined }}
          onFinish={(v) => create.mutate(v)}
          data-testid="targeted-form"
        >
          <Form.Item name="name" label={t('ops.targeting.name')} rules={[{ required: true }]}>
            <Input maxLength={60} style={{ width: 180 }} data-testid="targeted-name" />
          </Form.Item>
          <Form.Item name="segmentId" label={t('ops.targeting.segment')} rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              data-testid="targeted-segment"
              options={(segments.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.customers})` }))}
            />
          </Form.Item>
          <Form.Item name="templateId" label={t('ops.targeting.template')} rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              data-testid="targeted-template"
              options={activeTemplates.map((x) => ({ value: x.id, label: x.name }))}
            />
          </Form.Item>
          <Form.Item name="message" label={t('ops.targeting.message')} rules={[{ required: true }]}>
            <Input maxLength={200} style={{ width: 260 }} data-testid="targeted-message" />
          </Form.Item>
          <Form.Item name="control" label={t('ops.targeting.controlShare')}>
            <InputNumber min={1} max={50} />
          </Form.Item>
          <Form.Item name="windowDays" label={t('ops.targeting.windowDays')}>
            <InputNumber min={1} max={90} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="targeted-create">
              {t('ops.targeting.create')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <QueryState query={list} isEmpty={(d) => d.items.length === 0} emptyText={t('ops.targeting.empty')}>
          {(d) => (
            <Table<Campaign>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={d.items}
              data-testid="targeted-list"
              columns={[
                { title: t('ops.targeting.name'), dataIndex: 'name' },
                { title: t('ops.targeting.segment'), dataIndex: 'segmentName' },
                { title: t('ops.targeting.template'), dataIndex: 'templateName' },
                {
                  title: t('ops.targeting.status'),
                  key: 's',
                  render: (_: unknown, c: Campaign) => (
                    <Tag color={c.status === 'launched' ? 'green' : undefined}>{t(`ops.targeting.s_${c.status}`)}</Tag>
                  ),
                },
                {
                  title: t('ops.targeting.launchedAt'),
                  key: 'at',
                  render: (_: unknown, c: Campaign) => (c.launchedAt ? new Date(c.launchedAt).toLocaleString() : '—'),
                },
                {
                  title: t('ops.targeting.windowEnds'),
                  key: 'end',
                  render: (_: unknown, c: Campaign) =>
                    c.windowEndsAt
                      ? `${new Date(c.windowEndsAt).toLocaleDateString()} (${t(c.windowOver ? 'ops.targeting.over' : 'ops.targeting.running')})`
                      : `${c.windowDays}`,
                },
                {
                  title: t('ops.targeting.audience'),
                  key: 'aud',
                  align: 'right',
                  render: (_: unknown, c: Campaign) => (c.status === 'launched' ? `${c.treated} / ${c.control}` : '—'),
                },
                {
                  title: t('ops.common.actions'),
                  key: 'actions',
                  render: (_: unknown, c: Campaign) =>
                    c.status === 'draft' ? (
                      <Popconfirm
                        title={t('ops.targeting.launchConfirm')}
                        okText={t('ops.targeting.launch')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => launch.mutate(c.id)}
                      >
                        <Button size="small" type="primary" data-testid="targeted-launch">
                          {t('ops.targeting.launch')}
                        </Button>
                      </Popconfirm>
                    ) : (
                      <Link to={`/targeted-campaigns/${c.id}`} data-testid="targeted-result-link">
                        {t('ops.targeting.result')}
                      </Link>
                    ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </Space>
  );
}

interface GroupRow {
  key: 'treated' | 'control';
  g: Result['treated'];
}

/** One campaign's result: treated against control over the window, the lift and its tests, as a chart and a table. */
export function TargetedResultPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const [busy, setBusy] = useState(false);
  const result = useQuery({
    queryKey: ['targeted-result', id],
    queryFn: () => api.get<Result>(`/admin/targeted-campaigns/${id}/result`),
  });
  const chart = useMemo(() => {
    const r = result.data;
    if (!r) return null;
    const names = [t('ops.targeting.treated'), t('ops.targeting.control')];
    const rate = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 56, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: names },
      yAxis: [
        { type: 'value', axisLabel: { formatter: '{value}%' } },
        { type: 'value', name: t('ops.targeting.gmvPerCustomer') },
      ],
      series: [
        {
          name: t('ops.targeting.recallRate'),
          type: 'bar',
          data: [rate(r.treated.recallRate), rate(r.control.recallRate)],
          label: { show: true, position: 'top', formatter: '{c}%' },
        },
        {
          name: t('ops.targeting.gmvPerCustomer'),
          type: 'bar',
          yAxisIndex: 1,
          data: [r.treated.gmvPerCustomerFen, r.control.gmvPerCustomerFen].map((x) =>
            x === null ? null : Math.round(x) / 100,
          ),
        },
      ],
    };
  }, [result.data, t]);
  async function onExport() {
    setBusy(true);
    try {
      await downloadExport(`/admin/targeted-campaigns/${id}/result/export.xlsx`, {});
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/targeted-campaigns">{t('ops.targeting.back')}</Link>
      <QueryState query={result}>
        {(r) => {
          const sig = (p: number | null) =>
            p === null ? null : (
              <Tag color={p < 0.05 ? 'green' : undefined}>
                {t(p < 0.05 ? 'ops.targeting.significant' : 'ops.targeting.notSignificant')}
              </Tag>
            );
          const rows: GroupRow[] = [
            { key: 'treated', g: r.treated },
            { key: 'control', g: r.control },
          ];
          const ci = (c: number[] | null, f: (x: number) => string) =>
            c && c.length === 2 ? `${f(c[0]!)} … ${f(c[1]!)}` : '—';
          return (
            <Card
              title={t('ops.targeting.resultTitle', { name: r.campaign.name })}
              extra={
                <Button onClick={() => void onExport()} loading={busy} data-testid="targeted-export">
                  {t('ops.common.exportXlsx')}
                </Button>
              }
            >
              <Space orientation="vertical" size="large" style={{ width: '100%' }}>
                <Descriptions size="small" column={3}>
                  <Descriptions.Item label={t('ops.targeting.segment')}>{r.campaign.segmentName}</Descriptions.Item>
                  <Descriptions.Item label={t('ops.targeting.template')}>{r.campaign.templateName}</Descriptions.Item>
                  <Descriptions.Item label={t('ops.targeting.launchedAt')}>
                    {r.campaign.launchedAt ? new Date(r.campaign.launchedAt).toLocaleString() : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('ops.targeting.windowEnds')}>
                    {r.campaign.windowEndsAt ? new Date(r.campaign.windowEndsAt).toLocaleString() : '—'} (
                    {t(r.campaign.windowOver ? 'ops.targeting.over' : 'ops.targeting.running')})
                  </Descriptions.Item>
                  <Descriptions.Item label={t('ops.targeting.message')}>{r.campaign.message}</Descriptions.Item>
                </Descriptions>
                {chart && (
                  <Chart option={chart} label={t('ops.targeting.result')} height={260} testId="targeted-chart" />
                )}
                <Table<GroupRow>
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={rows}
                  data-testid="targeted-groups"
                  columns={[
                    {
                      title: t('ops.targeting.group'),
                      key: 'k',
                      render: (_: unknown, x: GroupRow) => t(`ops.targeting.${x.key}`),
                    },
                    {
                      title: t('ops.targeting.customers'),
                      key: 'c',
                      align: 'right',
                      render: (_: unknown, x: GroupRow) => x.g.customers,
                    },
                    {
                      title: t('ops.targeting.recalled'),
                      key: 'r',
                      align: 'right',
                      render: (_: unknown, x: GroupRow) => x.g.recalled,
                    },
                    {
                      title: t('ops.targeting.recallRate'),
                      key: 'rr',
                      align: 'right',
                      render: (_: unknown, x: GroupRow) => pct(x.g.recallRate),
                    },
                    {
                      title: t('ops.targeting.orders'),
                      key: 'o',
                      align: 'right',
                      render: (_: unknown, x: GroupRow) => x.g.orders,
                    },
                    {
                      title: t('ops.targeting.gmv'),
                      key: 'g',
                      align: 'right',
                      render: (_: unknown, x: GroupRow) => yuan(x.g.gmvFen),
                    },
                    {
                      title: t('ops.targeting.gmvPerCustomer'),
                      key: 'gpc',
                      align: 'right',
                      render: (_: unknown, x: GroupRow) => fenText(x.g.gmvPerCustomerFen),
                    },
                  ]}
                />
                <Descriptions size="small" column={1} bordered data-testid="targeted-lift">
                  <Descriptions.Item label={t('ops.targeting.lift')}>
                    {pp(r.recallLift.difference)} · {t('ops.targeting.ci')} {ci(r.recallLift.ci, pp)} ·{' '}
                    {t('ops.targeting.pValue')} {pText(r.recallLift.pValue)} {sig(r.recallLift.pValue)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('ops.targeting.gmvDiff')}>
                    {fenText(r.gmvPerCustomerDiff.difference)} · {t('ops.targeting.ci')}{' '}
                    {ci(r.gmvPerCustomerDiff.ci, fenText)} · {t('ops.targeting.pValue')}{' '}
                    {pText(r.gmvPerCustomerDiff.pValue)} {sig(r.gmvPerCustomerDiff.pValue)}
                  </Descriptions.Item>
                </Descriptions>
                <Typography.Text data-testid="targeted-coupons">
                  {t('ops.targeting.coupons', {
                    granted: r.coupons.granted,
                    used: r.coupons.used,
                    cost: yuan(r.coupons.discountFen),
                  })}
                </Typography.Text>
                <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
                  {t('ops.targeting.definition')}
                </Typography.Paragraph>
              </Space>
            </Card>
          );
        }}
      </QueryState>
    </Space>
  );
}
