import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { errorText } from '../../shared/i18n';
import type { Answer } from '../../shared/api-shapes';
import { api } from '../api';
import { Chart } from '../components/Chart';
import { QueryState } from '../components/State';
import { downloadExport } from '../download';
import { yuan } from '../../shared/money';

type Lot = Answer<'/admin/inventory/lots'>[number];
type AlertRule = Answer<'/admin/freshness/alert-rules'>[number];
type MarkdownRule = Answer<'/admin/freshness/markdown-rules'>[number];
type MarkdownDeal = Answer<'/admin/freshness/markdown-deals'>[number];
type LossReport = Answer<'/admin/loss-rate'>;
type LossRow = LossReport['items'][number];

const REASONS = ['expired', 'damaged', 'quality', 'lost', 'other'] as const;
const STATUS_COLOURS: Record<string, string> = { expired: 'red', near: 'orange', ok: 'green', none: 'default' };
const pct = (bps: number | null | undefined) =>
  bps === null || bps === undefined ? '—' : `${(bps / 100).toFixed(2)}%`;

/** The products and categories rules may name (the catalogue is shared by every region). */
function useCatalogue() {
  const products = useQuery({
    queryKey: ['products', 'all'],
    queryFn: () => api.get<Answer<'/admin/products'>>('/admin/products'),
  });
  return useMemo(() => {
    const list = (products.data ?? []) as { id: string; name: string; category: string }[];
    return {
      products: list.map((p) => ({ value: p.id, label: p.name })),
      categories: [...new Set(list.map((p) => p.category))].sort().map((c) => ({ value: c, label: c })),
    };
  }, [products.data]);
}

/**
 * 库存批次与报损: stock by warehouse and lot, expired lots red and near-expiry ones amber, and the
 * write-off form (reason from the fixed list and a note), which posts a movement of the ledger.
 */
