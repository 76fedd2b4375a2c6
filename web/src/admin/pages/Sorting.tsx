import type { ButtonProps } from 'antd';
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { errorText } from '../../shared/i18n';
import { allPages } from '../../shared/paging';
import { api } from '../api';
import { CampaignPicker, useCampaignChoice } from '../components/CampaignPicker';
import { ExportButtons } from '../components/ExportButtons';
import { EmptyState, QueryState } from '../components/State';
import { dateTime } from '../format';
import type { DispatchResult, SortingList } from '../types';
import type { Answer } from '../../shared/api-shapes';

type Manifest = Answer<'/admin/delivery-manifests'>[number];

/**
 * A campaign's sorting lists, all of them (a route is dispatched and printed whole), read in pages of 50:
 * a list carries every product of its pickup point, so a page is about half a megabyte.
 */
export function useSortingLists(campaignId: string | null) {
  return useQuery({
    queryKey: ['sorting-lists', campaignId],
    queryFn: () => allPages<SortingList>(api, `/admin/sorting-lists?campaignId=${campaignId}`, 50),
    enabled: !!campaignId,
  });
}

export interface RouteGroup {
  routeId: string;
  routeName: string;
  warehouseName: string;
  lists: SortingList[];
}

/** Sorting lists grouped by delivery route, in the server's order (warehouse, route, point). */
export function byRoute(lists: SortingList[]): RouteGroup[] {
  const groups = new Map<string, RouteGroup>();
  for (const l of lists) {
    const g = groups.get(l.routeId) ?? {
      routeId: l.routeId,
      routeName: l.routeName,
      warehouseName: l.warehouseName,
      lists: [],
    };
    g.lists.push(l);
    groups.set(l.routeId, g);
  }
  return [...groups.values()];
}

export function SortingStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = status === 'pending' ? 'orange' : status === 'dispatched' ? 'blue' : 'green';
  return <Tag color={color}>{t(`ops.sorting.status_${status}`, { defaultValue: status })}</Tag>;
}

const units = (l: SortingList) => l.lines.reduce((a, x) => a + x.quantity, 0);

