import { useState } from 'react';
import {
  App,
  Alert,
  Button,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';
import { api } from '../api';
import { Chart } from '../components/Chart';
import { useCampaigns } from '../components/CampaignPicker';
import { QueryState } from '../components/State';
import { downloadExport } from '../download';
import { dateTime } from '../format';

type Experiment = Answer<'/admin/experiments'>[number];
type Report = Answer<'/admin/experiments/{id}/report'>;
type Kind = Experiment['kind'];

const STATUS_COLOR = { draft: 'default', running: 'green', stopped: 'blue' } as const;
const pct = (x: number | null | undefined, digits = 1) => (x == null ? '—' : `${(x * 100).toFixed(digits)}%`);
const pValue = (p: number | null) => (p === null ? '—' : p < 0.0001 ? '< 0.0001' : p.toFixed(4));

/** 实验: the operator's A/B experiments on deals (decision 048) — list, define a draft, start, stop. */
export default function Experiments() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['experiments'], queryFn: () => api.get<Experiment[]>('/admin/experiments') });
  const [editing, setEditing] = useState<Experiment | 'new' | null>(null);
  const act = useMutation({
    mutationFn: (v: { id: string; action: 'start' | 'stop' }) => api.post(`/admin/experiments/${v.id}/${v.action}`),
    onSuccess: (_, v) => {
      void message.success(t(`ops.experiments.${v.action}ed`));
      void qc.invalidateQueries({ queryKey: ['experiments'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('ops.nav.experiments')}
        </Typography.Title>
        <Button type="primary" onClick={() => setEditing('new')} data-testid="experiment-new">
          {t('ops.experiments.new')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900, margin: 0 }}>
        {t('ops.experiments.intro')}
      </Typography.Paragraph>
      <QueryState query={list} isEmpty={(d) => d.length === 0} emptyText={t('ops.experiments.empty')}>
        {(data) => (
          <Table<Experiment>
            rowKey="id"
            dataSource={data}
            data-testid="experiments-table"
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: t('ops.experiments.name'),
                key: 'name',
                render: (_, e) => <Link to={`/experiments/${e.id}`}>{e.name}</Link>,
              },
              {
                title: t('ops.experiments.deal'),
                key: 'deal',
                render: (_, e) => `${e.deal.productName} · ${yuan(e.deal.priceFen)} · ${e.deal.pickupDate}`,
              },
              { title: t('ops.experiments.unit'), key: 'unit', render: (_, e) => t(`ops.experiments.unit_${e.unit}`) },
              { title: t('ops.experiments.kind'), key: 'kind', render: (_, e) => t(`ops.experiments.kind_${e.kind}`) },
              {
                title: t('ops.experiments.arms'),
                key: 'arms',
                render: (_, e) => e.arms.map((a) => a.name).join(' / '),
              },
              {
                title: t('ops.experiments.status'),
                key: 'status',
                render: (_, e) => <Tag color={STATUS_COLOR[e.status]}>{t(`ops.experiments.status_${e.status}`)}</Tag>,
              },
              { title: t('ops.experiments.startedAt'), key: 'startedAt', render: (_, e) => dateTime(e.startedAt) },
              {
                title: t('ops.common.actions'),
                key: 'actions',
                render: (_, e) => (
                  <Space size={4} wrap>
                    {e.status === 'draft' && (
                      <Button size="small" onClick={() => setEditing(e)} data-testid="experiment-edit">
                        {t('ops.experiments.edit')}
                      </Button>
                    )}
                    {e.status === 'draft' && (
                      <Popconfirm
                        title={t('ops.experiments.startConfirm')}
                        onConfirm={() => act.mutate({ id: e.id, action: 'start' })}
                        okText={t('ops.experiments.start')}
                        cancelText={t('common.cancel')}
                      >
                        <Button size="small" type="primary" data-testid="experiment-start">
                          {t('ops.experiments.start')}
                        </Button>
                      </Popconfirm>
                    )}
                    {e.status === 'running' && (
                      <Popconfirm
                        title={t('ops.experiments.stopConfirm')}
                        onConfirm={() => act.mutate({ id: e.id, action: 'stop' })}
                        okText={t('ops.experiments.stop')}
                        cancelText={t('common.cancel')}
                      >
                        <Button size="small" danger data-testid="experiment-stop">
                          {t('ops.experiments.stop')}
                        </Button>
                      </Popconfirm>
                    )}
                    {e.status !== 'draft' && (
                      <Link to={`/experiments/${e.id}`} data-testid="experiment-report-link">
                        {t('ops.experiments.report')}
                      </Link>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      {editing && <ExperimentForm experiment={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

interface FormArm {
  key: string;
  name: string;
  weight: number;
  value?: number | string | null;
}

/** Defines or changes a draft: the deal, the unit, the kind, and the arms (the first is the control). */
function ExperimentForm({ experiment, onClose }: { experiment: Experiment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const campaigns = useCampaigns();
  const deals = (campaigns.data ?? [])
    .filter((c) => c.status === 'open')
    .flatMap((c) =>
      c.items.map((i) => ({
        value: i.id,
        label: `${c.title} · ${i.name} · ${yuan(i.priceFen)}`,
        priceFen: i.priceFen,
      })),
    );
  const [kind, setKind] = useState<Kind>(experiment?.kind ?? 'price');
  const [form] = Form.useForm();
  const armValue = (a: Experiment['arms'][number]) =>
    kind === 'price' ? a.priceFen : kind === 'coupon' ? a.couponFen : a.title;
  const save = useMutation({
    mutationFn: (v: {
      name: string;
      campaignItemId: string;
      unit: Experiment['unit'];
      minPerArm: number;
      arms: FormArm[];
    }) => {
      const body = {
        name: v.name,
        campaignItemId: v.campaignItemId,
        unit: v.unit,
        kind,
        minPerArm: v.minPerArm,
        arms: v.arms.map((a, i) => ({
          key: i === 0 ? 'control' : String.fromCharCode(96 + i),
          name: a.name,
          weight: a.weight,
          ...(i === 0
            ? {}
            : kind === 'title'
              ? { title: String(a.value ?? '') }
              : { [kind === 'price' ? 'priceFen' : 'couponFen']: Math.round(Number(a.value ?? 0) * 100) }),
        })),
      };
      return experiment ? api.put(`/admin/experiments/${experiment.id}`, body) : api.post('/admin/experiments', body);
    },
    onSuccess: () => {
      void message.success(t('ops.experiments.saved'));
      void qc.invalidateQueries({ queryKey: ['experiments'] });
      onClose();
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const initialArms: FormArm[] = experiment
    ? experiment.arms.map((a) => ({
        key: a.key,
        name: a.name,
        weight: a.weight,
        value: kind === 'title' ? (armValue(a) ?? null) : armValue(a) != null ? Number(armValue(a)) / 100 : null,
      }))
    : [
        { key: 'control', name: t('ops.experiments.control'), weight: 1 },
        { key: 'a', name: t('ops.experiments.variant', { n: 'A' }), weight: 1 },
      ];
  return (
    <Modal
      open
      title={experiment ? t('ops.experiments.editTitle') : t('ops.experiments.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('ops.experiments.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      width={720}
      okButtonProps={{ 'data-testid': 'experiment-save' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: experiment?.name ?? '',
          campaignItemId: experiment?.campaignItemId,
          unit: experiment?.unit ?? 'customer',
          minPerArm: experiment?.minPerArm ?? 500,
          arms: initialArms,
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('ops.experiments.name')} rules={[{ required: true }]}>
          <Input maxLength={60} data-testid="experiment-name" />
        </Form.Item>
        <Form.Item name="campaignItemId" label={t('ops.experiments.deal')} rules={[{ required: true }]}>
          <Select options={deals} showSearch={{ optionFilterProp: 'label' }} loading={campaigns.isPending} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="unit" label={t('ops.experiments.unit')}>
            <Select
              style={{ width: 160 }}
              options={(['customer', 'pickup_point'] as const).map((u) => ({
                value: u,
                label: t(`ops.experiments.unit_${u}`),
              }))}
            />
          </Form.Item>
          <Form.Item label={t('ops.experiments.kind')}>
            <Select
              style={{ width: 160 }}
              value={kind}
              onChange={setKind}
              options={(['price', 'coupon', 'title'] as const).map((k) => ({
                value: k,
                label: t(`ops.experiments.kind_${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="minPerArm" label={t('ops.experiments.minPerArm')}>
            <InputNumber min={2} max={1_000_000} />
          </Form.Item>
        </Space>
        <Form.List name="arms">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f, i) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                    <Input style={{ width: 140 }} placeholder={t('ops.experiments.armName')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} style={{ marginBottom: 0 }}>
                    <InputNumber min={1} max={1000} addonBefore={t('ops.experiments.weight')} style={{ width: 140 }} />
                  </Form.Item>
                  {i === 0 ? (
                    <Typography.Text type="secondary">{t('ops.experiments.controlNote')}</Typography.Text>
                  ) : (
                    <Form.Item name={[f.name, 'value']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                      {kind === 'title' ? (
                        <Input style={{ width: 240 }} placeholder={t('ops.experiments.kind_title')} maxLength={60} />
                      ) : (
                        <InputNumber
                          min={0.01}
                          step={0.1}
                          precision={2}
                          addonBefore={t(`ops.experiments.kind_${kind}`)}
                          addonAfter="元"
                          style={{ width: 220 }}
                        />
                      )}
                    </Form.Item>
                  )}
                  {i > 1 && <Button onClick={() => remove(f.name)}>{t('ops.experiments.removeArm')}</Button>}
                </Space>
              ))}
              {fields.length < 5 && (
                <Button
                  onClick={() =>
                    add({
                      name: t('ops.experiments.variant', { n: String.fromCharCode(64 + fields.length) }),
                      weight: 1,
                    })
                  }
                >
                  {t('ops.experiments.addArm')}
                </Button>
              )}
            </Space>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** 实验报告: per arm exposure, conversion, orders, GMV and refunds; each variant against the control. */
export function ExperimentReportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const report = useQuery({
    queryKey: ['experiment-report', id],
    queryFn: () => api.get<Report>(`/admin/experiments/${id}/report`),
  });
  const [busy, setBusy] = useState(false);
  async function onExport() {
    setBusy(true);
    try {
      await downloadExport(`/admin/experiments/${id}/report.xlsx`, {});
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <QueryState query={report}>
      {(r) => {
        const e = r.experiment;
        const verdict =
          r.verdict.status === 'winner'
            ? t('ops.experiments.verdict_winner', { arm: r.arms.find((a) => a.key === r.verdict.winner)?.name })
            : r.verdict.status === 'insufficient_sample'
              ? t('ops.experiments.verdict_insufficient_sample', {
                  arms: r.arms
                    .filter((a) => r.underMinimum.includes(a.key))
                    .map((a) => `${a.name} ${a.exposed}/${e.minPerArm}`)
                    .join(t('ops.common.listSep')),
                })
              : t(`ops.experiments.verdict_${r.verdict.status}`);
        return (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('ops.experiments.reportTitle', { name: e.name })}
              </Typography.Title>
              <Space>
                <Link to="/experiments">{t('ops.experiments.back')}</Link>
                <Button onClick={() => void onExport()} loading={busy} data-testid="experiment-export">
                  {t('ops.common.exportXlsx')}
                </Button>
              </Space>
            </Space>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
              <Descriptions.Item label={t('ops.experiments.deal')}>
                {e.deal.productName} · {yuan(e.deal.priceFen)}
              </Descriptions.Item>
              <Descriptions.Item label={t('ops.experiments.unit')}>
                {t(`ops.experiments.unit_${e.unit}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('ops.experiments.kind')}>
                {t(`ops.experiments.kind_${e.kind}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('ops.experiments.status')}>
                <Tag color={STATUS_COLOR[e.status]}>{t(`ops.experiments.status_${e.status}`)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('ops.experiments.startedAt')}>{dateTime(e.startedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('ops.experiments.minPerArm')}>{e.minPerArm}</Descriptions.Item>
            </Descriptions>
            <Alert
              type={
                r.verdict.status === 'winner'
                  ? 'success'
                  : r.verdict.status === 'insufficient_sample'
                    ? 'warning'
                    : 'info'
              }
              showIcon
              title={verdict}
              description={t('ops.experiments.method')}
              data-testid="experiment-verdict"
            />
            <Chart
              label={t('ops.experiments.chartLabel')}
              testId="experiment-chart"
              height={300}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                grid: { left: 48, right: 56, bottom: 32, top: 56 },
                xAxis: { type: 'category', data: r.arms.map((a) => a.name) },
                yAxis: [
                  { type: 'value', name: t('ops.experiments.conversion'), axisLabel: { formatter: '{value}%' } },
                  { type: 'value', name: t('ops.experiments.gmvPerUnit') },
                ],
                series: [
                  {
                    name: t('ops.experiments.conversion'),
                    type: 'bar',
                    data: r.arms.map((a) => Number(((a.conversionRate ?? 0) * 100).toFixed(2))),
                  },
                  {
                    name: t('ops.experiments.gmvPerUnit'),
                    type: 'line',
                    yAxisIndex: 1,
                    data: r.arms.map((a) => Number(((a.gmvPerExposedFen ?? 0) / 100).toFixed(2))),
                  },
                ],
              }}
            />
            <Table
              rowKey="key"
              dataSource={r.arms}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="experiment-report-table"
              columns={[
                { title: t('ops.experiments.arm'), dataIndex: 'name' },
                {
                  title: e.kind === 'title' ? t('ops.experiments.kind_title') : t('ops.experiments.priceShown'),
                  key: 'shown',
                  render: (_, a) => (e.kind === 'title' ? (a.title ?? e.deal.productName) : yuan(a.priceFen)),
                },
                { title: t('ops.experiments.exposed'), dataIndex: 'exposed' },
                { title: t('ops.experiments.converted'), dataIndex: 'converted' },
                { title: t('ops.experiments.conversion'), key: 'rate', render: (_, a) => pct(a.conversionRate, 2) },
                { title: t('ops.experiments.orders'), dataIndex: 'orders' },
                { title: t('ops.experiments.gmv'), key: 'gmv', render: (_, a) => yuan(a.gmvFen) },
                { title: t('ops.experiments.refunds'), key: 'refunds', render: (_, a) => yuan(a.refundFen) },
                {
                  title: t('ops.experiments.gmvPerUnit'),
                  key: 'perUnit',
                  render: (_, a) => (a.gmvPerExposedFen === null ? '—' : yuan(Math.round(a.gmvPerExposedFen))),
                },
                {
                  title: t('ops.experiments.vsConversion'),
                  key: 'vsConversion',
                  render: (_, a) => {
                    const c = a.vsControl?.conversion;
                    if (!c) return t('ops.experiments.control');
                    return (
                      <span>
                        {c.difference >= 0 ? '+' : ''}
                        {(c.difference * 100).toFixed(2)} pp [{pct(c.ciLow, 2)}, {pct(c.ciHigh, 2)}] p=
                        {pValue(c.pValue)}{' '}
                        {c.significant && <Tag color="green">{t('ops.experiments.significant')}</Tag>}
                      </span>
                    );
                  },
                },
                {
                  title: t('ops.experiments.vsGmv'),
                  key: 'vsGmv',
                  render: (_, a) => {
                    const g = a.vsControl?.gmvPerExposed;
                    if (!g) return t('ops.experiments.control');
                    return (
                      <span>
                        {g.difference >= 0 ? '+' : ''}
                        {yuan(Math.round(g.difference))} [{g.ciLow === null ? '—' : yuan(Math.round(g.ciLow))},{' '}
                        {g.ciHigh === null ? '—' : yuan(Math.round(g.ciHigh))}] p={pValue(g.pValue)}{' '}
                        {g.significant && <Tag color="green">{t('ops.experiments.significant')}</Tag>}
                      </span>
                    );
                  },
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
              {t('ops.experiments.definition')}
            </Typography.Paragraph>
          </Space>
        );
      }}
    </QueryState>
  );
}
