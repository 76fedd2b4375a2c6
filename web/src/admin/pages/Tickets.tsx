import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Image,
  Input,
  Rate,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';
import { usePagedList } from '../../shared/paging';
import { usePrivateImage } from '../../shared/private-image';
import { useSession } from '../../shared/session';
import { api, consoleRoles } from '../api';
import { Chart } from '../components/Chart';
import { ReportToolbar } from '../components/ReportToolbar';
import { LoadMore, QueryState } from '../components/State';
import { dateTime } from '../format';
import { mayOpen, TEAMS } from '../nav';

type Ticket = Answer<'/admin/tickets'>[number];
type TicketDetail = Answer<'/admin/tickets/{id}'>;
type Clock = Ticket['clocks']['firstResponse'];
type Canned = Answer<'/admin/canned-replies'>[number];
type ServiceReport = Answer<'/admin/service/report'>;
type ReasonRow = Answer<'/admin/service/return-reasons'>[number];

const SERVICE_TEAMS = ['presale', 'aftersales', 'logistics', 'technical', 'escalation'] as const;
const STATUS_COLOURS: Record<string, string> = {
  open: 'blue',
  in_progress: 'processing',
  waiting_customer: 'gold',
  resolved: 'green',
  closed: 'default',
};
const REASONS = ['quality', 'description_mismatch', 'logistics_delay', 'missing', 'wrong_item', 'other'] as const;

/**
 * 客服工单: the service desk's queue (by status, team, holder, escalation), a ticket's timeline with
 * replies from the 话术库, and the desk's numbers: response and resolution times against the SLA
 * per team and agent, volume and satisfaction, and the return reasons per product and supplier.
 */
export default function Tickets() {
  const { t } = useTranslation();
  const held = consoleRoles(useSession(api)?.user.roles);
  const items = [
    ...(mayOpen(held, TEAMS.service) ? [{ key: 'queue', label: t('ops.tickets.queue'), children: <Queue /> }] : []),
    ...(mayOpen(held, TEAMS.serviceReports)
      ? [{ key: 'report', label: t('ops.tickets.report'), children: <Report /> }]
      : []),
    ...(mayOpen(held, TEAMS.returnReasons)
      ? [{ key: 'reasons', label: t('ops.tickets.reasons'), children: <Reasons /> }]
      : []),
    ...(mayOpen(held, TEAMS.service)
      ? [{ key: 'canned', label: t('ops.tickets.canned'), children: <CannedReplies /> }]
      : []),
  ];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.tickets')}
      </Typography.Title>
      <Tabs items={items} />
    </Space>
  );
}

/** A clock as the agent reads it: met (on time or late), breached, or due at. */
function ClockTag({ clock, label }: { clock: Clock; label: string }) {
  const { t } = useTranslation();
  const colour = clock.breached ? 'red' : clock.metAt ? 'green' : 'default';
  const text = clock.metAt
    ? t(clock.breached ? 'ops.tickets.metLate' : 'ops.tickets.met', { at: dateTime(clock.metAt) })
    : t(clock.breached ? 'ops.tickets.breachedDue' : 'ops.tickets.due', { at: dateTime(clock.dueAt) });
  return (
    <Tag color={colour} data-testid="ticket-clock" data-breached={clock.breached ? 'true' : 'false'}>
      {label} {text}
    </Tag>
  );
}

