import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { EChartsCoreOption } from 'echarts/core';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';
import { api } from '../api';
import { Chart } from '../components/Chart';
import { QueryState } from '../components/State';
import { downloadExport } from '../download';
import { usePickupPoints } from '../setup/queries';

type Overview = Answer<'/admin/rfm'>;
type Saved = Answer<'/admin/customer-segments'>[number];
type Members = Answer<'/admin/customer-segments/{id}/members'>;
type Member = Members['items'][number];
type Definition = Saved['definition'];
type Condition = Definition['conditions'][number];
type Field = Condition['field'];

const SEGMENTS = [
  'important_value',
  'important_winback',
  'important_develop',
  'important_retain',
  'potential',
  'new',
  'general_maintain',
  'lost',
  'registered_no_order',
] as const;
const BANDS = ['none', 'low', 'medium', 'high'] as const;
const CATEGORIES = ['fresh', 'meat_eggs', 'seafood', 'dairy', 'grain_oil', 'snacks', 'daily'] as const;
const FIELDS: Field[] = [
  'segment',
  'rScore',
  'fScore',
  'mScore',
  'daysSinceLastOrder',
  'frequency',
  'monetaryFen',
  'region',
  'pickupPoint',
  'topCategory',
  'priceSensitivity',
  'member',
  'dormant',
];
const RANGE: Field[] = ['rScore', 'fScore', 'mScore', 'daysSinceLastOrder', 'frequency', 'monetaryFen'];

/** A new condition of a field, with a value that already counts something. */
function blank(field: Field): Condition {
  switch (field) {
    case 'segment':
      return { field, in: ['important_winback'] };
    case 'region':
    case 'pickupPoint':
      return { field, in: [] } as unknown as Condition;
    case 'topCategory':
      return { field, in: ['fresh'] };
    case 'priceSensitivity':
      return { field, in: ['high'] };
    case 'member':
    case 'dormant':
      return { field, is: true };
    case 'daysSinceLastOrder':
      return { field, min: 30 };
    default:
      return { field, min: 3 } as Condition;
  }
}

/** The conditions the server can count: lists with at least one entry, ranges with a bound. */
const complete = (c: Condition) =>
  'in' in c ? c.in.length > 0 : 'is' in c ? true : c.min !== undefined || c.max !== undefined;

/**
 * 客户分群: customers per RFM segment as of the last nightly run, where this week's came from
 * (the movement since last week's snapshot), the segment builder with its live count, saved
 * segments and their customers. Every figure is the server's.
 */
