import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Divider,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { errorText } from '../../../shared/i18n';
import { yuan } from '../../../shared/money';
import { api, type Campaign, type Deal, type Product } from '../api';
import type { Answer } from '../../../shared/api-shapes';
import { keys, useNetwork, usePickupPoints, useProducts, useRegions } from '../queries';
import { dateTime, nowPicked, required, toDayjs, toIso } from '../parts';
import { DealModal } from './DealModal';
import { SuggestedQuota, useDemandForecast } from '../../forecast/SuggestedQuota';
import { dealLocked, diff, phase, toInput, toValues, type DealInput, type DealValues } from './deal';
import { clearDraft, readDraft, worthKeeping, writeDraft, type CampaignDraft } from './draft';

interface HeadValues {
  title: string;
  startsAt: Dayjs;
  /** empty: the region's cutoff time on the day before pickup (the server fills it in) */
  cutoffAt?: Dayjs | null;
  pickupDate: Dayjs;
  regionId?: string;
  /** offered only on these routes and at these points of its city; neither: the whole city */
  routeIds?: string[];
  pickupPointIds?: string[];
}

/** A row of the deals table: a saved deal, or (for a new campaign) a draft kept in memory. */
type Row = Deal | (DealInput & { id: string; name: string; unit: string; sold: number; draft: true });

/**
 * Defaults for a new campaign: selling now, pickup tomorrow, no cutoff of its own (the region's
 * cutoff time on the day before pickup applies).
 */
function defaults(): HeadValues {
  const now = nowPicked();
  // late in the evening today's cutoff has passed or is about to: pickup the day after tomorrow
  const pickup = now.add(now.hour() >= 22 ? 2 : 1, 'day').startOf('day');
  return { title: '', startsAt: now.second(0), cutoffAt: null, pickupDate: pickup };
}

const WALL = 'YYYY-MM-DDTHH:mm';
const fromDraft = (d: CampaignDraft): HeadValues => ({
  title: d.title,
  startsAt: d.startsAt ? dayjs(d.startsAt) : defaults().startsAt,
  cutoffAt: d.cutoffAt ? dayjs(d.cutoffAt) : null,
  pickupDate: d.pickupDate ? dayjs(d.pickupDate) : defaults().pickupDate,
  ...(d.regionId ? { regionId: d.regionId } : {}),
  routeIds: d.routeIds ?? [],
  pickupPointIds: d.pickupPointIds ?? [],
});
const toDraft = (v: Partial<HeadValues>, items: DealInput[]): CampaignDraft => ({
  title: v.title ?? '',
  ...(v.regionId ? { regionId: v.regionId } : {}),
  ...(v.startsAt ? { startsAt: v.startsAt.format(WALL) } : {}),
  ...(v.cutoffAt ? { cutoffAt: v.cutoffAt.format(WALL) } : {}),
  ...(v.pickupDate ? { pickupDate: v.pickupDate.format('YYYY-MM-DD') } : {}),
  routeIds: v.routeIds ?? [],
  pickupPointIds: v.pickupPointIds ?? [],
  items,
});

/** A deal of another campaign as a draft: its opening time belonged to that day, so it is dropped. */
const asDraft = (d: Deal): DealInput => ({
  productId: d.productId,
  priceFen: d.priceFen,
  ...(d.memberPriceFen !== undefined ? { memberPriceFen: d.memberPriceFen } : {}),
  ...(d.quota !== undefined ? { quota: d.quota } : {}),
  ...(d.perCustomerLimit !== undefined ? { perCustomerLimit: d.perCustomerLimit } : {}),
  ...(d.groupTiers?.length ? { groupTiers: d.groupTiers } : {}),
});

/**
 * Creates a campaign (optionally copied from `copyOf`: its title and deals as drafts) or edits
 * `campaign` within what the server allows at its stage. A new campaign (not a copy) is kept as
 * `draftOwner`'s draft in this browser while it is being put together, and restored on reopening.
 */
