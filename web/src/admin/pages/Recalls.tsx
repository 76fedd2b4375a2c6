import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Input,
  InputNumber,
  Popconfirm,
  Progress,
  Radio,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorText } from '../../shared/i18n';
import { useSession } from '../../shared/session';
import type { Answer } from '../../shared/api-shapes';
import { api, consoleRoles } from '../api';
import { mayOpen, TEAMS } from '../nav';
import { QueryState } from '../components/State';
import { dateTime } from '../format';
import { downloadExport } from '../download';
import { useProducts, useRegions, useSuppliers } from '../setup/queries';

type Recall = Answer<'/admin/recalls'>[number];
type Line = Answer<'/admin/recalls/{id}/lines'>[number];
type Lot = Answer<'/admin/recalls/lots'>[number];
type Preview = { regionId: string; lots: Recall['lots']; progress: Recall['progress']; lines: Line[] };

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** Hours (and minutes) left before the 48-hour deadline, or how long it is overdue. */
function Countdown({ r }: { r: Recall }) {
  const { t } = useTranslation();
  if (r.status === 'draft') return <Tag>{t('ops.recalls.status_draft')}</Tag>;
  if (r.status === 'closed') return <Tag color="green">{t('ops.recalls.status_closed')}</Tag>;
  const ms = new Date(r.deadlineAt ?? 0).getTime() - Date.now();
  const h = Math.floor(Math.abs(ms) / 3_600_000);
  const m = Math.floor((Math.abs(ms) % 3_600_000) / 60_000);
  return ms >= 0 ? (
    <Tag color={h < 12 ? 'orange' : 'processing'} data-testid="recall-countdown">
      {t('ops.recalls.left', { h, m })}
    </Tag>
  ) : (
    <Tag color="red" data-testid="recall-countdown">
      {t('ops.recalls.overdue', { h, m })}
    </Tag>
  );
}

function Figures({ p, status }: { p: Recall['progress']; status: Recall['status'] }) {
  const { t } = useTranslation();
  const pct = (a: number, b: number) => (b ? Math.round((a / b) * 100) : 100);
  return (
    <Space wrap size="large" data-testid="recall-figures">
      <Statistic title={t('ops.recalls.lines')} value={p.lines} />
      <Statistic title={t('ops.recalls.customers')} value={p.customers} />
      <Statistic title={t('ops.recalls.pickupPoints')} value={p.pickupPoints} />
      <Statistic title={t('ops.recalls.units')} value={p.units} />
      <Statistic title={t('ops.recalls.unitsBlocked')} value={p.unitsBlocked} />
      {status !== 'draft' && (
        <>
          <div data-testid="recall-notified">
            <Typography.Text type="secondary">{t('ops.recalls.notified')}</Typography.Text>
            <div>
              {p.customersNotified}/{p.customers}
            </div>
            <Progress percent={pct(p.customersNotified, p.customers)} size="small" style={{ width: 140 }} />
          </div>
          <Statistic title={t('ops.recalls.refunded')} value={`${p.refundedCustomers}/${p.customers}`} />
          <Statistic title={t('ops.recalls.refundedAmount')} value={yuan(p.refundedFen)} />
          <Statistic title={t('ops.recalls.recovered')} value={`${p.unitsRecovered}/${p.units}`} />
          <Statistic title={t('ops.recalls.dealsClosed')} value={p.dealsClosed} />
        </>
      )}
    </Space>
  );
}

function LinesTable({ lines }: { lines: Line[] }) {
  const { t } = useTranslation();
  return (
    <Table<Line>
      rowKey="orderLineId"
      size="small"
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      dataSource={lines}
      data-testid="recall-lines"
      columns={[
        { title: t('ops.recalls.point'), dataIndex: 'pickupPointName' },
        { title: t('ops.recalls.leader'), dataIndex: 'leaderName', render: (v: string | null) => v ?? '—' },
        { title: t('ops.recalls.customer'), dataIndex: 'customerName' },
        { title: t('ops.recalls.phone'), dataIndex: 'phone' },
        { title: t('ops.recalls.product'), dataIndex: 'productName' },
        { title: t('ops.recalls.lineUnits'), key: 'u', render: (_: unknown, l: Line) => `${l.units}/${l.quantity}` },
        {
          title: t('ops.recalls.notified'),
          dataIndex: 'notified',
          render: (v: boolean) => (v ? <Tag color="green">✓</Tag> : <Tag>—</Tag>),
        },
        {
          title: t('ops.recalls.refunded'),
          key: 'r',
          render: (_: unknown, l: Line) => (l.refunded ? yuan(l.refundedFen) : '—'),
        },
      ]}
    />
  );
}