export default function Segments() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [regionId, setRegionId] = useState<string | undefined>();
  const segName = useCallback(
    (s: string | null) => (s === null ? t('ops.segments.nowhere') : t(`ops.segments.names.${s}`)),
    [t],
  );
  const regions = useQuery({
    queryKey: ['regions'],
    queryFn: () => api.get<Answer<'/admin/regions'>>('/admin/regions'),
  });
  const points = usePickupPoints();
  const overview = useQuery({
    queryKey: ['rfm', regionId],
    queryFn: () => api.get<Overview>(`/admin/rfm${regionId ? `?regionId=${regionId}` : ''}`),
  });
  const [busy, setBusy] = useState(false);
  async function exportFile(path: string, params: Record<string, string> = {}) {
    setBusy(true);
    try {
      await downloadExport(path, params);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const sizes = useMemo<EChartsCoreOption>(() => {
    const items = overview.data?.segments ?? [];
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 24, bottom: 72 },
      xAxis: { type: 'category', data: items.map((s) => segName(s.segment)), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', name: t('ops.segments.customers') },
      series: [{ type: 'bar', name: t('ops.segments.customers'), data: items.map((s) => s.customers) }],
    };
  }, [overview.data, segName, t]);

  const froms = useMemo(() => {
    const seen = new Set((overview.data?.movement ?? []).map((m) => m.from));
    return [...SEGMENTS, null].filter((s) => seen.has(s as never));
  }, [overview.data]);
  const movement = useMemo<EChartsCoreOption>(() => {
    const moves = overview.data?.movement ?? [];
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 16, top: 48, bottom: 72 },
      xAxis: { type: 'category', data: SEGMENTS.map((s) => segName(s)), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value' },
      series: froms.map((from) => ({
        type: 'bar',
        stack: 'from',
        name: segName(from),
        data: SEGMENTS.map((to) => moves.find((m) => m.from === from && m.to === to)?.customers ?? 0),
      })),
    };
  }, [overview.data, froms, segName]);

  const matrixRows = froms.map((from) => {
    const row: Record<string, number | string | null> = { from };
    for (const to of SEGMENTS)
      row[to] = overview.data?.movement.find((m) => m.from === from && m.to === to)?.customers ?? 0;
    return row;
  });

  // ------------------------------------------------------------ builder
  const [match, setMatch] = useState<'all' | 'any'>('all');
  const [conditions, setConditions] = useState<Condition[]>([{ field: 'dormant', is: true }]);
  const [name, setName] = useState('');
  const definition: Definition = useMemo(
    () => ({ match, conditions: conditions.filter(complete) }),
    [match, conditions],
  );
  const [debounced, setDebounced] = useState(definition);
  useEffect(() => {
    const id = setTimeout(() => setDebounced(definition), 250);
    return () => clearTimeout(id);
  }, [definition]);
  const count = useQuery({
    queryKey: ['segment-count', debounced, regionId],
    queryFn: () =>
      api.post<Answer<'/admin/customer-segments/count', 'post'>>('/admin/customer-segments/count', {
        definition: debounced,
        ...(regionId ? { regionId } : {}),
      }),
    placeholderData: (prev) => prev,
  });
  const save = useMutation({
    mutationFn: () =>
      api.post<Saved>('/admin/customer-segments', { name: name.trim(), regionId: regionId ?? null, definition }),
    onSuccess: () => {
      void message.success(t('ops.segments.saved'));
      setName('');
      void qc.invalidateQueries({ queryKey: ['segments'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/admin/customer-segments/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['segments'] }),
    onError: (err) => void message.error(errorText(err)),
  });
  const saved = useQuery({ queryKey: ['segments'], queryFn: () => api.get<Saved[]>('/admin/customer-segments') });

  const setCondition = (i: number, c: Condition) => setConditions((cs) => cs.map((x, j) => (j === i ? c : x)));
  const regionOptions = (regions.data ?? []).map((r) => ({ value: r.id, label: r.name }));
  const pointOptions = ((points.data ?? []) as { id: string; name: string }[]).map((p) => ({
    value: p.id,
    label: p.name,
  }));
  const valueEditor = (c: Condition, i: number) => {
    if (RANGE.includes(c.field)) {
      const r = c as { field: Field; min?: number; max?: number };
      const isScore = c.field.endsWith('Score');
      const scale = c.field === 'monetaryFen' ? 100 : 1;
      const bound = (key: 'min' | 'max') => (
        <InputNumber
          min={isScore ? 1 : 0}
          max={isScore ? 5 : undefined}
          value={r[key] === undefined ? null : r[key]! / scale}
          placeholder={t(`ops.segments.${key}`)}
          onChange={(v) =>
            setCondition(i, { ...r, [key]: v === null ? undefined : Math.round(Number(v) * scale) } as Condition)
          }
          data-testid={`condition-${i}-${key}`}
        />
      );
      return (
        <Space>
          {bound('min')}–{bound('max')}
        </Space>
      );
    }
    if ('is' in c)
      return (
        <Select
          style={{ width: 100 }}
          value={c.is}
          onChange={(v) => setCondition(i, { ...c, is: v })}
          options={[
            { value: true, label: t('ops.segments.yes') },
            { value: false, label: t('ops.segments.no') },
          ]}
          data-testid={`condition-${i}-is`}
        />
      );
    const options =
      c.field === 'segment'
        ? SEGMENTS.map((s) => ({ value: s, label: segName(s) }))
        : c.field === 'priceSensitivity'
          ? BANDS.map((b) => ({ value: b, label: t(`ops.segments.bands.${b}`) }))
          : c.field === 'topCategory'
            ? CATEGORIES.map((k) => ({ value: k, label: t(`ops.segments.categories.${k}`) }))
            : c.field === 'region'
              ? regionOptions
              : pointOptions;
    return (
      <Select
        mode="multiple"
        style={{ minWidth: 260 }}
        value={(c as { in: string[] }).in}
        onChange={(v) => setCondition(i, { ...c, in: v } as Condition)}
        options={options}
        optionFilterProp="label"
        data-testid={`condition-${i}-in`}
      />
    );
  };

  // ------------------------------------------------------------ members
  const [open, setOpen] = useState<Saved | null>(null);
  const [members, setMembers] = useState<{ items: Member[]; next: string | null }>({ items: [], next: null });
  const [loadingMembers, setLoadingMembers] = useState(false);
  async function loadMembers(segment: Saved, cursor: string | null) {
    setLoadingMembers(true);
    try {
      const page = await api.get<Members>(
        `/admin/customer-segments/${segment.id}/members?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      );
      setMembers((m) => ({ items: cursor ? [...m.items, ...page.items] : page.items, next: page.nextCursor }));
      setOpen(segment);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setLoadingMembers(false);
    }
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.segments')}
      </Typography.Title>
      <Space wrap>
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('ops.segments.allRegions')}
          value={regionId}
          onChange={setRegionId}
          options={regionOptions}
          data-testid="segments-region"
        />
        {overview.data?.asOf && <Tag color="blue">{t('ops.segments.asOf', { date: overview.data.asOf })}</Tag>}
        <Button
          loading={busy}
          onClick={() => void exportFile('/admin/rfm/export.xlsx', regionId ? { regionId } : {})}
          data-testid="rfm-export"
        >
          {t('ops.common.exportXlsx')}
        </Button>
      </Space>
      <QueryState query={overview} isEmpty={(d) => d.asOf === null} emptyText={t('ops.segments.notYet')}>
        {(data) => (
          <>
            <Space wrap size="large">
              <Card size="small">
                <Statistic
                  title={t('ops.segments.total')}
                  value={data.segments.reduce((s, x) => s + x.customers, 0)}
                  data-testid="rfm-total"
                />
              </Card>
              <Card size="small">
                <Statistic title={t('ops.segments.dormant')} value={data.segments.reduce((s, x) => s + x.dormant, 0)} />
              </Card>
            </Space>
            <Card title={t('ops.segments.sizes')}>
              <Chart option={sizes} label={t('ops.segments.sizes')} testId="chart-segments" />
              <Table
                rowKey="segment"
                size="small"
                pagination={false}
                dataSource={data.segments}
                data-testid="segments-table"
                columns={[
                  { title: t('ops.segments.segment'), dataIndex: 'segment', render: (s: string) => segName(s) },
                  { title: t('ops.segments.customers'), dataIndex: 'customers', align: 'right' },
                  {
                    title: t('ops.segments.monetary'),
                    dataIndex: 'monetaryFen',
                    align: 'right',
                    render: (f: number) => yuan(f),
                  },
                  { title: t('ops.segments.dormant'), dataIndex: 'dormant', align: 'right' },
                ]}
              />
            </Card>
            <Card title={t('ops.segments.movement')}>
              {data.previousWeekCustomers === 0 && (
                <Typography.Paragraph type="secondary">{t('ops.segments.noLastWeek')}</Typography.Paragraph>
              )}
              <Chart option={movement} label={t('ops.segments.movement')} testId="chart-movement" />
              <Table
                rowKey={(r) => String(r.from)}
                size="small"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={matrixRows}
                data-testid="movement-table"
                columns={[
                  {
                    title: t('ops.segments.fromTo'),
                    dataIndex: 'from',
                    fixed: 'left',
                    render: (s: string | null) => segName(s),
                  },
                  ...SEGMENTS.map((to) => ({
                    title: segName(to),
                    dataIndex: to,
                    align: 'right' as const,
                    render: (n: number, r: Record<string, unknown>) => (r.from === to ? <strong>{n}</strong> : n || ''),
                  })),
                ]}
              />
            </Card>
          </>
        )}
      </QueryState>

      <Card title={t('ops.segments.builder')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <span>{t('ops.segments.match')}</span>
            <Select
              value={match}
              onChange={setMatch}
              style={{ width: 160 }}
              options={[
                { value: 'all', label: t('ops.segments.matchAll') },
                { value: 'any', label: t('ops.segments.matchAny') },
              ]}
              data-testid="builder-match"
            />
            <div data-testid="builder-count" data-count={count.isFetching ? '' : (count.data?.customers ?? '')}>
              <Statistic
                title={t('ops.segments.liveCount')}
                value={count.data ? count.data.customers : '—'}
                suffix={count.data ? `/ ${count.data.outOf}` : undefined}
                loading={count.isPending}
              />
            </div>
          </Space>
          {conditions.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place
            <Space key={i} wrap data-testid={`condition-${i}`}>
              <Select
                style={{ width: 180 }}
                value={c.field}
                onChange={(f: Field) => setCondition(i, blank(f))}
                options={FIELDS.map((f) => ({ value: f, label: t(`ops.segments.fields.${f}`) }))}
                data-testid={`condition-${i}-field`}
              />
              {valueEditor(c, i)}
              <Button onClick={() => setConditions((cs) => cs.filter((_, j) => j !== i))}>
                {t('ops.segments.remove')}
              </Button>
            </Space>
          ))}
          <Space wrap>
            <Button
              onClick={() => setConditions((cs) => [...cs, blank('segment')])}
              disabled={conditions.length >= 20}
              data-testid="condition-add"
            >
              {t('ops.segments.add')}
            </Button>
            <Input
              style={{ width: 220 }}
              maxLength={60}
              placeholder={t('ops.segments.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              data-testid="segment-name"
            />
            <Button
              type="primary"
              disabled={!name.trim()}
              loading={save.isPending}
              onClick={() => save.mutate()}
              data-testid="segment-save"
            >
              {t('ops.segments.save')}
            </Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ maxWidth: 900, margin: 0 }}>
            {t('ops.segments.definition')}
          </Typography.Paragraph>
        </Space>
      </Card>

      <Card title={t('ops.segments.savedTitle')}>
        <QueryState query={saved} isEmpty={(d) => d.length === 0} emptyText={t('ops.segments.noneSaved')}>
          {(list) => (
            <Table<Saved>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={list}
              data-testid="saved-segments"
              columns={[
                { title: t('ops.segments.name'), dataIndex: 'name' },
                {
                  title: t('ops.segments.region'),
                  dataIndex: 'regionId',
                  render: (id: string | null) =>
                    id ? (regions.data?.find((r) => r.id === id)?.name ?? id) : t('ops.segments.allRegions'),
                },
                { title: t('ops.segments.customers'), dataIndex: 'customers', align: 'right' },
                {
                  title: t('ops.common.actions'),
                  key: 'actions',
                  render: (_: unknown, s: Saved) => (
                    <Space>
                      <Button size="small" onClick={() => void loadMembers(s, null)} data-testid="segment-members">
                        {t('ops.segments.members')}
                      </Button>
                      <Link to={`/targeted-campaigns?segmentId=${s.id}`} data-testid="segment-send-coupon">
                        {t('ops.targeting.fromSegment')}
                      </Link>
                      <Button
                        size="small"
                        loading={busy}
                        onClick={() => void exportFile(`/admin/customer-segments/${s.id}/members/export.xlsx`)}
                      >
                        {t('ops.common.exportXlsx')}
                      </Button>
                      <Popconfirm
                        title={t('ops.segments.deleteConfirm')}
                        okText={t('ops.segments.remove')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => remove.mutate(s.id)}
                      >
                        <Button size="small" danger>
                          {t('ops.segments.remove')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>

      {open && (
        <Card
          title={`${t('ops.segments.members')}: ${open.name}`}
          extra={
            <Button
              loading={busy}
              onClick={() => void exportFile(`/admin/customer-segments/${open.id}/members/export.xlsx`)}
            >
              {t('ops.common.exportXlsx')}
            </Button>
          }
        >
          <Table<Member>
            rowKey="userId"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={members.items}
            data-testid="segment-members-table"
            columns={[
              { title: t('ops.segments.customerId'), dataIndex: 'userId', render: (id: string) => id.slice(0, 8) },
              { title: t('ops.segments.region'), dataIndex: 'regionName' },
              { title: t('ops.segments.point'), dataIndex: 'pickupPointName' },
              { title: t('ops.segments.segment'), dataIndex: 'segment', render: (s: string) => segName(s) },
              {
                title: 'R/F/M',
                key: 'rfm',
                render: (_: unknown, m: Member) => (m.rScore === null ? '—' : `${m.rScore}/${m.fScore}/${m.mScore}`),
              },
              { title: t('ops.segments.fields.daysSinceLastOrder'), dataIndex: 'daysSinceLastOrder', align: 'right' },
              { title: t('ops.segments.fields.frequency'), dataIndex: 'frequency', align: 'right' },
              {
                title: t('ops.segments.monetary'),
                dataIndex: 'monetaryFen',
                align: 'right',
                render: (f: number) => yuan(f),
              },
              {
                title: t('ops.segments.fields.topCategory'),
                dataIndex: 'topCategory',
                render: (c: string | null) => (c ? t(`ops.segments.categories.${c}`, { defaultValue: c }) : '—'),
              },
              {
                title: t('ops.segments.fields.priceSensitivity'),
                dataIndex: 'priceSensitivity',
                render: (b: string | null) => (b ? t(`ops.segments.bands.${b}`) : '—'),
              },
              {
                title: t('ops.segments.tags'),
                key: 'tags',
                render: (_: unknown, m: Member) => (
                  <Space size={4}>
                    {m.member && <Tag color="gold">{t('ops.segments.fields.member')}</Tag>}
                    {m.dormant && <Tag color="red">{t('ops.segments.fields.dormant')}</Tag>}
                  </Space>
                ),
              },
            ]}
          />
          {members.next && (
            <Button block type="dashed" loading={loadingMembers} onClick={() => void loadMembers(open, members.next)}>
              {t('ops.segments.more')}
            </Button>
          )}
        </Card>
      )}
    </Space>
  );
}