export function CampaignEditor({
  campaign,
  copyOf,
  draftOwner,
  onCreated,
}: {
  campaign: Campaign | null;
  copyOf?: Campaign | null;
  draftOwner?: string;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const products = useProducts();
  const regions = useRegions().data ?? [];
  const onlyRegion = regions.length === 1 ? regions[0].id : undefined;
  const network = useNetwork().data;
  const points = usePickupPoints().data ?? [];
  const [head] = Form.useForm<HeadValues>();
  const chosenRegion = Form.useWatch('regionId', head);
  // the routes and points a campaign may target: those of its city
  const regionId = campaign?.regionId ?? chosenRegion ?? regions[0]?.id;
  const regionOf = regions.find((r) => r.id === regionId);
  const warehouseRegion = new Map((network?.warehouses ?? []).map((w) => [w.id, w.regionId]));
  const routeRegion = new Map((network?.routes ?? []).map((r) => [r.id, warehouseRegion.get(r.warehouseId)]));
  const routeOptions = (network?.routes ?? [])
    .filter((r) => routeRegion.get(r.id) === regionId)
    .map((r) => ({ value: r.id, label: r.name }));
  const pointOptions = points
    .filter((p) => routeRegion.get(p.routeId) === regionId)
    .map((p) => ({ value: p.id, label: p.name }));
  const [dealForm] = Form.useForm<DealValues>();
  const keepsDraft = !campaign && !copyOf && !!draftOwner;
  // read once: the draft this operator left last time (a new campaign only)
  const [restored] = useState(() => (keepsDraft ? readDraft(draftOwner) : null));
  const [drafts, setDrafts] = useState<DealInput[]>(() =>
    copyOf ? copyOf.items.map(asDraft) : (restored?.items ?? []),
  );
  // saved on every change of the deals and (below, onValuesChange) of the head fields
  const saveDraft = () => {
    if (keepsDraft) writeDraft(draftOwner, toDraft(head.getFieldsValue(true) as HeadValues, drafts));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: saved when the deals change; the head saves itself
  useEffect(saveDraft, [drafts]);
  const [editing, setEditing] = useState<{ open: boolean; deal: Row | null }>({ open: false, deal: null });
  const [busy, setBusy] = useState(false);
  const stage = campaign ? phase(campaign) : 'upcoming';
  const closed = stage === 'cut_off' || stage === 'awaiting_cutoff';
  const productList = products.data ?? [];
  const productOf = (id: string): Product | undefined => productList.find((p) => p.id === id);

  const refresh = async (c?: Campaign) => {
    if (c) qc.setQueryData<Campaign[]>(keys.campaigns, (list) => list?.map((x) => (x.id === c.id ? c : x)));
    await qc.invalidateQueries({ queryKey: keys.campaigns });
  };
  /** Runs a call, reports success or the plain reason; re-throws so a form stays open. */
  const run = async <T,>(fn: () => Promise<T>): Promise<T> => {
    setBusy(true);
    try {
      const out = await fn();
      void message.success(t('setup.saved'));
      return out;
    } catch (err) {
      void message.error(errorText(err));
      throw err;
    } finally {
      setBusy(false);
    }
  };

  const initialHead: HeadValues = campaign
    ? {
        title: campaign.title,
        startsAt: toDayjs(campaign.startsAt),
        cutoffAt: toDayjs(campaign.cutoffAt),
        pickupDate: dayjs(campaign.pickupDate),
        routeIds: campaign.routeIds ?? [],
        pickupPointIds: campaign.pickupPointIds ?? [],
      }
    : restored
      ? fromDraft(restored)
      : {
          ...defaults(),
          title: copyOf?.title ?? '',
          routeIds: copyOf?.routeIds ?? [],
          pickupPointIds: copyOf?.pickupPointIds ?? [],
        };

  const saveHead = async () => {
    const v = await head.validateFields();
    const body = {
      title: v.title.trim(),
      startsAt: toIso(v.startsAt),
      cutoffAt: v.cutoffAt ? toIso(v.cutoffAt) : null,
      pickupDate: v.pickupDate.format('YYYY-MM-DD'),
    };
    if (!campaign) {
      if (!drafts.length) return void message.warning(t('setup.campaigns.needDeal'));
      const created = await run(() =>
        api.post<Answer<'/admin/campaigns', 'post'>>('/admin/campaigns', {
          title: body.title,
          startsAt: body.startsAt,
          pickupDate: body.pickupDate,
          // none chosen: the server applies the region's cutoff time
          ...(body.cutoffAt ? { cutoffAt: body.cutoffAt } : {}),
          // one region shown (no picker): it is the only one this operator works in
          ...((v.regionId ?? onlyRegion) ? { regionId: v.regionId ?? onlyRegion } : {}),
          ...(v.routeIds?.length ? { routeIds: v.routeIds } : {}),
          ...(v.pickupPointIds?.length ? { pickupPointIds: v.pickupPointIds } : {}),
          items: drafts,
        }),
      );
      if (keepsDraft) clearDraft(draftOwner);
      await refresh();
      onCreated(created.id);
      return;
    }
    // send only what changed: once selling, the start time may not be sent at all
    const patch: Record<string, string | string[] | null> = {};
    const same = (a: string[] = [], b: string[] = []) => [...a].sort().join() === [...b].sort().join();
    if (!same(v.routeIds, campaign.routeIds)) patch.routeIds = v.routeIds ?? [];
    if (!same(v.pickupPointIds, campaign.pickupPointIds)) patch.pickupPointIds = v.pickupPointIds ?? [];
    if (body.title !== campaign.title) patch.title = body.title;
    if (new Date(body.startsAt).getTime() !== new Date(campaign.startsAt).getTime()) patch.startsAt = body.startsAt;
    // cleared: back to the region's cutoff time before the pickup date
    if (body.cutoffAt === null) patch.cutoffAt = null;
    else if (new Date(body.cutoffAt).getTime() !== new Date(campaign.cutoffAt).getTime())
      patch.cutoffAt = body.cutoffAt;
    if (body.pickupDate !== campaign.pickupDate) patch.pickupDate = body.pickupDate;
    if (!Object.keys(patch).length) return void message.info(t('setup.nothingChanged'));
    await refresh(await run(() => api.patch<Campaign>(`/admin/campaigns/${campaign.id}`, patch)));
  };

  const openDeal = (deal: Row | null) => {
    dealForm.resetFields();
    if (deal) dealForm.setFieldsValue(toValues(deal));
    setEditing({ open: true, deal });
  };

  const submitDeal = async (v: DealValues) => {
    const input = toInput(v);
    const before = editing.deal;
    if (!campaign) {
      setDrafts((list) =>
        before ? list.map((d) => (d.productId === before.productId ? input : d)) : [...list, input],
      );
      return;
    }
    if (!before) return refresh(await run(() => api.post<Campaign>(`/admin/campaigns/${campaign.id}/items`, input)));
    const patch = diff(before as Deal, input);
    if (!Object.keys(patch).length) return;
    await refresh(await run(() => api.patch<Campaign>(`/admin/campaigns/${campaign.id}/items/${before.id}`, patch)));
  };

  const removeDeal = async (row: Row) => {
    if (!campaign) return setDrafts((list) => list.filter((d) => d.productId !== row.productId));
    await refresh(await run(() => api.del<Campaign>(`/admin/campaigns/${campaign.id}/items/${row.id}`))).catch(
      () => undefined,
    );
  };

  const rows: Row[] = campaign
    ? campaign.items
    : drafts.map((d) => ({
        ...d,
        id: d.productId,
        name: productOf(d.productId)?.name ?? '—',
        unit: productOf(d.productId)?.unit ?? '',
        sold: 0,
        draft: true as const,
      }));
  // the suggested quota: the day's forecast of each deal's product over the region's points
  const watchedCutoff: Dayjs | null | undefined = Form.useWatch('cutoffAt', head);
  const watchedPickup: Dayjs | undefined = Form.useWatch('pickupDate', head);
  const forecast = useDemandForecast(
    regionId,
    {
      cutoffAt: watchedCutoff
        ? toIso(watchedCutoff)
        : campaign && watchedCutoff === undefined
          ? campaign.cutoffAt
          : null,
      pickupDate: watchedPickup ? watchedPickup.format('YYYY-MM-DD') : (campaign?.pickupDate ?? null),
    },
    rows.map((r) => r.productId),
  );
  const locked = (r: Row) => (campaign ? dealLocked(campaign, r as Deal) : false);

  const columns: ColumnsType<Row> = [
    {
      title: t('setup.f.product'),
      dataIndex: 'name',
      render: (n: string, r) => (
        <>
          {n} <Typography.Text type="secondary">/{r.unit}</Typography.Text>
        </>
      ),
    },
    { title: t('setup.f.dealPrice'), dataIndex: 'priceFen', width: 100, align: 'right', render: yuan },
    {
      title: t('setup.f.memberPrice'),
      dataIndex: 'memberPriceFen',
      width: 100,
      align: 'right',
      render: (f?: number) => (f === undefined ? '—' : yuan(f)),
    },
    { title: t('setup.f.quota'), dataIndex: 'quota', width: 90, render: (q?: number) => q ?? t('setup.unlimited') },
    {
      title: t('forecast.column'),
      key: 'forecast',
      width: 110,
      align: 'right',
      render: (_: unknown, r) => <SuggestedQuota forecast={forecast.data} productId={r.productId} name={r.name} />,
    },
    { title: t('setup.f.sold'), dataIndex: 'sold', width: 70 },
    {
      title: t('setup.f.perCustomerLimit'),
      dataIndex: 'perCustomerLimit',
      width: 90,
      render: (l?: number) => l ?? '—',
    },
    {
      title: t('setup.f.saleStartsAt'),
      dataIndex: 'saleStartsAt',
      width: 150,
      render: (s?: string) => (s ? <Tag color="volcano">{dateTime(s)}</Tag> : '—'),
    },
    {
      title: t('setup.f.groupTiers'),
      dataIndex: 'groupTiers',
      render: (tiers?: { minBuyers: number; priceFen: number }[]) =>
        tiers?.length
          ? tiers.map((x) => t('setup.deals.tierText', { n: x.minBuyers, price: yuan(x.priceFen) })).join('；')
          : '—',
    },
    {
      title: '',
      key: 'a',
      width: 150,
      render: (_, r) =>
        closed ? null : (
          <>
            <Button type="link" size="small" onClick={() => openDeal(r)} data-testid={`deal-edit-${r.name}`}>
              {t('setup.edit')}
            </Button>
            {!locked(r) && (
              <Popconfirm title={t('setup.deals.removeQ')} onConfirm={() => removeDeal(r)}>
                <Button type="link" size="small" danger>
                  {t('setup.remove')}
                </Button>
              </Popconfirm>
            )}
          </>
        ),
    },
  ];

  return (
    <div data-testid="campaign-editor">
      {campaign && !closed && campaign.unsuppliedDeals.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="campaign-unsupplied"
          title={t('setup.campaigns.unsuppliedTitle', { n: campaign.unsuppliedDeals.length })}
          description={campaign.unsuppliedDeals
            .map((d) => `${d.name}（${d.supplierName} · ${t(`setup.campaigns.unsupplied_${d.reason}`)}）`)
            .join('；')}
        />
      )}
      {campaign && closed && (
        <Alert type="warning" showIcon title={t('setup.campaigns.closedHint')} style={{ marginBottom: 16 }} />
      )}
      {restored && worthKeeping(restored) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="campaign-draft-restored"
          title={t('setup.campaigns.draftRestored', { n: restored.items.length })}
        />
      )}
      <Form
        form={head}
        layout="vertical"
        initialValues={initialHead}
        disabled={closed}
        data-testid="campaign-head"
        onValuesChange={saveDraft}
      >
        <Form.Item name="title" label={t('setup.f.title')} rules={[required(t), { max: 100 }]}>
          <Input data-testid="campaign-title" style={{ maxWidth: 480 }} />
        </Form.Item>
        {/* a campaign sells in one city; the choice shows once there is more than one */}
        {!campaign && regions.length > 1 && (
          <Form.Item name="regionId" label={t('setup.regions.region')} initialValue={regions[0]?.id}>
            <Select
              data-testid="campaign-region"
              style={{ maxWidth: 480 }}
              options={regions.map((r) => ({ value: r.id, label: r.name }))}
            />
          </Form.Item>
        )}
        <Space wrap size="large" align="start">
          <Form.Item
            name="startsAt"
            label={t('setup.f.startsAt')}
            rules={[{ required: true, message: t('setup.v.required') }]}
            extra={stage === 'selling' ? t('setup.campaigns.startFixed') : undefined}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              disabled={stage === 'selling'}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Form.Item
            name="cutoffAt"
            label={t('setup.f.cutoffAt')}
            dependencies={['startsAt']}
            extra={
              <span data-testid="campaign-cutoff-hint">
                {t('setup.campaigns.cutoffDefault', { time: regionOf?.cutoffTime ?? '—' })}
              </span>
            }
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, v?: Dayjs | null) => {
                  if (v && getFieldValue('startsAt') && !v.isAfter(getFieldValue('startsAt')))
                    throw new Error(t('setup.v.cutoffAfterStart'));
                  if (v && !v.isAfter(nowPicked()) && !closed) throw new Error(t('setup.v.cutoffFuture'));
                },
              }),
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowClear
              placeholder={t('setup.campaigns.cutoffPlaceholder', { time: regionOf?.cutoffTime ?? '' })}
              style={{ width: 200 }}
              data-testid="campaign-cutoff"
            />
          </Form.Item>
          <Form.Item
            name="pickupDate"
            label={t('setup.f.pickupDate')}
            dependencies={['cutoffAt']}
            rules={[
              { required: true, message: t('setup.v.required') },
              ({ getFieldValue }) => ({
                validator: async (_, v?: Dayjs) => {
                  const cutoff: Dayjs | null | undefined = getFieldValue('cutoffAt');
                  if (v && cutoff && v.isBefore(cutoff, 'day')) throw new Error(t('setup.v.pickupAfterCutoff'));
                },
              }),
            ]}
          >
            <DatePicker style={{ width: 160 }} />
          </Form.Item>
        </Space>
        {/* 区域差异化选品: left empty, the campaign is offered at every point of its city */}
        <Space wrap size="large" align="start">
          <Form.Item name="routeIds" label={t('setup.campaigns.targetRoutes')} extra={t('setup.campaigns.targetHint')}>
            <Select
              mode="multiple"
              allowClear
              data-testid="campaign-target-routes"
              style={{ width: 320 }}
              placeholder={t('setup.campaigns.wholeCity')}
              options={routeOptions}
              optionFilterProp="label"
            />
          </Form.Item>
          <Form.Item name="pickupPointIds" label={t('setup.campaigns.targetPoints')}>
            <Select
              mode="multiple"
              allowClear
              data-testid="campaign-target-points"
              style={{ width: 320 }}
              placeholder={t('setup.campaigns.wholeCity')}
              options={pointOptions}
              optionFilterProp="label"
            />
          </Form.Item>
        </Space>
      </Form>
      <Divider />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('setup.campaigns.deals', { n: rows.length })}
        </Typography.Title>
        {!closed && (
          <Button onClick={() => openDeal(null)} data-testid="deal-add">
            {t('setup.deals.add')}
          </Button>
        )}
      </div>
      <Table<Row>
        rowKey="id"
        size="small"
        dataSource={rows}
        columns={columns}
        pagination={false}
        locale={{ emptyText: t('setup.campaigns.noDeals') }}
      />
      {/* the primary action comes last: after the deals it creates the campaign with */}
      {!closed && (
        <div style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 24 }}>
          <Button
            type="primary"
            size="large"
            loading={busy}
            onClick={() => void saveHead().catch(() => undefined)}
            data-testid="campaign-save"
          >
            {campaign ? t('setup.campaigns.saveHead') : t('setup.campaigns.create')}
          </Button>
        </div>
      )}
      <DealModal
        open={editing.open}
        editing={!!editing.deal}
        locked={editing.deal ? locked(editing.deal) : false}
        form={dealForm}
        products={productList}
        onClose={() => setEditing({ open: false, deal: null })}
        onSubmit={submitDeal}
        takenProductIds={new Set(rows.filter((r) => r.productId !== editing.deal?.productId).map((r) => r.productId))}
      />
    </div>
  );
}