function Queue() {
  const { t } = useTranslation();
  const [show, setShow] = useState<'active' | 'mine' | 'none' | 'escalated' | 'resolved' | 'all'>('active');
  const [team, setTeam] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const params = new URLSearchParams();
  if (show === 'active') params.set('status', 'active');
  if (show === 'mine') params.set('assignee', 'me');
  if (show === 'none') {
    params.set('assignee', 'none');
    params.set('status', 'active');
  }
  if (show === 'escalated') params.set('escalated', 'true');
  if (show === 'resolved') params.set('status', 'resolved');
  if (team) params.set('team', team);
  if (q.trim()) params.set('q', q.trim());
  const query = params.toString();
  const list = usePagedList<Ticket>(api, ['admin-tickets', query], `/admin/tickets${query ? `?${query}` : ''}`);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented
          value={show}
          onChange={(v) => setShow(v as typeof show)}
          data-testid="tickets-filter"
          options={(['active', 'mine', 'none', 'escalated', 'resolved', 'all'] as const).map((v) => ({
            value: v,
            label: t(`ops.tickets.show_${v}`),
          }))}
        />
        <Select
          allowClear
          placeholder={t('ops.tickets.team')}
          style={{ width: 140 }}
          value={team}
          onChange={setTeam}
          options={SERVICE_TEAMS.map((v) => ({ value: v, label: t(`ops.tickets.team_${v}`) }))}
          aria-label={t('ops.tickets.team')}
        />
        <Input.Search
          allowClear
          placeholder={t('ops.tickets.search')}
          onSearch={setQ}
          style={{ width: 260 }}
          maxLength={40}
          aria-label={t('ops.tickets.search')}
        />
      </Space>
      <QueryState query={list.view} isEmpty={(d) => d.length === 0} emptyText={t('ops.tickets.empty')}>
        {(data) => (
          <Table<Ticket>
            rowKey="id"
            dataSource={data}
            pagination={false}
            data-testid="tickets-table"
            footer={() => <LoadMore query={list.query} />}
            onRow={(r) =>
              ({
                'data-testid': `ticket-row-${r.number}`,
                onClick: () => setOpen(r.id),
                style: { cursor: 'pointer' },
              }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              {
                title: t('ops.tickets.number'),
                dataIndex: 'number',
                render: (v: string, r: Ticket) => (
                  <Space size={4}>
                    <span>{v}</span>
                    {r.escalated && <Tag color="red">{t('ops.tickets.escalated')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('ops.tickets.category'),
                key: 'category',
                render: (_: unknown, r: Ticket) => (
                  <Space orientation="vertical" size={0}>
                    <span>{t(`ops.tickets.category_${r.category}`)}</span>
                    <Typography.Text type="secondary">{t(`ops.tickets.team_${r.team}`)}</Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('ops.tickets.text'),
                dataIndex: 'text',
                ellipsis: true,
                width: 260,
              },
              {
                title: t('ops.tickets.opener'),
                key: 'opener',
                render: (_: unknown, r: Ticket) => (
                  <Space size={4}>
                    {r.openerRole === 'leader' && <Tag color="purple">{t('ops.tickets.leader')}</Tag>}
                    <span>
                      {r.openerName} {r.openerPhone}
                    </span>
                  </Space>
                ),
              },
              {
                title: t('ops.tickets.status'),
                dataIndex: 'status',
                render: (v: string) => (
                  <Tag color={STATUS_COLOURS[v]} data-testid="ticket-status">
                    {t(`ops.tickets.status_${v}`)}
                  </Tag>
                ),
              },
              {
                title: t('ops.tickets.clocks'),
                key: 'clocks',
                render: (_: unknown, r: Ticket) => (
                  <Space orientation="vertical" size={2}>
                    <ClockTag clock={r.clocks.firstResponse} label={t('ops.tickets.clock_firstResponse')} />
                    <ClockTag clock={r.clocks.close} label={t('ops.tickets.clock_close')} />
                  </Space>
                ),
              },
              { title: t('ops.tickets.assignee'), dataIndex: 'assigneeName', render: (v: string | null) => v ?? '—' },
              { title: t('ops.tickets.createdAt'), dataIndex: 'createdAt', render: dateTime },
            ]}
          />
        )}
      </QueryState>
      <TicketDrawer id={open} onClose={() => setOpen(null)} />
    </Space>
  );
}

function Photo({ photo }: { photo: { url: string; thumbUrl: string } }) {
  const thumb = usePrivateImage(api, photo.thumbUrl);
  const full = usePrivateImage(api, photo.url);
  return thumb ? <Image src={thumb} preview={full ? { src: full } : false} width={64} height={64} /> : null;
}

function TicketDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useSession(api)?.user.id;
  const ticket = useQuery({
    queryKey: ['admin-ticket', id],
    queryFn: () => api.get<TicketDetail>(`/admin/tickets/${id}`),
    enabled: id !== null,
  });
  const staff = useQuery({
    queryKey: ['service-staff'],
    queryFn: () => api.get<Answer<'/admin/service/staff'>>('/admin/service/staff'),
    enabled: id !== null,
  });
  const team = ticket.data?.team;
  const canned = useQuery({
    queryKey: ['canned-replies', team],
    queryFn: () => api.get<Canned[]>(`/admin/canned-replies?team=${team}`),
    enabled: !!team,
  });
  const [kind, setKind] = useState<'reply' | 'ask' | 'plan' | 'note' | 'resolve'>('reply');
  const [text, setText] = useState('');
  const act = useMutation({
    mutationFn: (v: { path: string; body: unknown }) =>
      api.post<TicketDetail>(`/admin/tickets/${id}/${v.path}`, v.body),
    onSuccess: (data) => {
      qc.setQueryData(['admin-ticket', id], data);
      void qc.invalidateQueries({ queryKey: ['admin-tickets'] });
      setText('');
      void message.success(t('ops.tickets.saved'));
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const send = () =>
    kind === 'resolve'
      ? act.mutate({ path: 'resolve', body: { text: text.trim() } })
      : act.mutate({ path: 'messages', body: { kind, text: text.trim() } });
  const d = ticket.data;
  const finished = d?.status === 'resolved' || d?.status === 'closed';
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size="large"
      title={d ? `${d.number} · ${t(`ops.tickets.category_${d.category}`)}` : t('ops.tickets.ticket')}
      data-testid="ticket-drawer"
    >
      <QueryState query={ticket}>
        {(tk) => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t('ops.tickets.status')}>
                <Tag color={STATUS_COLOURS[tk.status]} data-testid="drawer-status">
                  {t(`ops.tickets.status_${tk.status}`)}
                </Tag>
                {tk.escalated && <Tag color="red">{t('ops.tickets.escalated')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('ops.tickets.team')}>{t(`ops.tickets.team_${tk.team}`)}</Descriptions.Item>
              <Descriptions.Item label={t('ops.tickets.opener')}>
                {tk.openerName} {tk.openerPhone}
                {tk.openerRole === 'leader' && <Tag color="purple">{t('ops.tickets.leader')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('ops.tickets.order')}>{tk.orderNumber ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('ops.tickets.clocks')} span={2}>
                <Space wrap size={4}>
                  {(['firstResponse', 'plan', 'close'] as const).map((c) => (
                    <ClockTag key={c} clock={tk.clocks[c]} label={t(`ops.tickets.clock_${c}`)} />
                  ))}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('ops.tickets.assignee')} span={2}>
                <Space>
                  <Select
                    style={{ width: 180 }}
                    allowClear
                    value={tk.assigneeId ?? undefined}
                    placeholder={t('ops.tickets.nobody')}
                    options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                    onChange={(v) => act.mutate({ path: 'assign', body: { assigneeId: v ?? null } })}
                    aria-label={t('ops.tickets.assignee')}
                    data-testid="ticket-assignee"
                  />
                  {me && tk.assigneeId !== me && (
                    <Button size="small" onClick={() => act.mutate({ path: 'assign', body: { assigneeId: me } })}>
                      {t('ops.tickets.takeIt')}
                    </Button>
                  )}
                </Space>
              </Descriptions.Item>
              {tk.rating !== null && (
                <Descriptions.Item label={t('ops.tickets.rating')} span={2}>
                  <Rate disabled value={tk.rating} style={{ fontSize: 14 }} /> {tk.ratingComment ?? ''}
                </Descriptions.Item>
              )}
            </Descriptions>
            <Timeline
              data-testid="ticket-timeline"
              items={tk.events.map((e) => ({
                color:
                  e.kind === 'breached'
                    ? 'red'
                    : e.actorRole === 'agent'
                      ? 'blue'
                      : e.kind === 'note'
                        ? 'gray'
                        : 'green',
                children: (
                  <div data-testid="ticket-event" data-kind={e.kind}>
                    <Typography.Text strong>
                      {t(`ops.tickets.event_${e.kind}`, { defaultValue: e.kind })}
                      {e.actorName ? ` · ${e.actorName}` : ''}
                    </Typography.Text>{' '}
                    <Typography.Text type="secondary">{dateTime(e.at)}</Typography.Text>
                    {e.body && <div style={{ whiteSpace: 'pre-wrap' }}>{e.body}</div>}
                    {e.kind === 'breached' && <div>{t(`ops.tickets.clock_${String(e.details?.clock)}`)}</div>}
                    {(e.kind === 'claim' || e.kind.startsWith('refund_')) && e.details && (
                      <div>
                        {t(`ops.tickets.reason_${String(e.details.reason ?? '')}`, { defaultValue: '' })}{' '}
                        {yuan(Number(e.details.amountFen ?? 0))}
                      </div>
                    )}
                    {e.kind === 'rated' && <Rate disabled value={Number(e.details?.rating)} style={{ fontSize: 12 }} />}
                    {e.photos.length > 0 && (
                      <Image.PreviewGroup>
                        <Space size={4}>
                          {e.photos.map((p) => (
                            <Photo key={p.id} photo={p} />
                          ))}
                        </Space>
                      </Image.PreviewGroup>
                    )}
                  </div>
                ),
              }))}
            />
            {tk.status === 'closed' || tk.status === 'resolved' ? (
              <Button onClick={() => act.mutate({ path: 'reopen', body: {} })} data-testid="ticket-reopen">
                {t('ops.tickets.reopen')}
              </Button>
            ) : null}
            {!finished && (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Segmented
                  value={kind}
                  onChange={(v) => setKind(v as typeof kind)}
                  data-testid="ticket-kind"
                  options={(['reply', 'ask', 'plan', 'note', 'resolve'] as const).map((v) => ({
                    value: v,
                    label: t(`ops.tickets.kind_${v}`),
                  }))}
                />
                <Select
                  style={{ width: '100%' }}
                  placeholder={t('ops.tickets.pickCanned')}
                  value={null}
                  options={(canned.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
                  onChange={(v) => {
                    const c = canned.data?.find((x) => x.id === v);
                    if (c) setText((old) => (old ? `${old}\n${c.body}` : c.body));
                  }}
                  aria-label={t('ops.tickets.pickCanned')}
                  data-testid="ticket-canned"
                />
                <Input.TextArea
                  rows={3}
                  maxLength={2000}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  placeholder={t(`ops.tickets.placeholder_${kind}`)}
                  aria-label={t('ops.tickets.text')}
                  data-testid="ticket-text"
                />
                <Button
                  type="primary"
                  disabled={!text.trim()}
                  loading={act.isPending}
                  onClick={send}
                  data-testid="ticket-send"
                >
                  {t(`ops.tickets.send_${kind}`)}
                </Button>
              </Space>
            )}
          </Space>
        )}
      </QueryState>
    </Drawer>
  );
}

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
const minutes = (v: number | null) => (v === null ? '—' : String(v));

function Report() {
  const { t } = useTranslation();
  const [by, setBy] = useState<'team' | 'agent'>('team');
  const [days, setDays] = useState(30);
  const report = useQuery({
    queryKey: ['service-report', by, days],
    queryFn: () => api.get<ServiceReport>(`/admin/service/report?by=${by}&days=${days}`),
  });
  const name = (r: ServiceReport['rows'][number]) =>
    by === 'team' ? t(`ops.tickets.team_${r.key}`) : (r.name ?? r.key);
  const chart = ((): EChartsCoreOption | null => {
    const rows = report.data?.rows ?? [];
    if (!rows.length) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: {},
      grid: { left: 48, right: 16, bottom: 32, top: 40 },
      xAxis: { type: 'category', data: rows.map(name) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('ops.tickets.firstWithin'),
          type: 'bar',
          data: rows.map((r) =>
            r.firstResponse.withinSla === null ? null : Math.round(r.firstResponse.withinSla * 1000) / 10,
          ),
        },
        {
          name: t('ops.tickets.closeWithin'),
          type: 'bar',
          data: rows.map((r) =>
            r.resolution.withinSla === null ? null : Math.round(r.resolution.withinSla * 1000) / 10,
          ),
        },
      ],
    };
  })();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ReportToolbar
        by={by}
        onBy={setBy}
        byOptions={[
          { value: 'team', label: t('ops.tickets.byTeam') },
          { value: 'agent', label: t('ops.tickets.byAgent') },
        ]}
        days={days}
        onDays={setDays}
        exportPath="/admin/service/report.xlsx"
        testId="service-report"
      />
      <QueryState query={report} isEmpty={(d) => d.rows.length === 0} emptyText={t('ops.tickets.empty')}>
        {(data) => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {chart && <Chart option={chart} label={t('ops.tickets.report')} height={260} testId="service-chart" />}
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={data.rows}
              data-testid="service-report"
              columns={[
                {
                  title: t(by === 'team' ? 'ops.tickets.team' : 'ops.tickets.agent'),
                  key: 'name',
                  render: (_, r) => name(r),
                },
                { title: t('ops.tickets.count'), dataIndex: 'tickets' },
                { title: t('ops.tickets.openCount'), dataIndex: 'open' },
                {
                  title: t('ops.tickets.firstMedianP90'),
                  key: 'first',
                  render: (_, r) =>
                    `${minutes(r.firstResponse.medianMinutes)} / ${minutes(r.firstResponse.p90Minutes)}`,
                },
                { title: t('ops.tickets.firstWithin'), key: 'fw', render: (_, r) => pct(r.firstResponse.withinSla) },
                {
                  title: t('ops.tickets.resolveMedianP90'),
                  key: 'resolve',
                  render: (_, r) => `${minutes(r.resolution.medianMinutes)} / ${minutes(r.resolution.p90Minutes)}`,
                },
                { title: t('ops.tickets.closeWithin'), key: 'cw', render: (_, r) => pct(r.resolution.withinSla) },
                {
                  title: t('ops.tickets.satisfaction'),
                  key: 'rating',
                  render: (_, r) => (r.averageRating === null ? '—' : `${r.averageRating} (${r.rated})`),
                },
              ]}
            />
            <Typography.Title level={5}>{t('ops.tickets.volume')}</Typography.Title>
            <Table
              rowKey="category"
              size="small"
              pagination={false}
              dataSource={data.categories}
              columns={[
                {
                  title: t('ops.tickets.category'),
                  dataIndex: 'category',
                  render: (v: string) => t(`ops.tickets.category_${v}`),
                },
                { title: t('ops.tickets.count'), dataIndex: 'tickets' },
                { title: t('ops.tickets.openCount'), dataIndex: 'open' },
                {
                  title: t('ops.tickets.satisfaction'),
                  key: 'rating',
                  render: (_, r) => (r.averageRating === null ? '—' : `${r.averageRating} (${r.rated})`),
                },
              ]}
            />
          </Space>
        )}
      </QueryState>
    </Space>
  );
}

function Reasons() {
  const { t } = useTranslation();
  const [by, setBy] = useState<'product' | 'supplier'>('product');
  const [days, setDays] = useState(30);
  const report = useQuery({
    queryKey: ['return-reasons', by, days],
    queryFn: () => api.get<ReasonRow[]>(`/admin/service/return-reasons?by=${by}&days=${days}`),
  });
  const chart = useMemo<EChartsCoreOption | null>(() => {
    const rows = report.data ?? [];
    if (!rows.length) return null;
    return {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          data: REASONS.map((r) => ({
            name: t(`ops.tickets.reason_${r}`),
            value: rows.reduce((s, x) => s + x.byReason[r], 0),
          })).filter((x) => x.value > 0),
        },
      ],
    };
  }, [report.data, t]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ReportToolbar
        by={by}
        onBy={setBy}
        byOptions={[
          { value: 'product', label: t('ops.reviews.byProduct') },
          { value: 'supplier', label: t('ops.reviews.bySupplier') },
        ]}
        days={days}
        onDays={setDays}
        exportPath="/admin/service/return-reasons.xlsx"
        testId="return-reasons"
      />
      <QueryState query={report} isEmpty={(d) => d.length === 0} emptyText={t('ops.tickets.noClaims')}>
        {(rows) => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {chart && <Chart option={chart} label={t('ops.tickets.reasons')} height={260} testId="reasons-chart" />}
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={rows}
              data-testid="return-reasons"
              columns={[
                { title: t(by === 'product' ? 'ops.reviews.product' : 'ops.reviews.supplier'), dataIndex: 'name' },
                { title: t('ops.tickets.claims'), dataIndex: 'claims' },
                { title: t('ops.tickets.units'), dataIndex: 'units' },
                { title: t('ops.tickets.refunded'), dataIndex: 'refundedFen', render: (v: number) => yuan(v) },
                ...REASONS.map((r) => ({
                  title: t(`ops.tickets.reason_${r}`),
                  key: r,
                  render: (_: unknown, x: ReasonRow) => x.byReason[r] || '',
                })),
              ]}
            />
          </Space>
        )}
      </QueryState>
    </Space>
  );
}