/** Sorting lists per route and pickup point, and the dispatch of each route's van. */
export default function Sorting() {
  const { t } = useTranslation();
  const choice = useCampaignChoice();
  const lists = useSortingLists(choice.campaignId);
  const groups = useMemo(() => byRoute(lists.data ?? []), [lists.data]);
  // the routes' delivery manifests: their temperature readings and breaches (decision 042)
  const manifests = useQuery({
    queryKey: ['manifests', choice.campaignId],
    queryFn: () => api.get<Manifest[]>(`/admin/delivery-manifests?campaignId=${choice.campaignId}`),
    enabled: !!choice.campaignId && (lists.data?.length ?? 0) > 0,
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.sorting')}
      </Typography.Title>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <CampaignPicker choice={choice} />
        {choice.campaignId && (
          <ExportButtons
            campaignId={choice.campaignId}
            printPath="/print/sorting"
            exportPath="/admin/sorting-lists/export.xlsx"
            testId="sorting"
          />
        )}
      </Space>
      {!choice.campaignId && !choice.campaigns.isPending ? (
        <EmptyState text={t('ops.campaign.none')} />
      ) : (
        <QueryState
          query={lists}
          isEmpty={(d) => d.length === 0}
          emptyText={choice.campaign?.status === 'open' ? t('ops.sorting.emptyOpen') : t('ops.sorting.empty')}
        >
          {() => (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              {groups.map((g) => (
                <RouteCard
                  key={g.routeId}
                  group={g}
                  campaignId={choice.campaignId!}
                  manifest={manifests.data?.find((m) => m.routeId === g.routeId)}
                  day={choice.campaign?.pickupDate}
                />
              ))}
            </Space>
          )}
        </QueryState>
      )}
    </Space>
  );
}

function RouteCard({
  group,
  campaignId,
  manifest,
  day,
}: {
  group: RouteGroup;
  campaignId: string;
  manifest?: Manifest;
  day?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<DispatchResult | null>(null);
  const dispatch = useMutation({
    mutationFn: () => api.post<DispatchResult>('/admin/sorting-lists/dispatch', { campaignId, routeId: group.routeId }),
    onSuccess: (r) => {
      setDone(r);
      void queryClient.invalidateQueries({ queryKey: ['sorting-lists', campaignId] });
    },
  });
  const pending = group.lists.some((l) => l.status === 'pending');
  const total = group.lists.reduce((a, l) => a + units(l), 0);
  const dispatchedAt = group.lists.find((l) => l.dispatchedAt)?.dispatchedAt;
  // The server refuses until every purchase order of the campaign is received; say so plainly.
  const failure = dispatch.error
    ? dispatch.error instanceof ApiError && dispatch.error.code === 'INVALID_STATE'
      ? t('ops.sorting.notReady')
      : errorText(dispatch.error)
    : null;

  return (
    <Card
      data-testid="route-card"
      data-route={group.routeName}
      title={
        <Space>
          {group.routeName}
          <Typography.Text type="secondary">{group.warehouseName}</Typography.Text>
        </Space>
      }
      extra={
        <Space>
          <Typography.Text>
            {t('ops.sorting.routeSummary', { stops: group.lists.length, units: total })}
          </Typography.Text>
          {pending ? (
            <Popconfirm
              title={t('ops.sorting.confirm', { route: group.routeName })}
              okText={t('ops.sorting.dispatch')}
              cancelText={t('common.cancel')}
              onConfirm={() => dispatch.mutate()}
              okButtonProps={{ 'data-testid': 'dispatch-confirm' } as ButtonProps}
            >
              <Button type="primary" loading={dispatch.isPending} data-testid="dispatch-button">
                {t('ops.sorting.dispatch')}
              </Button>
            </Popconfirm>
          ) : (
            <Tag color="blue" data-testid="route-dispatched">
              {t('ops.sorting.dispatchedAt', { at: dateTime(dispatchedAt) })}
            </Tag>
          )}
        </Space>
      }
    >
      {failure && (
        <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} data-testid="dispatch-error" />
      )}
      {done && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="dispatch-result"
          title={t('ops.sorting.dispatched', { count: done.dispatchedSortingLists, route: group.routeName })}
        />
      )}
      {manifest && day && <ColdChainPanel manifest={manifest} day={day} campaignId={campaignId} />}
      <Table<SortingList>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={group.lists}
        expandable={{
          expandedRowRender: (l: SortingList) => (
            <Table
              rowKey="productId"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={l.lines}
              columns={[
                { title: t('ops.po.product'), dataIndex: 'productName' },
                { title: t('ops.po.unit'), dataIndex: 'unit' },
                {
                  title: t('ops.sorting.zone'),
                  dataIndex: 'temperatureZone',
                  render: (z: string) => t(`ops.zone.${z}`, { defaultValue: z }),
                },
                { title: t('ops.sorting.ordered'), dataIndex: 'orderedQuantity', align: 'right' },
                {
                  title: t('ops.sorting.toSort'),
                  dataIndex: 'quantity',
                  align: 'right',
                  render: (v: number) => <strong>{v}</strong>,
                },
                {
                  title: t('ops.sorting.received'),
                  dataIndex: 'receivedQuantity',
                  align: 'right',
                  render: (v: number | null) => (v === null ? '—' : v),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('ops.sorting.point'), dataIndex: 'pickupPointName' },
          { title: t('ops.campaign.status'), dataIndex: 'status', render: (s: string) => <SortingStatus status={s} /> },
          {
            title: t('ops.sorting.products'),
            key: 'products',
            align: 'right',
            render: (_: unknown, l: SortingList) => l.lines.length,
          },
          {
            title: t('ops.sorting.units'),
            key: 'units',
            align: 'right',
            render: (_: unknown, l: SortingList) => units(l),
          },
          { title: t('ops.sorting.arrivedAt'), dataIndex: 'arrivedAt', render: dateTime },
        ]}
      />
    </Card>
  );
}

const celsius = (tenths: number) =>
  `${tenths < 0 ? '−' : ''}${Math.floor(Math.abs(tenths) / 10)}.${Math.abs(tenths) % 10} °C`;
/** −50.0 … 60.0 with at most one decimal, in tenths; null otherwise */
function parseTenths(text: string): number | null {
  const m = /^\s*([-−]?)(\d{1,2})(?:[.,](\d))?\s*$/.exec(text);
  if (!m) return null;
  const v = (m[1] ? -1 : 1) * (Number(m[2]) * 10 + Number(m[3] ?? 0));
  return v >= -500 && v <= 600 ? v : null;
}

/** 冷链: the route's readings on the pickup date (dispatch and every stop's arrival), and a dispatch reading to record. */
function ColdChainPanel({ manifest, day, campaignId }: { manifest: Manifest; day: string; campaignId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [zone, setZone] = useState<'chilled' | 'frozen'>('chilled');
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const record = useMutation({
    mutationFn: (tenths: number) =>
      api.post('/admin/temperature-readings', { routeId: manifest.routeId, day, zone, tenths }),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: ['manifests', campaignId] });
    },
  });
  return (
    <div data-testid="cold-chain" style={{ marginBottom: 12 }}>
      <Space wrap size="small" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('ops.cold.title')}</Typography.Text>
        {manifest.readings.length === 0 && <Typography.Text type="secondary">{t('ops.cold.none')}</Typography.Text>}
        {manifest.readings.map((r) => (
          <Tag key={r.id} color={r.inRange ? 'green' : 'red'} data-testid="cold-reading">
            {t(`ops.cold.stage_${r.stage}`)}
            {r.pickupPointName ? ` · ${r.pickupPointName}` : ''} · {t(`ops.zone.${r.zone}`)} {celsius(r.tenths)} ·{' '}
            {r.inRange ? t('ops.cold.ok') : t('ops.cold.breach')}
          </Tag>
        ))}
      </Space>
      {manifest.breachedZones.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="cold-breach"
          title={t('ops.cold.breachAlert', {
            zones: manifest.breachedZones.map((z) => t(`ops.zone.${z}`)).join('、'),
          })}
        />
      )}
      {/* narrows to a warehouse phone's width: the temperature field gives way first */}
      <Space.Compact style={{ display: 'flex', maxWidth: '100%' }}>
        <Select
          value={zone}
          onChange={setZone}
          style={{ width: 90 }}
          aria-label={t('ops.sorting.zone')}
          options={(['chilled', 'frozen'] as const).map((z) => ({ value: z, label: t(`ops.zone.${z}`) }))}
        />
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('ops.cold.temperature')}
          aria-label={t('ops.cold.temperature')}
          inputMode="decimal"
          style={{ flex: '1 1 auto', minWidth: 0, maxWidth: 140 }}
          data-testid="cold-temperature"
          onPressEnter={() => {
            const v = parseTenths(text);
            setInvalid(v === null);
            if (v !== null) record.mutate(v);
          }}
        />
        <Button
          loading={record.isPending}
          data-testid="cold-record"
          onClick={() => {
            const v = parseTenths(text);
            setInvalid(v === null);
            if (v !== null) record.mutate(v);
          }}
        >
          {t('ops.cold.record')}
        </Button>
      </Space.Compact>
      {invalid && <Typography.Text type="danger"> {t('ops.cold.invalid')}</Typography.Text>}
      {record.isError && <Typography.Text type="danger"> {errorText(record.error)}</Typography.Text>}
    </div>
  );
}
