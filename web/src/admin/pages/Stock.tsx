import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
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
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { errorText } from '../../shared/i18n';
import { usePagedList } from '../../shared/paging';
import type { Answer } from '../../shared/api-shapes';
import { api } from '../api';
import { LoadMore, QueryState } from '../components/State';
import { dateTime } from '../format';

type StockRow = Answer<'/admin/inventory'>[number];
type Count = Answer<'/admin/stock-counts'>[number];
type Sheet = Answer<'/admin/stock-counts/{id}'>;
type SheetLine = Sheet['lineItems'][number];
type Movement = Answer<'/admin/inventory/movements'>[number];

const KINDS = [
  'received',
  'allocated',
  'returned',
  'written_off',
  'marked_down',
  'transfer_in',
  'transfer_out',
  'counted',
] as const;
const KIND_COLORS: Record<string, string> = {
  received: 'green',
  returned: 'cyan',
  allocated: 'blue',
  written_off: 'red',
  marked_down: 'orange',
  transfer_in: 'geekblue',
  transfer_out: 'purple',
  counted: 'gold',
};

/** The warehouses and products the caller's stock lists (warehouse staff may not read the network). */
function useStockChoices() {
  const stock = useQuery({ queryKey: ['inventory'], queryFn: () => api.get<StockRow[]>('/admin/inventory') });
  return useMemo(() => {
    const warehouses = new Map<string, string>();
    const products = new Map<string, string>();
    for (const s of stock.data ?? []) {
      warehouses.set(s.warehouseId, s.warehouseName);
      products.set(s.productId, s.productName);
    }
    return {
      warehouses: [...warehouses].map(([value, label]) => ({ value, label })),
      products: [...products].map(([value, label]) => ({ value, label })),
    };
  }, [stock.data]);
}

