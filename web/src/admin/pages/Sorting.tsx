import type { ButtonProps } from 'antd';
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
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
                <RouteCard key={g.routeId} group={g} campaignId={choice.campaignId!} />
              ))}
            </Space>
          )}
        </QueryState>
      )}
    </Space>
  );
}

function RouteCard({ group, campaignId }: { group: RouteGroup; campaignId: string }) {
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