export function StockLots() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const warehouseId = params.get('warehouseId') ?? undefined;
  const status = params.get('status') ?? undefined;
  const query = new URLSearchParams(
    [
      ['warehouseId', warehouseId],
      ['status', status],
    ].filter(([, v]) => v) as [string, string][],
  ).toString();
  const lots = useQuery({
    queryKey: ['inventory-lots', query],
    queryFn: () => api.get<Lot[]>(`/admin/inventory/lots${query ? `?${query}` : ''}`),
  });
  const all = useQuery({ queryKey: ['inventory-lots', ''], queryFn: () => api.get<Lot[]>('/admin/inventory/lots') });
  const warehouses = useMemo(
    () =>
      [...new Map((all.data ?? []).map((l) => [l.warehouseId, l.warehouseName]))].map(([value, label]) => ({
        value,
        label,
      })),
    [all.data],
  );
  const set = (key: string, value: string | undefined) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  const [form] = Form.useForm();
  const formWarehouse: string | undefined = Form.useWatch('warehouseId', form);
  const productChoices = useMemo(
    () =>
      [
        ...new Map(
          (all.data ?? []).filter((l) => l.warehouseId === formWarehouse).map((l) => [l.productId, l.productName]),
        ),
      ].map(([value, label]) => ({ value, label })),
    [all.data, formWarehouse],
  );
  const writeOff = useMutation({
    mutationFn: (v: {
      warehouseId: string;
      productId: string;
      quantity: number;
      writeOffReason: string;
      note?: string;
    }) =>
      api.post('/admin/inventory/adjust', {
        warehouseId: v.warehouseId,
        productId: v.productId,
        quantityDelta: -v.quantity,
        reason: t(`ops.stock.reason_${v.writeOffReason}`),
        writeOffReason: v.writeOffReason,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        businessKey: crypto.randomUUID(),
      }),
    onSuccess: () => {
      message.success(t('ops.fresh.writeOffDone'));
      form.resetFields(['quantity', 'note']);
      void qc.invalidateQueries({ queryKey: ['inventory-lots'] });
      void qc.invalidateQueries({ queryKey: ['inventory'] });
      void qc.invalidateQueries({ queryKey: ['stock-movements'] });
    },
  });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.stockLots')}
      </Typography.Title>
      <Card title={t('ops.fresh.writeOffTitle')}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ writeOffReason: 'damaged' }}
          onFinish={(v) => writeOff.mutate(v)}
          style={{ maxWidth: 520 }}
        >
          <Form.Item name="warehouseId" label={t('ops.stock.warehouse')} rules={[{ required: true }]}>
            <Select options={warehouses} placeholder={t('ops.stock.pickWarehouse')} data-testid="wo-warehouse" />
          </Form.Item>
          <Form.Item name="productId" label={t('ops.stock.product')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={productChoices} data-testid="wo-product" />
          </Form.Item>
          <Form.Item name="quantity" label={t('ops.fresh.units')} rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} style={{ width: 160 }} data-testid="wo-quantity" />
          </Form.Item>
          <Form.Item name="writeOffReason" label={t('ops.stock.reason')} rules={[{ required: true }]}>
            <Radio.Group
              options={REASONS.map((r) => ({ value: r, label: t(`ops.stock.reason_${r}`) }))}
              data-testid="wo-reason"
            />
          </Form.Item>
          <Form.Item name="note" label={t('ops.fresh.note')}>
            <Input.TextArea maxLength={500} rows={2} data-testid="wo-note" />
          </Form.Item>
          {writeOff.isError && <Alert type="error" showIcon title={errorText(writeOff.error)} data-testid="wo-error" />}
          <Button type="primary" htmlType="submit" loading={writeOff.isPending} data-testid="wo-submit">
            {t('ops.fresh.writeOff')}
          </Button>
          <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
            <Link to="/stock-movements?kind=written_off">{t('ops.fresh.seeMovements')}</Link>
          </Typography.Text>
        </Form>
      </Card>
      <Space wrap>
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('ops.stock.anyWarehouse')}
          value={warehouseId}
          onChange={(v?: string) => set('warehouseId', v)}
          options={warehouses}
          data-testid="lot-warehouse"
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('ops.fresh.anyStatus')}
          value={status}
          onChange={(v?: string) => set('status', v)}
          options={['expired', 'near', 'ok', 'none'].map((s) => ({ value: s, label: t(`ops.fresh.status_${s}`) }))}
          data-testid="lot-status"
        />
      </Space>
      <QueryState query={lots} isEmpty={(d) => d.length === 0} emptyText={t('ops.fresh.noLots')}>
        {(rows) => (
          <Table<Lot>
            rowKey="lotId"
            size="small"
            pagination={{ pageSize: 100, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            dataSource={rows}
            data-testid="lot-list"
            rowClassName={(l) => `lot-${l.status}`}
            columns={[
              { title: t('ops.stock.warehouse'), dataIndex: 'warehouseName' },
              { title: t('ops.stock.product'), dataIndex: 'productName' },
              { title: t('ops.fresh.category'), dataIndex: 'category' },
              {
                title: t('ops.fresh.expiresOn'),
                dataIndex: 'expiresOn',
                render: (v: string | null, l: Lot) => (
                  <Space>
                    <span>{v ?? t('ops.stock.noExpiry')}</span>
                    <Tag color={STATUS_COLOURS[l.status]} data-testid="lot-status-tag" data-status={l.status}>
                      {l.daysLeft === null
                        ? t('ops.fresh.status_none')
                        : l.daysLeft < 0
                          ? t('ops.fresh.expiredAgo', { n: -l.daysLeft })
                          : t('ops.fresh.daysLeft', { n: l.daysLeft })}
                    </Tag>
                  </Space>
                ),
              },
              {
                title: t('ops.fresh.remaining'),
                dataIndex: 'remaining',
                align: 'right',
                render: (v: number, l: Lot) => `${v} ${l.unit}`,
              },
              {
                title: t('ops.fresh.onMarkdown'),
                dataIndex: 'onMarkdown',
                align: 'right',
                render: (v: number) => (v ? <Tag color="orange">{v}</Tag> : '—'),
              },
              { title: t('ops.fresh.received'), dataIndex: 'quantity', align: 'right' },
              {
                title: t('ops.fresh.alertDays'),
                dataIndex: 'alertDays',
                render: (v: number | null) => (v === null ? '—' : t('ops.fresh.daysBefore', { n: v })),
              },
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}

/** 临期与打折规则: near-expiry alert rules, markdown steps, and the markdown deals the daily job made. */
export function FreshnessRules() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { products, categories } = useCatalogue();
  const alertRules = useQuery({
    queryKey: ['alert-rules'],
    queryFn: () => api.get<AlertRule[]>('/admin/freshness/alert-rules'),
  });
  const markdownRules = useQuery({
    queryKey: ['markdown-rules'],
    queryFn: () => api.get<MarkdownRule[]>('/admin/freshness/markdown-rules'),
  });
  const deals = useQuery({
    queryKey: ['markdown-deals'],
    queryFn: () => api.get<MarkdownDeal[]>('/admin/freshness/markdown-deals'),
  });
  const subject = (r: { productName: string | null; category: string | null }) =>
    r.productName ? `${t('ops.fresh.product')}：${r.productName}` : `${t('ops.fresh.category')}：${r.category}`;
  const [alertForm] = Form.useForm();
  const [markForm] = Form.useForm();
  const alertTarget: 'category' | 'product' = Form.useWatch('target', alertForm) ?? 'category';
  const markTarget: 'category' | 'product' = Form.useWatch('target', markForm) ?? 'category';
  const toSubject = (v: { target: string; productId?: string; category?: string }) =>
    v.target === 'product' ? { productId: v.productId } : { category: v.category };
  const saveAlert = useMutation({
    mutationFn: (v: any) =>
      api.put('/admin/freshness/alert-rules', { ...toSubject(v), daysBeforeExpiry: v.daysBeforeExpiry }),
    onSuccess: () => {
      message.success(t('ops.fresh.saved'));
      void qc.invalidateQueries({ queryKey: ['alert-rules'] });
    },
  });
  const saveMark = useMutation({
    mutationFn: (v: any) =>
      api.post('/admin/freshness/markdown-rules', {
        ...toSubject(v),
        basis: v.basis,
        days: v.days,
        discountBps: Math.round(v.discountPct * 100),
      }),
    onSuccess: () => {
      message.success(t('ops.fresh.saved'));
      void qc.invalidateQueries({ queryKey: ['markdown-rules'] });
    },
  });
  const remove = useMutation({
    mutationFn: (path: string) => api.del(path),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['alert-rules'] });
      void qc.invalidateQueries({ queryKey: ['markdown-rules'] });
    },
  });
  const subjectFields = (target: string) =>
    target === 'product' ? (
      <Form.Item name="productId" label={t('ops.fresh.product')} rules={[{ required: true }]}>
        <Select showSearch optionFilterProp="label" options={products} style={{ width: 220 }} />
      </Form.Item>
    ) : (
      <Form.Item name="category" label={t('ops.fresh.category')} rules={[{ required: true }]}>
        <Select options={categories} style={{ width: 160 }} data-testid="rule-category" />
      </Form.Item>
    );
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.freshnessRules')}
      </Typography.Title>
      <Card title={t('ops.fresh.alertRules')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('ops.fresh.alertHint')}</Typography.Text>
          <Form
            form={alertForm}
            layout="inline"
            initialValues={{ target: 'category', daysBeforeExpiry: 1 }}
            onFinish={(v) => saveAlert.mutate(v)}
          >
            <Form.Item name="target">
              <Radio.Group
                options={[
                  { value: 'category', label: t('ops.fresh.category') },
                  { value: 'product', label: t('ops.fresh.product') },
                ]}
              />
            </Form.Item>
            {subjectFields(alertTarget)}
            <Form.Item name="daysBeforeExpiry" label={t('ops.fresh.daysBeforeLabel')} rules={[{ required: true }]}>
              <InputNumber min={0} max={365} precision={0} data-testid="alert-days" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saveAlert.isPending} data-testid="alert-save">
              {t('ops.fresh.save')}
            </Button>
          </Form>
          {saveAlert.isError && <Alert type="error" showIcon title={errorText(saveAlert.error)} />}
          <QueryState query={alertRules} isEmpty={(d) => d.length === 0} emptyText={t('ops.fresh.noRules')}>
            {(rows) => (
              <Table<AlertRule>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={rows}
                data-testid="alert-rules"
                columns={[
                  { title: t('ops.fresh.subject'), key: 's', render: (_: unknown, r: AlertRule) => subject(r) },
                  {
                    title: t('ops.fresh.daysBeforeLabel'),
                    dataIndex: 'daysBeforeExpiry',
                    render: (n: number) => t('ops.fresh.daysBefore', { n }),
                  },
                  {
                    title: '',
                    key: 'x',
                    render: (_: unknown, r: AlertRule) => (
                      <Popconfirm
                        title={t('ops.fresh.deleteConfirm')}
                        onConfirm={() => remove.mutate(`/admin/freshness/alert-rules/${r.id}`)}
                      >
                        <Button size="small" danger>
                          {t('ops.fresh.delete')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]}
              />
            )}
          </QueryState>
        </Space>
      </Card>
      <Card title={t('ops.fresh.markdownRules')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('ops.fresh.markdownHint')}</Typography.Text>
          <Form
            form={markForm}
            layout="inline"
            initialValues={{ target: 'category', basis: 'days_left', days: 2, discountPct: 20 }}
            onFinish={(v) => saveMark.mutate(v)}
          >
            <Form.Item name="target">
              <Radio.Group
                options={[
                  { value: 'category', label: t('ops.fresh.category') },
                  { value: 'product', label: t('ops.fresh.product') },
                ]}
              />
            </Form.Item>
            {subjectFields(markTarget)}
            <Form.Item name="basis" label={t('ops.fresh.basis')}>
              <Select
                style={{ width: 150 }}
                options={[
                  { value: 'days_left', label: t('ops.fresh.basis_days_left') },
                  { value: 'age', label: t('ops.fresh.basis_age') },
                ]}
              />
            </Form.Item>
            <Form.Item name="days" label={t('ops.fresh.days')} rules={[{ required: true }]}>
              <InputNumber min={0} max={365} precision={0} />
            </Form.Item>
            <Form.Item name="discountPct" label={t('ops.fresh.discount')} rules={[{ required: true }]}>
              <InputNumber min={0.01} max={99} precision={2} addonAfter="%" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saveMark.isPending} data-testid="markdown-save">
              {t('ops.fresh.add')}
            </Button>
          </Form>
          {saveMark.isError && <Alert type="error" showIcon title={errorText(saveMark.error)} />}
          <QueryState query={markdownRules} isEmpty={(d) => d.length === 0} emptyText={t('ops.fresh.noRules')}>
            {(rows) => (
              <Table<MarkdownRule>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={rows}
                data-testid="markdown-rules"
                columns={[
                  { title: t('ops.fresh.subject'), key: 's', render: (_: unknown, r: MarkdownRule) => subject(r) },
                  {
                    title: t('ops.fresh.when'),
                    key: 'w',
                    render: (_: unknown, r: MarkdownRule) => t(`ops.fresh.when_${r.basis}`, { n: r.days }),
                  },
                  { title: t('ops.fresh.discount'), dataIndex: 'discountBps', render: (v: number) => pct(v) },
                  {
                    title: '',
                    key: 'x',
                    render: (_: unknown, r: MarkdownRule) => (
                      <Popconfirm
                        title={t('ops.fresh.deleteConfirm')}
                        onConfirm={() => remove.mutate(`/admin/freshness/markdown-rules/${r.id}`)}
                      >
                        <Button size="small" danger>
                          {t('ops.fresh.delete')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]}
              />
            )}
          </QueryState>
        </Space>
      </Card>
      <Card title={t('ops.fresh.deals')}>
        <QueryState query={deals} isEmpty={(d) => d.length === 0} emptyText={t('ops.fresh.noDeals')}>
          {(rows) => (
            <Table<MarkdownDeal>
              rowKey="id"
              size="small"
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              dataSource={rows}
              data-testid="markdown-deals"
              columns={[
                { title: t('ops.fresh.day'), dataIndex: 'businessDay' },
                { title: t('ops.stock.warehouse'), dataIndex: 'warehouseName' },
                { title: t('ops.stock.product'), dataIndex: 'productName' },
                { title: t('ops.fresh.expiresOn'), dataIndex: 'expiresOn' },
                {
                  title: t('ops.fresh.price'),
                  key: 'p',
                  render: (_: unknown, d: MarkdownDeal) => (
                    <span>
                      <Typography.Text delete type="secondary">
                        {yuan(d.listPriceFen)}
                      </Typography.Text>{' '}
                      {yuan(d.priceFen)} <Tag color="orange">−{pct(d.discountBps)}</Tag>
                    </span>
                  ),
                },
                {
                  title: t('ops.fresh.sold'),
                  key: 's',
                  align: 'right',
                  render: (_: unknown, d: MarkdownDeal) => `${d.sold} / ${d.units}`,
                },
                {
                  title: t('ops.stock.status'),
                  dataIndex: 'released',
                  render: (v: boolean) =>
                    v ? <Tag>{t('ops.fresh.cutOff')}</Tag> : <Tag color="processing">{t('ops.fresh.onSale')}</Tag>,
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </Space>
  );
}

/** 损耗率: the weekly loss rate by warehouse, category or product, its chart against the limit, and the .xlsx. */
export function LossRate() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const by = (params.get('by') ?? 'warehouse') as 'warehouse' | 'category' | 'product';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const filter = Object.fromEntries(
    [
      ['by', by],
      ['from', from],
      ['to', to],
    ].filter(([, v]) => v),
  ) as Record<string, string>;
  const query = new URLSearchParams(filter).toString();
  const report = useQuery({
    queryKey: ['loss-rate', query],
    queryFn: () => api.get<LossReport>(`/admin/loss-rate?${query}`),
  });
  const set = (key: string, value: string | undefined) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  const [busy, setBusy] = useState(false);
  const onExport = async () => {
    setBusy(true);
    try {
      await downloadExport('/admin/loss-rate/export.xlsx', filter);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const name = (r: LossRow) =>
    by === 'warehouse' ? (r.warehouseName ?? '') : by === 'category' ? (r.category ?? '') : (r.productName ?? '');
  const chart = useMemo(() => {
    const d = report.data;
    if (!d) return null;
    // the whole-chain weekly rate (all rows of a week summed) against both limits
    const weeks = [...new Set(d.items.map((r) => r.week))].sort();
    const perWeek = weeks.map((w) => {
      const rows = d.items.filter((r) => r.week === w);
      const received = rows.reduce((s, r) => s + r.received, 0);
      const lost = rows.reduce((s, r) => s + r.lost, 0);
      const stockIn = rows.reduce((s, r) => s + r.stockReceived, 0);
      const written = rows.reduce((s, r) => s + r.writtenOff, 0);
      return {
        rate: received ? Math.round((lost * 10_000) / received) / 100 : null,
        stock: stockIn ? Math.round((written * 10_000) / stockIn) / 100 : null,
      };
    });
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (v === null ? '—' : `${v}%`) },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: weeks },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        { name: t('ops.fresh.lossRate'), type: 'bar', data: perWeek.map((p) => p.rate) },
        { name: t('ops.fresh.stockLossRate'), type: 'bar', data: perWeek.map((p) => p.stock) },
        {
          name: t('ops.fresh.limit'),
          type: 'line',
          symbol: 'none',
          data: weeks.map(() => d.limits.lossRateLimitBps / 100),
        },
        {
          name: t('ops.fresh.onlineLimit'),
          type: 'line',
          symbol: 'none',
          lineStyle: { type: 'dashed' },
          data: weeks.map(() => d.limits.onlineLossRateLimitBps / 100),
        },
      ],
    };
  }, [report.data, t]);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.lossRate')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('ops.fresh.lossDefinition')}</Typography.Text>
      <Space wrap>
        <Radio.Group
          value={by}
          onChange={(e) => set('by', e.target.value === 'warehouse' ? undefined : e.target.value)}
          optionType="button"
          options={(['warehouse', 'category', 'product'] as const).map((b) => ({
            value: b,
            label: t(`ops.fresh.by_${b}`),
          }))}
          data-testid="loss-by"
        />
        <Input
          type="date"
          style={{ width: 150 }}
          aria-label={t('ops.stock.from')}
          value={from}
          onChange={(e) => set('from', e.target.value || undefined)}
        />
        <Input
          type="date"
          style={{ width: 150 }}
          aria-label={t('ops.stock.to')}
          value={to}
          onChange={(e) => set('to', e.target.value || undefined)}
        />
        <Button onClick={() => void onExport()} loading={busy} data-testid="loss-export">
          {t('ops.common.exportXlsx')}
        </Button>
      </Space>
      <QueryState query={report} isEmpty={(d) => d.items.length === 0} emptyText={t('ops.fresh.noLoss')}>
        {(d) => (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Space wrap size="large">
              <Card size="small" data-testid="loss-total">
                <Typography.Text type="secondary">{t('ops.fresh.lossRate')}</Typography.Text>
                <Typography.Title level={3} style={{ margin: 0 }} type={d.totals.overLimit ? 'danger' : undefined}>
                  {pct(d.totals.lossRateBps)}
                </Typography.Title>
                <Typography.Text type="secondary">
                  {t('ops.fresh.limitIs', { v: pct(d.limits.lossRateLimitBps) })}
                </Typography.Text>
              </Card>
              <Card size="small">
                <Typography.Text type="secondary">{t('ops.fresh.stockLossRate')}</Typography.Text>
                <Typography.Title
                  level={3}
                  style={{ margin: 0 }}
                  type={d.totals.overOnlineLimit ? 'danger' : undefined}
                >
                  {pct(d.totals.stockLossRateBps)}
                </Typography.Title>
                <Typography.Text type="secondary">
                  {t('ops.fresh.limitIs', { v: pct(d.limits.onlineLossRateLimitBps) })}
                </Typography.Text>
              </Card>
            </Space>
            {chart && <Chart option={chart} label={t('ops.nav.lossRate')} height={280} testId="loss-chart" />}
            <Table<LossRow>
              rowKey={(r) => `${r.week}:${r.warehouseId ?? r.category ?? r.productId}`}
              size="small"
              pagination={{ pageSize: 100, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              dataSource={d.items}
              data-testid="loss-list"
              columns={[
                { title: t('ops.fresh.week'), dataIndex: 'week' },
                { title: t(`ops.fresh.by_${by}`), key: 'n', render: (_: unknown, r: LossRow) => name(r) },
                { title: t('ops.fresh.receivedUnits'), dataIndex: 'received', align: 'right' },
                { title: t('ops.fresh.rejected'), dataIndex: 'rejected', align: 'right' },
                { title: t('ops.fresh.damaged'), dataIndex: 'damaged', align: 'right' },
                { title: t('ops.fresh.writtenOff'), dataIndex: 'writtenOff', align: 'right' },
                { title: t('ops.fresh.expired'), dataIndex: 'expired', align: 'right' },
                {
                  title: t('ops.fresh.lossRate'),
                  dataIndex: 'lossRateBps',
                  align: 'right',
                  render: (v: number | null, r: LossRow) => (
                    <Typography.Text type={r.overLimit ? 'danger' : undefined} data-testid="loss-rate-cell">
                      {pct(v)}
                    </Typography.Text>
                  ),
                },
                {
                  title: t('ops.fresh.stockLossRate'),
                  dataIndex: 'stockLossRateBps',
                  align: 'right',
                  render: (v: number | null, r: LossRow) => (
                    <Typography.Text type={r.overOnlineLimit ? 'danger' : undefined}>{pct(v)}</Typography.Text>
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