/** Stock counts (盘点): open a count of a warehouse, then its sheets, newest first. */
export function StockCounts() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { warehouses } = useStockChoices();
  const [warehouseId, setWarehouseId] = useState<string | undefined>();
  const counts = usePagedList<Count>(api, ['stock-counts'], '/admin/stock-counts');
  const open = useMutation({
    mutationFn: (id: string) => api.post<{ id: string }>('/admin/stock-counts', { warehouseId: id }),
    onSuccess: (r) => navigate(`/stock-counts/${r.id}`),
  });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.stockCounts')}
      </Typography.Title>
      <Card title={t('ops.stock.openTitle')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('ops.stock.openHint')}</Typography.Text>
          <Select
            style={{ width: '100%', maxWidth: 360 }}
            placeholder={t('ops.stock.pickWarehouse')}
            value={warehouseId}
            onChange={setWarehouseId}
            options={warehouses}
            data-testid="count-warehouse"
          />
          {open.isError && <Alert type="error" showIcon title={errorText(open.error)} data-testid="count-error" />}
          <Button
            type="primary"
            size="large"
            block
            disabled={!warehouseId}
            loading={open.isPending}
            onClick={() => warehouseId && open.mutate(warehouseId)}
            data-testid="count-open"
          >
            {t('ops.stock.open')}
          </Button>
        </Space>
      </Card>
      <QueryState query={counts.view} isEmpty={(d) => d.length === 0} emptyText={t('ops.stock.noCounts')}>
        {(rows) => (
          <Table<Count>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={rows}
            data-testid="count-list"
            footer={() => <LoadMore query={counts.query} />}
            columns={[
              {
                title: t('ops.stock.warehouse'),
                key: 'w',
                render: (_: unknown, c: Count) => <Link to={`/stock-counts/${c.id}`}>{c.warehouseName}</Link>,
              },
              {
                title: t('ops.stock.status'),
                dataIndex: 'status',
                render: (s: string) => (
                  <Tag color={s === 'open' ? 'processing' : 'default'}>{t(`ops.stock.status_${s}`)}</Tag>
                ),
              },
              { title: t('ops.stock.openedAt'), dataIndex: 'openedAt', render: (v: string) => dateTime(v) },
              {
                title: t('ops.stock.progress'),
                key: 'p',
                render: (_: unknown, c: Count) => `${c.countedLines}/${c.lines}`,
              },
              {
                title: t('ops.stock.difference'),
                key: 'd',
                render: (_: unknown, c: Count) => (c.status === 'posted' ? `+${c.unitsIn} / −${c.unitsOut}` : '—'),
              },
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}

/** One count sheet: counted units per product (phone-first: one column to type in), then posting. */
export function StockCountSheet() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const queryClient = useQueryClient();
  const sheet = useQuery({ queryKey: ['stock-count', id], queryFn: () => api.get<Sheet>(`/admin/stock-counts/${id}`) });
  const [counted, setCounted] = useState<Record<string, number | null>>({});
  useEffect(() => {
    if (sheet.data) setCounted(Object.fromEntries(sheet.data.lineItems.map((l) => [l.productId, l.countedQuantity])));
  }, [sheet.data]);
  const changed = (s: Sheet) =>
    s.lineItems
      .filter((l) => (counted[l.productId] ?? null) !== l.countedQuantity)
      .map((l) => ({ productId: l.productId, countedQuantity: counted[l.productId] ?? null }));
  const save = useMutation({
    mutationFn: async (s: Sheet) => {
      const lines = changed(s);
      return lines.length ? api.put<Sheet>(`/admin/stock-counts/${s.id}/lines`, { lines }) : s;
    },
    onSuccess: (s) => {
      queryClient.setQueryData(['stock-count', id], s);
      message.success(t('ops.stock.saved'));
    },
  });
  const post = useMutation({
    mutationFn: async (s: Sheet) => {
      const lines = changed(s);
      if (lines.length) await api.put(`/admin/stock-counts/${s.id}/lines`, { lines });
      return api.post<{ movements: number }>(`/admin/stock-counts/${s.id}/post`);
    },
    onSuccess: (r) => {
      message.success(t('ops.stock.posted', { n: r.movements }));
      void queryClient.invalidateQueries({ queryKey: ['stock-count', id] });
      void queryClient.invalidateQueries({ queryKey: ['stock-counts'] });
      void queryClient.invalidateQueries({ queryKey: ['inventory'] });
    },
  });
  const error = save.error ?? post.error;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Link to="/stock-counts">← {t('common.back')}</Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('ops.stock.sheetTitle')}
        </Typography.Title>
      </Space>
      <QueryState query={sheet}>
        {(s) => {
          const open = s.status === 'open';
          return (
            <Space orientation="vertical" size="large" style={{ width: '100%' }}>
              <Descriptions
                bordered
                size="small"
                column={{ xs: 1, sm: 3 }}
                items={[
                  { key: 'w', label: t('ops.stock.warehouse'), children: s.warehouseName },
                  {
                    key: 's',
                    label: t('ops.stock.status'),
                    children: <span data-testid="count-status">{t(`ops.stock.status_${s.status}`)}</span>,
                  },
                  { key: 'o', label: t('ops.stock.openedAt'), children: dateTime(s.openedAt) },
                  ...(s.postedAt ? [{ key: 'p', label: t('ops.stock.postedAt'), children: dateTime(s.postedAt) }] : []),
                ]}
              />
              <Card title={open ? t('ops.stock.enterTitle') : t('ops.stock.postedTitle')}>
                <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                  {open && <Typography.Text type="secondary">{t('ops.stock.enterHint')}</Typography.Text>}
                  <Table<SheetLine>
                    rowKey="productId"
                    size="small"
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    dataSource={s.lineItems}
                    data-testid="count-sheet"
                    columns={[
                      {
                        title: t('ops.stock.product'),
                        key: 'name',
                        render: (_: unknown, l: SheetLine) => (
                          <Space orientation="vertical" size={0}>
                            <span>{l.productName}</span>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {t('ops.stock.expectedShort', { n: l.expectedQuantity, unit: l.unit })}
                            </Typography.Text>
                          </Space>
                        ),
                      },
                      {
                        title: t('ops.stock.counted'),
                        key: 'counted',
                        render: (_: unknown, l: SheetLine) =>
                          open ? (
                            <InputNumber
                              min={0}
                              precision={0}
                              style={{ width: 96 }}
                              value={counted[l.productId] ?? null}
                              aria-label={`${l.productName} ${t('ops.stock.counted')}`}
                              onChange={(v: number | null) =>
                                setCounted((c) => ({
                                  ...c,
                                  [l.productId]: v === null ? null : Math.max(0, Math.trunc(v)),
                                }))
                              }
                              data-testid="count-input"
                            />
                          ) : (
                            (l.countedQuantity ?? '—')
                          ),
                      },
                      {
                        title: t('ops.stock.difference'),
                        key: 'diff',
                        align: 'right',
                        render: (_: unknown, l: SheetLine) => {
                          const c = open ? counted[l.productId] : l.countedQuantity;
                          if (c === null || c === undefined) return '—';
                          const d = c - (open ? l.currentQuantity : l.expectedQuantity);
                          return (
                            <Typography.Text type={d < 0 ? 'danger' : d > 0 ? 'success' : undefined}>
                              <span data-testid="count-diff">{d > 0 ? `+${d}` : d}</span>
                            </Typography.Text>
                          );
                        },
                      },
                    ]}
                  />
                  {error && <Alert type="error" showIcon title={errorText(error)} data-testid="count-error" />}
                  {open && (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      <Button
                        block
                        size="large"
                        loading={save.isPending}
                        onClick={() => save.mutate(s)}
                        data-testid="count-save"
                      >
                        {t('ops.stock.save')}
                      </Button>
                      <Popconfirm
                        title={t('ops.stock.postConfirm')}
                        onConfirm={() => post.mutate(s)}
                        okButtonProps={{ 'data-testid': 'count-post-confirm' } as Record<string, string>}
                      >
                        <Button type="primary" block size="large" loading={post.isPending} data-testid="count-post">
                          {t('ops.stock.post')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  )}
                </Space>
              </Card>
            </Space>
          );
        }}
      </QueryState>
    </Space>
  );
}

/** The stock ledger with filters (warehouse, product, kind, business days), newest first. */
export function StockMovements() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { warehouses, products } = useStockChoices();
  const set = (key: string, value: string | undefined) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  const filter = ['warehouseId', 'productId', 'kind', 'from', 'to']
    .map((k) => [k, params.get(k)] as const)
    .filter(([, v]) => v);
  const query = new URLSearchParams(filter as [string, string][]).toString();
  const movements = usePagedList<Movement>(
    api,
    ['stock-movements', query],
    `/admin/inventory/movements${query ? `?${query}` : ''}`,
  );
  const reasonText = (m: Movement) =>
    [m.writeOffReason ? t(`ops.stock.reason_${m.writeOffReason}`) : null, m.reason, m.note].filter(Boolean).join(' · ');
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.stockMovements')}
      </Typography.Title>
      <Space wrap>
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('ops.stock.anyWarehouse')}
          value={params.get('warehouseId') ?? undefined}
          onChange={(v?: string) => set('warehouseId', v)}
          options={warehouses}
          data-testid="movement-warehouse"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 180 }}
          placeholder={t('ops.stock.anyProduct')}
          value={params.get('productId') ?? undefined}
          onChange={(v?: string) => set('productId', v)}
          options={products}
          data-testid="movement-product"
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('ops.stock.anyKind')}
          value={params.get('kind') ?? undefined}
          onChange={(v?: string) => set('kind', v)}
          options={KINDS.map((k) => ({ value: k, label: t(`ops.stock.kind_${k}`) }))}
          data-testid="movement-kind"
        />
        <Input
          type="date"
          style={{ width: 150 }}
          aria-label={t('ops.stock.from')}
          value={params.get('from') ?? ''}
          onChange={(e) => set('from', e.target.value || undefined)}
        />
        <Input
          type="date"
          style={{ width: 150 }}
          aria-label={t('ops.stock.to')}
          value={params.get('to') ?? ''}
          onChange={(e) => set('to', e.target.value || undefined)}
        />
      </Space>
      <QueryState query={movements.view} isEmpty={(d) => d.length === 0} emptyText={t('ops.stock.noMovements')}>
        {(rows) => (
          <Table<Movement>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={rows}
            data-testid="movement-list"
            footer={() => <LoadMore query={movements.query} />}
            columns={[
              { title: t('ops.stock.at'), dataIndex: 'at', render: (v: string) => dateTime(v) },
              { title: t('ops.stock.warehouse'), dataIndex: 'warehouseName' },
              { title: t('ops.stock.product'), dataIndex: 'productName' },
              {
                title: t('ops.stock.kind'),
                dataIndex: 'kind',
                render: (k: string) => <Tag color={KIND_COLORS[k]}>{t(`ops.stock.kind_${k}`)}</Tag>,
              },
              {
                title: t('ops.stock.quantity'),
                dataIndex: 'quantity',
                align: 'right',
                render: (q: number, m: Movement) => (
                  <Typography.Text type={q < 0 ? 'danger' : 'success'}>
                    {q > 0 ? `+${q}` : q} {m.unit}
                  </Typography.Text>
                ),
              },
              {
                title: t('ops.stock.lots'),
                key: 'lots',
                render: (_: unknown, m: Movement) =>
                  m.lots.map((l) => `${l.expiresOn ?? t('ops.stock.noExpiry')} ×${Math.abs(l.quantity)}`).join('，'),
              },
              { title: t('ops.stock.reason'), key: 'reason', render: (_: unknown, m: Movement) => reasonText(m) },
              { title: t('ops.stock.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? '—' },
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}