function CannedReplies() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mayEdit = mayOpen(consoleRoles(useSession(api)?.user.roles), TEAMS.serviceLead);
  const list = useQuery({ queryKey: ['canned-replies'], queryFn: () => api.get<Canned[]>('/admin/canned-replies') });
  const [editing, setEditing] = useState<{
    id: string | null;
    team: string | null;
    title: string;
    body: string;
  } | null>(null);
  const save = useMutation({
    mutationFn: (v: NonNullable<typeof editing>) =>
      v.id
        ? api.put(`/admin/canned-replies/${v.id}`, { team: v.team, title: v.title, body: v.body })
        : api.post('/admin/canned-replies', { team: v.team, title: v.title, body: v.body }),
    onSuccess: () => {
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['canned-replies'] });
      void message.success(t('ops.tickets.saved'));
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/admin/canned-replies/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['canned-replies'] }),
    onError: (err) => void message.error(errorText(err)),
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {mayEdit && (
        <Button onClick={() => setEditing({ id: null, team: null, title: '', body: '' })} data-testid="canned-add">
          {t('ops.tickets.addCanned')}
        </Button>
      )}
      {editing && (
        <Space orientation="vertical" style={{ width: '100%', maxWidth: 640 }}>
          <Space>
            <Select
              style={{ width: 160 }}
              value={editing.team ?? 'all'}
              onChange={(v) => setEditing({ ...editing, team: v === 'all' ? null : v })}
              options={[
                { value: 'all', label: t('ops.tickets.everyTeam') },
                ...SERVICE_TEAMS.map((v) => ({ value: v, label: t(`ops.tickets.team_${v}`) })),
              ]}
              aria-label={t('ops.tickets.team')}
            />
            <Input
              value={editing.title}
              maxLength={60}
              placeholder={t('ops.tickets.cannedTitle')}
              onChange={(e) => setEditing({ ...editing, title: e.target.value })}
              aria-label={t('ops.tickets.cannedTitle')}
            />
          </Space>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            value={editing.body}
            onChange={(e) => setEditing({ ...editing, body: e.target.value })}
            aria-label={t('ops.tickets.text')}
          />
          <Space>
            <Button
              type="primary"
              disabled={!editing.title.trim() || !editing.body.trim()}
              loading={save.isPending}
              onClick={() => save.mutate({ ...editing, title: editing.title.trim(), body: editing.body.trim() })}
            >
              {t('ops.tickets.save')}
            </Button>
            <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
          </Space>
        </Space>
      )}
      <QueryState query={list} isEmpty={(d) => d.length === 0} emptyText={t('ops.tickets.noCanned')}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={rows}
            columns={[
              {
                title: t('ops.tickets.team'),
                dataIndex: 'team',
                render: (v: string | null) => (v ? t(`ops.tickets.team_${v}`) : t('ops.tickets.everyTeam')),
              },
              { title: t('ops.tickets.cannedTitle'), dataIndex: 'title' },
              { title: t('ops.tickets.text'), dataIndex: 'body' },
              ...(mayEdit
                ? [
                    {
                      title: t('ops.common.actions'),
                      key: 'actions',
                      render: (_: unknown, r: Canned) => (
                        <Space>
                          <Button size="small" onClick={() => setEditing({ ...r })}>
                            {t('ops.tickets.edit')}
                          </Button>
                          <Button size="small" danger onClick={() => remove.mutate(r.id)}>
                            {t('ops.tickets.remove')}
                          </Button>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}