function LotsTable({ lots }: { lots: Recall['lots'] }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="lotId"
      size="small"
      pagination={false}
      dataSource={lots}
      columns={[
        { title: t('ops.recalls.product'), dataIndex: 'productName' },
        { title: t('ops.recalls.warehouse'), dataIndex: 'warehouseName' },
        { title: t('ops.recalls.expiresOn'), dataIndex: 'expiresOn', render: (v: string | null) => v ?? '—' },
        { title: t('ops.recalls.remaining'), dataIndex: 'remaining' },
      ]}
    />
  );
}

/** A new recall: from a lot, a product and receipt dates, or a supplier; previewed before it is drafted. */
function NewRecall() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const products = useProducts();
  const suppliers = useSuppliers();
  const regions = useRegions();
  const [scope, setScope] = useState<'lot' | 'product' | 'supplier'>('lot');
  const [productId, setProductId] = useState<string>();
  const [lotId, setLotId] = useState<string>();
  const [supplierId, setSupplierId] = useState<string>();
  const [regionId, setRegionId] = useState<string>();
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  const [reason, setReason] = useState('');
  const [refund, setRefund] = useState(false);
  const lots = useQuery({
    queryKey: ['recall-lots', productId],
    enabled: !!productId && scope === 'lot',
    queryFn: () => api.get<Lot[]>(`/admin/recalls/lots?productId=${productId}`),
  });
  const body = () => ({
    scope,
    reason: reason.trim(),
    refund,
    ...(scope === 'lot' ? { lotId } : {}),
    ...(scope === 'product' ? { productId } : {}),
    ...(scope === 'supplier' ? { supplierId } : {}),
    ...(scope !== 'lot' && regionId ? { regionId } : {}),
    ...(scope !== 'lot' && fromDate ? { fromDate } : {}),
    ...(scope !== 'lot' && toDate ? { toDate } : {}),
  });
  const preview = useMutation({ mutationFn: () => api.post<Preview>('/admin/recalls/preview', body()) });
  const create = useMutation({
    mutationFn: () => api.post<Recall>('/admin/recalls', body()),
    onSuccess: (r) => navigate(`/recalls/${r.id}`),
  });
  const ready =
    reason.trim().length > 0 && (scope === 'lot' ? !!lotId : scope === 'product' ? !!productId : !!supplierId);
  return (
    <Card title={t('ops.recalls.newTitle')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Radio.Group
          value={scope}
          onChange={(e) => {
            setScope(e.target.value);
            preview.reset();
          }}
          data-testid="recall-scope"
        >
          <Radio.Button value="lot">{t('ops.recalls.scope_lot')}</Radio.Button>
          <Radio.Button value="product">{t('ops.recalls.scope_product')}</Radio.Button>
          <Radio.Button value="supplier">{t('ops.recalls.scope_supplier')}</Radio.Button>
        </Radio.Group>
        {scope !== 'supplier' && (
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: '100%', maxWidth: 420 }}
            placeholder={t('ops.recalls.pickProduct')}
            value={productId}
            onChange={(v) => {
              setProductId(v);
              setLotId(undefined);
            }}
            options={(products.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            data-testid="recall-product"
          />
        )}
        {scope === 'lot' && (
          <Select
            style={{ width: '100%', maxWidth: 640 }}
            placeholder={t('ops.recalls.pickLot')}
            value={lotId}
            onChange={setLotId}
            loading={lots.isFetching}
            options={(lots.data ?? []).map((l) => ({
              value: l.lotId,
              label: `${l.warehouseName} · ${t('ops.recalls.expiresOn')} ${l.expiresOn ?? '—'} · ${t('ops.recalls.receivedAt')} ${dateTime(l.receivedAt)} · ${l.supplierName ?? ''} · ${l.quantity}`,
            }))}
            data-testid="recall-lot"
          />
        )}
        {scope === 'supplier' && (
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: '100%', maxWidth: 420 }}
            placeholder={t('ops.recalls.pickSupplier')}
            value={supplierId}
            onChange={setSupplierId}
            options={(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            data-testid="recall-supplier"
          />
        )}
        {scope !== 'lot' && (
          <Space wrap>
            <Select
              style={{ width: 200 }}
              placeholder={t('ops.recalls.pickRegion')}
              value={regionId}
              onChange={setRegionId}
              options={(regions.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            />
            <Input
              type="date"
              value={fromDate}
              onChange={(e) => setFromDate(e.target.value)}
              aria-label={t('ops.recalls.fromDate')}
              addonBefore={t('ops.recalls.fromDate')}
            />
            <Input
              type="date"
              value={toDate}
              onChange={(e) => setToDate(e.target.value)}
              aria-label={t('ops.recalls.toDate')}
              addonBefore={t('ops.recalls.toDate')}
            />
          </Space>
        )}
        <Input.TextArea
          rows={2}
          maxLength={500}
          placeholder={t('ops.recalls.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="recall-reason"
        />
        <Checkbox checked={refund} onChange={(e) => setRefund(e.target.checked)} data-testid="recall-refund">
          {t('ops.recalls.refundAll')}
        </Checkbox>
        {(preview.isError || create.isError) && (
          <Alert type="error" showIcon title={errorText(preview.error ?? create.error)} />
        )}
        <Space>
          <Button
            disabled={!ready}
            loading={preview.isPending}
            onClick={() => preview.mutate()}
            data-testid="recall-preview"
          >
            {t('ops.recalls.preview')}
          </Button>
          <Button
            type="primary"
            disabled={!ready || !preview.data}
            loading={create.isPending}
            onClick={() => create.mutate()}
            data-testid="recall-create"
          >
            {t('ops.recalls.create')}
          </Button>
        </Space>
        {preview.data && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="recall-preview-result">
            <Figures p={preview.data.progress} status="draft" />
            <LotsTable lots={preview.data.lots} />
            <LinesTable lines={preview.data.lines} />
          </Space>
        )}
      </Space>
    </Card>
  );
}

/** 召回: the recalls with their deadline and progress; admins start new ones. */
export default function Recalls() {
  const { t } = useTranslation();
  // the buyer and admins start recalls and decide them; warehouse staff take the returns
  const isAdmin = mayOpen(consoleRoles(useSession(api)?.user.roles), TEAMS.supply);
  const recalls = useQuery({ queryKey: ['recalls'], queryFn: () => api.get<Recall[]>('/admin/recalls') });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.recalls')}
      </Typography.Title>
      <QueryState query={recalls} isEmpty={(d) => d.length === 0} emptyText={t('ops.recalls.none')}>
        {(rows) => (
          <Table<Recall>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={rows}
            data-testid="recall-list"
            columns={[
              {
                title: t('ops.recalls.subject'),
                key: 's',
                render: (_: unknown, r: Recall) => (
                  <Link to={`/recalls/${r.id}`}>
                    {t(`ops.recalls.scope_${r.scope}`)}：{r.subject}
                  </Link>
                ),
              },
              { title: t('ops.recalls.reasonTitle'), dataIndex: 'reason' },
              { title: t('ops.recalls.deadline'), key: 'd', render: (_: unknown, r: Recall) => <Countdown r={r} /> },
              {
                title: t('ops.recalls.notified'),
                key: 'n',
                render: (_: unknown, r: Recall) => `${r.progress.customersNotified}/${r.progress.customers}`,
              },
              {
                title: t('ops.recalls.refunded'),
                key: 'f',
                render: (_: unknown, r: Recall) =>
                  r.refund ? `${r.progress.refundedCustomers}/${r.progress.customers}` : '—',
              },
              {
                title: t('ops.recalls.recovered'),
                key: 'u',
                render: (_: unknown, r: Recall) => `${r.progress.unitsRecovered}/${r.progress.units}`,
              },
              { title: t('ops.recalls.createdAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
            ]}
          />
        )}
      </QueryState>
      {isAdmin && <NewRecall />}
    </Space>
  );
}

/** An action on a recall (confirm, refund, close): on success the figures are fetched again. */
function useRecallAction(id: string | undefined, path: string, onSuccess: () => void) {
  const { message } = App.useApp();
  return useMutation({
    mutationFn: () => api.post(`/admin/recalls/${id}/${path}`),
    onSuccess,
    onError: (e) => void message.error(errorText(e)),
  });
}

/** One recall: figures, lots, the affected lines, and its actions. */
export function RecallSheet() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const qc = useQueryClient();
  const isAdmin = mayOpen(consoleRoles(useSession(api)?.user.roles), TEAMS.supply);
  const recall = useQuery({ queryKey: ['recall', id], queryFn: () => api.get<Recall>(`/admin/recalls/${id}`) });
  const lines = useQuery({
    queryKey: ['recall-lines', id],
    queryFn: () => api.get<Line[]>(`/admin/recalls/${id}/lines`),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['recall', id] });
    void qc.invalidateQueries({ queryKey: ['recall-lines', id] });
    void qc.invalidateQueries({ queryKey: ['recalls'] });
  };
  const confirm = useRecallAction(id, 'confirm', refresh);
  const refund = useRecallAction(id, 'refund', refresh);
  const close = useRecallAction(id, 'close', refresh);
  const [pointId, setPointId] = useState<string>();
  const [units, setUnits] = useState<number | null>(1);
  const back = useMutation({
    mutationFn: () => api.post(`/admin/recalls/${id}/returns`, { pickupPointId: pointId, units }),
    onSuccess: refresh,
    onError: (e) => void message.error(errorText(e)),
  });
  const points = [...new Map((lines.data ?? []).map((l) => [l.pickupPointId, l.pickupPointName]))];
  return (
    <QueryState query={recall}>
      {(r) => (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('ops.nav.recalls')}：{r.subject} <Countdown r={r} />
          </Typography.Title>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('ops.recalls.scope')}>{t(`ops.recalls.scope_${r.scope}`)}</Descriptions.Item>
            <Descriptions.Item label={t('ops.recalls.reasonTitle')}>{r.reason}</Descriptions.Item>
            <Descriptions.Item label={t('ops.recalls.deadline')}>{dateTime(r.deadlineAt)}</Descriptions.Item>
          </Descriptions>
          <Figures p={r.progress} status={r.status} />
          <Space wrap>
            {isAdmin && r.status === 'draft' && (
              <Popconfirm
                title={t('ops.recalls.confirmAsk', { n: r.progress.customers })}
                onConfirm={() => confirm.mutate()}
                okButtonProps={{ 'data-testid': 'recall-confirm-ok' } as Record<string, string>}
              >
                <Button type="primary" danger loading={confirm.isPending} data-testid="recall-confirm">
                  {t('ops.recalls.confirm')}
                </Button>
              </Popconfirm>
            )}
            {isAdmin && r.status === 'active' && (
              <Popconfirm
                title={t('ops.recalls.refundAsk')}
                onConfirm={() => refund.mutate()}
                okButtonProps={{ 'data-testid': 'recall-refund-ok' } as Record<string, string>}
              >
                <Button loading={refund.isPending} data-testid="recall-refund-now">
                  {t('ops.recalls.refundNow')}
                </Button>
              </Popconfirm>
            )}
            {isAdmin && r.status === 'active' && (
              <Button onClick={() => close.mutate()} loading={close.isPending} data-testid="recall-close">
                {t('ops.recalls.close')}
              </Button>
            )}
            <Button
              onClick={() => void downloadExport(`/admin/recalls/${id}/lines.xlsx`, {})}
              data-testid="recall-export"
            >
              {t('ops.recalls.export')}
            </Button>
            <Button onClick={refresh}>{t('ops.recalls.refresh')}</Button>
          </Space>
          {r.status !== 'draft' && (
            <Card size="small" title={t('ops.recalls.returnsTitle')}>
              <Space wrap>
                <Select
                  style={{ width: 240 }}
                  placeholder={t('ops.recalls.point')}
                  value={pointId}
                  onChange={setPointId}
                  options={points.map(([value, label]) => ({ value, label }))}
                  data-testid="recall-return-point"
                />
                <InputNumber min={1} value={units} onChange={setUnits} data-testid="recall-return-units" />
                <Button
                  disabled={!pointId || !units}
                  loading={back.isPending}
                  onClick={() => back.mutate()}
                  data-testid="recall-return-save"
                >
                  {t('ops.recalls.recordReturn')}
                </Button>
              </Space>
            </Card>
          )}
          <LotsTable lots={r.lots} />
          <QueryState query={lines} isEmpty={(d) => d.length === 0} emptyText={t('ops.recalls.noLines')}>
            {(l) => <LinesTable lines={l} />}
          </QueryState>
        </Space>
      )}
    </QueryState>
  );
}
