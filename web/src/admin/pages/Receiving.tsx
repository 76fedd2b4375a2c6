import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, InputNumber, Result, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../shared/api';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';
import { allPages } from '../../shared/paging';
import { useSession } from '../../shared/session';
import { api, consoleRoles } from '../api';
import { mayOpen, TEAMS } from '../nav';
import { QueryState } from '../components/State';
import { dateTime } from '../format';
import type { PurchaseOrder, ReceiveResult } from '../types';
import { PoLinesTable, PoStatus } from './PurchaseOrders';
import { ImpactConfirm, type Impact, type ImpactRequest } from '../components/ImpactConfirm';

type ReceiveImpact = Impact & { allocatedUnits: number; surplusUnits: number; refunds: number };
type Counts = Record<string, { accepted: number; rejected: number; expiresOn?: string; override?: string }>;
/** the refusals of a stale lot (expired, too little shelf life left) that a reason overrides */
const STALE = ['LOT_EXPIRED', 'SHELF_LIFE_TOO_SHORT'];

/** Receiving one supplier's delivery: accepted and rejected units per line, then the shortage refunds it caused. */
export default function Receiving() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const campaignId = params.get('campaignId');
  const queryClient = useQueryClient();
  const po = useQuery({
    queryKey: ['purchase-order', id],
    queryFn: async () => {
      const list = await allPages<PurchaseOrder>(
        api,
        `/admin/purchase-orders${campaignId ? `?campaignId=${campaignId}` : ''}`,
      );
      return list.find((p) => p.id === id) ?? null;
    },
  });
  const [counts, setCounts] = useState<Counts>({});
  const [result, setResult] = useState<ReceiveResult | null>(null);
  // products whose lot was refused as stale: their line asks for a reason to accept it
  const [stale, setStale] = useState<Record<string, string>>({});
  const noteStale = (e: unknown) => {
    const productId =
      (e instanceof ApiError && STALE.includes(e.code) && (e.details as { productId?: string })?.productId) || null;
    if (productId) setStale((s) => ({ ...s, [productId]: (e as ApiError).code }));
  };
  useEffect(() => {
    // Start from "everything arrived": the clerk only changes the lines that differ.
    if (po.data)
      setCounts(Object.fromEntries(po.data.lines.map((l) => [l.productId, { accepted: l.quantity, rejected: 0 }])));
  }, [po.data]);

  const body = (p: PurchaseOrder) => ({
    lines: p.lines.map((l) => ({
      productId: l.productId,
      acceptedQuantity: counts[l.productId]?.accepted ?? 0,
      rejectedQuantity: counts[l.productId]?.rejected ?? 0,
      ...(counts[l.productId]?.expiresOn ? { expiresOn: counts[l.productId].expiresOn } : {}),
      ...(counts[l.productId]?.override?.trim() ? { overrideReason: counts[l.productId].override!.trim() } : {}),
    })),
  });
  const receive = useMutation({
    mutationFn: (p: PurchaseOrder) => api.post<ReceiveResult>(`/admin/purchase-orders/${p.id}/receive`, body(p)),
    onError: noteStale,
    onSuccess: (r, p) => {
      setResult(r);
      void queryClient.invalidateQueries({ queryKey: ['purchase-orders', p.campaignId] });
      void queryClient.invalidateQueries({ queryKey: ['purchase-order', p.id] });
    },
  });

  // the receipt is confirmed on the server's figures for exactly these counts
  const [asking, setAsking] = useState<ImpactRequest<ReceiveImpact> | null>(null);
  const ask = (p: PurchaseOrder) => {
    const sent = body(p);
    setAsking({
      key: `receive:${p.id}:${Date.now()}`,
      title: t('ops.impact.receiveTitle'),
      fetch: () =>
        api.post<ReceiveImpact>(`/admin/purchase-orders/${p.id}/receive/preview`, sent).catch((e: unknown) => {
          noteStale(e);
          throw e;
        }),
      labels: {
        orders: t('ops.impact.receiveOrders'),
        units: t('ops.impact.receiveUnits'),
        amount: t('ops.impact.receiveAmount'),
      },
      extra: (x) => [
        {
          key: 'allocated',
          label: t('ops.impact.allocated'),
          value: t('ops.impact.unitsUnit', { n: x.allocatedUnits }),
        },
        { key: 'surplus', label: t('ops.impact.surplus'), value: t('ops.impact.unitsUnit', { n: x.surplusUnits }) },
      ],
      okText: t('ops.receive.submit'),
      confirmTestId: 'receive-confirm',
      onConfirm: () => receive.mutate(p),
    });
  };
  const set = (productId: string, field: 'accepted' | 'rejected', value: number | null) =>
    setCounts((c) => ({ ...c, [productId]: { ...c[productId], [field]: Math.max(0, Math.trunc(value ?? 0)) } }));
  const setText = (productId: string, field: 'expiresOn' | 'override', value: string) =>
    setCounts((c) => ({ ...c, [productId]: { ...c[productId], [field]: value } }));
  const back = `/purchase-orders${campaignId ? `?campaignId=${campaignId}` : ''}`;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Link to={back}>← {t('common.back')}</Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('ops.receive.title')}
        </Typography.Title>
      </Space>
      <QueryState query={po} isEmpty={(d) => d === null} emptyText={t('ops.receive.notFound')}>
        {(p) =>
          p && (
            <Space orientation="vertical" size="large" style={{ width: '100%' }}>
              <Descriptions
                bordered
                size="small"
                column={{ xs: 1, sm: 3 }}
                items={[
                  { key: 's', label: t('ops.po.supplier'), children: p.supplierName },
                  { key: 'st', label: t('ops.campaign.status'), children: <PoStatus status={p.status} /> },
                  { key: 'r', label: t('ops.po.receivedAtLabel'), children: dateTime(p.receivedAt) },
                ]}
              />
              {result ? (
                <ReceiptResult po={p} result={result} back={back} />
              ) : p.status === 'received' ? (
                <Card title={t('ops.receive.alreadyReceived')}>
                  <PoLinesTable lines={p.lines} />
                </Card>
              ) : (
                <Card title={t('ops.receive.formTitle')}>
                  <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                    <Typography.Text type="secondary">{t('ops.receive.hint')}</Typography.Text>
                    <Table
                      rowKey="productId"
                      pagination={false}
                      scroll={{ x: 'max-content' }}
                      dataSource={p.lines}
                      data-testid="receive-table"
                      columns={[
                        { title: t('ops.po.product'), dataIndex: 'productName' },
                        { title: t('ops.po.unit'), dataIndex: 'unit' },
                        { title: t('ops.po.demand'), dataIndex: 'demandQuantity', align: 'right' },
                        { title: t('ops.po.quantity'), dataIndex: 'quantity', align: 'right' },
                        {
                          title: t('ops.po.accepted'),
                          key: 'accepted',
                          render: (_: unknown, l: PurchaseOrder['lines'][number]) => (
                            <InputNumber
                              min={0}
                              precision={0}
                              value={counts[l.productId]?.accepted}
                              aria-label={`${l.productName} ${t('ops.po.accepted')}`}
                              onChange={(v: number | null) => set(l.productId, 'accepted', v)}
                              data-testid="receive-accepted"
                            />
                          ),
                        },
                        {
                          title: t('ops.po.rejected'),
                          key: 'rejected',
                          render: (_: unknown, l: PurchaseOrder['lines'][number]) => (
                            <InputNumber
                              min={0}
                              precision={0}
                              value={counts[l.productId]?.rejected}
                              aria-label={`${l.productName} ${t('ops.po.rejected')}`}
                              onChange={(v: number | null) => set(l.productId, 'rejected', v)}
                              data-testid="receive-rejected"
                            />
                          ),
                        },
                        {
                          title: t('ops.receive.expiresOn'),
                          key: 'expiresOn',
                          render: (_: unknown, l: PurchaseOrder['lines'][number]) => (
                            <Space orientation="vertical" size={4}>
                              <Input
                                type="date"
                                style={{ width: 150 }}
                                value={counts[l.productId]?.expiresOn ?? ''}
                                placeholder={t('ops.receive.expiresHint')}
                                aria-label={`${l.productName} ${t('ops.receive.expiresOn')}`}
                                onChange={(e) => setText(l.productId, 'expiresOn', e.target.value)}
                                data-testid="receive-expires"
                              />
                              {stale[l.productId] && (
                                <>
                                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                                    {errorText(new ApiError(409, stale[l.productId], ''))}
                                  </Typography.Text>
                                  <Input
                                    style={{ width: 150 }}
                                    maxLength={200}
                                    placeholder={t('ops.receive.overrideReason')}
                                    title={t('ops.receive.overrideHint')}
                                    value={counts[l.productId]?.override ?? ''}
                                    onChange={(e) => setText(l.productId, 'override', e.target.value)}
                                    data-testid="receive-override"
                                  />
                                </>
                              )}
                            </Space>
                          ),
                        },
                      ]}
                    />
                    {receive.isError && (
                      <Alert type="error" showIcon title={errorText(receive.error)} data-testid="receive-error" />
                    )}
                    <Button
                      type="primary"
                      size="large"
                      block
                      loading={receive.isPending}
                      onClick={() => ask(p)}
                      data-testid="receive-submit"
                    >
                      {t('ops.receive.submit')}
                    </Button>
                  </Space>
                </Card>
              )}
            </Space>
          )
        }
      </QueryState>
      <ImpactConfirm request={asking} onClose={() => setAsking(null)} />
    </Space>
  );
}

function ReceiptResult({ po, result, back }: { po: PurchaseOrder; result: ReceiveResult; back: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // the refund history is an operator screen; warehouse staff see the totals here only
  const isAdmin = mayOpen(consoleRoles(useSession(api)?.user.roles), TEAMS.service);
  const name = (productId: string) => po.lines.find((l) => l.productId === productId)?.productName ?? productId;
  const short = result.lines.filter((l) => l.shortQuantity > 0);
  return (
    <Card data-testid="receive-result">
      <Result
        status={short.length ? 'warning' : 'success'}
        title={t('ops.receive.done')}
        subTitle={
          <span data-testid="receive-refunds">
            {result.refunds.count > 0
              ? t('ops.receive.refunds', { count: result.refunds.count, amount: yuan(result.refunds.amountFen) })
              : t('ops.receive.noRefunds')}
          </span>
        }
        extra={
          <Space>
            <Button type="primary" data-testid="receive-back" onClick={() => navigate(back)}>
              {t('ops.receive.backToList')}
            </Button>
            {result.refunds.count > 0 && isAdmin && (
              <Link to="/refunds?status=refunded&kind=shortage">{t('ops.receive.seeRefunds')}</Link>
            )}
          </Space>
        }
      />
      <Table
        rowKey="productId"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={result.lines}
        columns={[
          {
            title: t('ops.po.product'),
            key: 'name',
            render: (_: unknown, l: ReceiveResult['lines'][number]) => name(l.productId),
          },
          { title: t('ops.po.quantity'), dataIndex: 'orderedQuantity', align: 'right' },
          { title: t('ops.po.accepted'), dataIndex: 'acceptedQuantity', align: 'right' },
          { title: t('ops.po.rejected'), dataIndex: 'rejectedQuantity', align: 'right' },
          { title: t('ops.receive.allocated'), dataIndex: 'allocatedQuantity', align: 'right' },
          {
            title: t('ops.receive.short'),
            dataIndex: 'shortQuantity',
            align: 'right',
            render: (v: number) =>
              v > 0 ? (
                <Typography.Text type="danger" strong>
                  {v}
                </Typography.Text>
              ) : (
                v
              ),
          },
          { title: t('ops.receive.surplus'), dataIndex: 'surplusQuantity', align: 'right' },
        ]}
      />
    </Card>
  );
}
