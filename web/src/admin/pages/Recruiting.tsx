import { useState } from 'react';
import {
  App,
  Button,
  Checkbox,
  Form,
  Image,
  Input,
  InputNumber,
  Modal,
  Radio,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { useSession } from '../../shared/session';
import { api, consoleRoles } from '../api';
import { QueryState } from '../components/State';
import { downloadExport } from '../download';
import { dateTime } from '../format';
import { mayOpen, TEAMS } from '../nav';

type Application = Answer<'/admin/leader-applications'>[number];
type Plan = Answer<'/admin/commission-plans'>[number];
type Course = Answer<'/admin/training/courses'>[number];
type Result = Answer<'/admin/training/results'>[number];
type Network = Answer<'/admin/network'>;
type Point = Answer<'/pickup-points'>[number];
type Leader = Answer<'/admin/leaders'>[number];

const pct = (bps: number) => `${(bps / 100).toFixed(bps % 100 === 0 ? 0 : 2)}%`;

/**
 * 团长招募 (decision 061): the applications of the operator's regions, approved at a pickup point
 * (existing without a leader, or new) on a commission plan, or rejected with a reason; the
 * commission plans by category and which leader is on which; the training courses and who passed.
 */
export default function Recruiting() {
  const { t } = useTranslation();
  const mayChange = mayOpen(consoleRoles(useSession(api)?.user.roles), TEAMS.network);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.recruiting')}
      </Typography.Title>
      <Tabs
        items={[
          ...(mayChange
            ? [{ key: 'applications', label: t('ops.recruiting.applications'), children: <Applications /> }]
            : []),
          { key: 'plans', label: t('ops.recruiting.plans'), children: <Plans mayChange={mayChange} /> },
          ...(mayChange ? [{ key: 'training', label: t('ops.recruiting.training'), children: <Training /> }] : []),
        ]}
      />
    </Space>
  );
}

function Applications() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<'pending' | 'approved' | 'rejected' | 'all'>('pending');
  const list = useQuery({
    queryKey: ['leader-applications', status],
    queryFn: () => api.get<Application[]>(`/admin/leader-applications${status === 'all' ? '' : `?status=${status}`}`),
  });
  const [approving, setApproving] = useState<Application | null>(null);
  const [rejecting, setRejecting] = useState<{ app: Application; reason: string } | null>(null);
  const reject = useMutation({
    mutationFn: (v: { app: Application; reason: string }) =>
      api.post(`/admin/leader-applications/${v.app.id}/reject`, { reason: v.reason }),
    onSuccess: () => {
      void message.success(t('ops.recruiting.rejectedDone'));
      setRejecting(null);
      void qc.invalidateQueries({ queryKey: ['leader-applications'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const statusTag = (a: Application) => (
    <Tag
      color={a.status === 'pending' ? 'blue' : a.status === 'approved' ? 'green' : 'red'}
      data-testid="application-status"
    >
      {t(`ops.recruiting.${a.status}`)}
      {a.status === 'rejected' && a.rejectReason ? `：${a.rejectReason}` : ''}
      {a.status === 'approved' && a.pickupPointName ? `：${a.pickupPointName}` : ''}
    </Tag>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        options={(['pending', 'approved', 'rejected', 'all'] as const).map((s) => ({
          value: s,
          label: t(`ops.recruiting.${s}`),
        }))}
        data-testid="applications-filter"
      />
      <QueryState query={list} isEmpty={(d) => d.length === 0} emptyText={t('ops.recruiting.empty')}>
        {(data) => (
          <Table<Application>
            rowKey="id"
            dataSource={data}
            pagination={false}
            data-testid="applications-table"
            onRow={(r) => ({ 'data-testid': `application-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('ops.recruiting.applicant'),
                key: 'who',
                render: (_: unknown, a: Application) => (
                  <Space orientation="vertical" size={0}>
                    <b>{a.name}</b>
                    <span>{a.phone}</span>
                  </Space>
                ),
              },
              {
                title: t('ops.recruiting.address'),
                key: 'where',
                render: (_: unknown, a: Application) => `${a.regionName} · ${a.address}`,
              },
              {
                title: t('ops.recruiting.place'),
                dataIndex: 'placeKind',
                render: (v: string) => t(`ops.recruiting.${v}`),
              },
              { title: t('ops.recruiting.experience'), dataIndex: 'experience', width: 260 },
              {
                title: t('ops.recruiting.photo'),
                key: 'photo',
                render: (_: unknown, a: Application) =>
                  a.photo ? (
                    <Image src={a.photo.thumbUrl} preview={{ src: a.photo.url }} width={56} height={42} />
                  ) : (
                    '—'
                  ),
              },
              { title: t('ops.recruiting.createdAt'), dataIndex: 'createdAt', render: dateTime },
              {
                title: t('ops.recruiting.status'),
                key: 'status',
                render: (_: unknown, a: Application) => statusTag(a),
              },
              {
                title: t('ops.common.actions'),
                key: 'actions',
                render: (_: unknown, a: Application) =>
                  a.status === 'pending' ? (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => setApproving(a)}
                        data-testid="application-approve"
                      >
                        {t('ops.recruiting.approve')}
                      </Button>
                      <Button
                        size="small"
                        danger
                        onClick={() => setRejecting({ app: a, reason: '' })}
                        data-testid="application-reject"
                      >
                        {t('ops.recruiting.reject')}
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryState>
      {approving && <ApproveDialog app={approving} onClose={() => setApproving(null)} />}
      <Modal
        open={rejecting !== null}
        title={t('ops.recruiting.reject')}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && reject.mutate(rejecting)}
        okButtonProps={{ disabled: !rejecting?.reason.trim(), loading: reject.isPending, danger: true }}
      >
        <Input.TextArea
          value={rejecting?.reason ?? ''}
          maxLength={300}
          placeholder={t('ops.recruiting.reason')}
          onChange={(e) => rejecting && setRejecting({ ...rejecting, reason: e.target.value })}
          data-testid="reject-reason"
        />
      </Modal>
    </Space>
  );
}

function ApproveDialog({ app, onClose }: { app: Application; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const network = useQuery({ queryKey: ['setup', 'network'], queryFn: () => api.get<Network>('/admin/network') });
  const points = useQuery({ queryKey: ['pickup-points-all'], queryFn: () => api.get<Point[]>('/pickup-points') });
  const plans = useQuery({ queryKey: ['commission-plans'], queryFn: () => api.get<Plan[]>('/admin/commission-plans') });
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [pointId, setPointId] = useState<string>();
  const [routeId, setRouteId] = useState<string>();
  const [name, setName] = useState(`${app.name}自提点`);
  const [address, setAddress] = useState(app.address);
  const [planId, setPlanId] = useState<string | null>(null);
  const regionOfWarehouse = new Map((network.data?.warehouses ?? []).map((w) => [w.id, w.regionId]));
  const routes = (network.data?.routes ?? []).filter((r) => regionOfWarehouse.get(r.warehouseId) === app.regionId);
  const routeIds = new Set(routes.map((r) => r.id));
  const free = (points.data ?? []).filter((p) => !p.leaderName && routeIds.has(p.routeId));
  const approve = useMutation({
    mutationFn: () =>
      api.post(`/admin/leader-applications/${app.id}/approve`, {
        ...(mode === 'existing' ? { pickupPointId: pointId } : { newPoint: { name, address, routeId } }),
        planId,
      }),
    onSuccess: () => {
      void message.success(t('ops.recruiting.approvedDone'));
      void qc.invalidateQueries({ queryKey: ['leader-applications'] });
      onClose();
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const ready = mode === 'existing' ? !!pointId : !!routeId && !!name.trim() && !!address.trim();
  return (
    <Modal
      open
      title={t('ops.recruiting.approveTitle', { name: app.name })}
      onCancel={onClose}
      onOk={() => approve.mutate()}
      okButtonProps={{ disabled: !ready, loading: approve.isPending, id: 'approve-confirm' }}
    >
      <Form layout="vertical">
        <Form.Item label={t('ops.recruiting.point')}>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} data-testid="approve-mode">
            <Radio value="new">{t('ops.recruiting.newPoint')}</Radio>
            <Radio value="existing">{t('ops.recruiting.existingPoint')}</Radio>
          </Radio.Group>
        </Form.Item>
        {mode === 'existing' ? (
          <Form.Item label={t('ops.recruiting.point')}>
            <Select
              value={pointId}
              onChange={setPointId}
              options={free.map((p) => ({ value: p.id, label: `${p.name}（${p.address}）` }))}
              data-testid="approve-point"
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item label={t('ops.recruiting.pointName')}>
              <Input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} data-testid="approve-name" />
            </Form.Item>
            <Form.Item label={t('ops.recruiting.address')}>
              <Input value={address} maxLength={200} onChange={(e) => setAddress(e.target.value)} />
            </Form.Item>
            <Form.Item label={t('ops.recruiting.route')}>
              <Select
                value={routeId}
                onChange={setRouteId}
                options={routes.map((r) => ({ value: r.id, label: r.name }))}
                data-testid="approve-route"
              />
            </Form.Item>
          </>
        )}
        <Form.Item label={t('ops.recruiting.plan')}>
          <Select
            value={planId ?? ''}
            onChange={(v) => setPlanId(v || null)}
            options={[
              { value: '', label: t('ops.recruiting.noPlan') },
              ...(plans.data ?? []).map((p) => ({ value: p.id, label: p.name })),
            ]}
            data-testid="approve-plan"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Category = Answer<'/categories'>[number];

function Plans({ mayChange }: { mayChange: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const plans = useQuery({ queryKey: ['commission-plans'], queryFn: () => api.get<Plan[]>('/admin/commission-plans') });
  const categories = useQuery({ queryKey: ['categories'], queryFn: () => api.get<Category[]>('/categories') });
  const leaders = useQuery({
    queryKey: ['admin-leaders'],
    queryFn: () => api.get<Leader[]>('/admin/leaders'),
    enabled: mayChange,
  });
  const [editing, setEditing] = useState<{
    id: string | null;
    name: string;
    defaultPct: number;
    rates: Record<string, number | null>;
  } | null>(null);
  const catName = (code: string) => {
    const c = categories.data?.find((x) => x.code === code);
    return c ? (i18n.language.startsWith('zh') ? c.nameZh : c.nameEn) : code;
  };
  const save = useMutation({
    mutationFn: (e: NonNullable<typeof editing>) => {
      const body = {
        name: e.name,
        defaultBps: Math.round(e.defaultPct * 100),
        categoryBps: Object.fromEntries(
          Object.entries(e.rates)
            .filter(([, v]) => v !== null && v !== undefined)
            .map(([k, v]) => [k, Math.round((v as number) * 100)]),
        ),
      };
      return e.id ? api.put(`/admin/commission-plans/${e.id}`, body) : api.post('/admin/commission-plans', body);
    },
    onSuccess: () => {
      void message.success(t('ops.recruiting.saved'));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['commission-plans'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const assign = useMutation({
    mutationFn: (v: { leaderId: string; planId: string | null }) =>
      api.put(`/admin/leaders/${v.leaderId}/commission-plan`, { planId: v.planId }),
    onSuccess: () => {
      void message.success(t('ops.recruiting.assigned'));
      void qc.invalidateQueries({ queryKey: ['commission-plans'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('ops.recruiting.planNote')}</Typography.Text>
      {mayChange && (
        <Button onClick={() => setEditing({ id: null, name: '', defaultPct: 5, rates: {} })} data-testid="plan-new">
          {t('ops.recruiting.newPlan')}
        </Button>
      )}
      <QueryState query={plans} isEmpty={() => false}>
        {(data) => (
          <Table<Plan>
            rowKey="id"
            dataSource={data}
            pagination={false}
            data-testid="plans-table"
            columns={[
              { title: t('ops.recruiting.planName'), dataIndex: 'name' },
              { title: t('ops.recruiting.defaultRate'), dataIndex: 'defaultBps', render: pct },
              {
                title: t('ops.recruiting.categoryRates'),
                key: 'rates',
                render: (_: unknown, p: Plan) => (
                  <Space wrap size={4}>
                    {Object.entries(p.categoryBps).map(([code, bps]) => (
                      <Tag key={code}>
                        {catName(code)} {pct(bps)}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
              { title: t('ops.recruiting.leaders'), dataIndex: 'leaders' },
              { title: t('ops.recruiting.version'), dataIndex: 'version' },
              { title: t('ops.recruiting.validFrom'), dataIndex: 'validFrom', render: dateTime },
              ...(mayChange
                ? [
                    {
                      title: t('ops.common.actions'),
                      key: 'actions',
                      render: (_: unknown, p: Plan) => (
                        <Button
                          size="small"
                          onClick={() =>
                            setEditing({
                              id: p.id,
                              name: p.name,
                              defaultPct: p.defaultBps / 100,
                              rates: Object.fromEntries(Object.entries(p.categoryBps).map(([k, v]) => [k, v / 100])),
                            })
                          }
                        >
                          {t('ops.recruiting.editPlan')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
      {mayChange && <DealRates />}
      {mayChange && leaders.data && (
        <>
          <Typography.Title level={5}>{t('ops.recruiting.assign')}</Typography.Title>
          <Table<Leader>
            rowKey="id"
            size="small"
            dataSource={leaders.data.filter((l) => l.status === 'active')}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: t('ops.recruiting.leader'), dataIndex: 'name' },
              { title: t('ops.recruiting.point'), dataIndex: 'pickupPointName' },
              {
                title: t('ops.recruiting.plan'),
                key: 'plan',
                render: (_: unknown, l: Leader) => (
                  <Select
                    size="small"
                    style={{ width: 200 }}
                    placeholder={`${t('ops.recruiting.noPlan')} ${pct(l.commissionBps)}`}
                    onChange={(v: string) => assign.mutate({ leaderId: l.id, planId: v || null })}
                    options={[
                      { value: '', label: `${t('ops.recruiting.noPlan')} ${pct(l.commissionBps)}` },
                      ...(plans.data ?? []).map((p) => ({ value: p.id, label: p.name })),
                    ]}
                  />
                ),
              },
            ]}
          />
        </>
      )}
      <Modal
        open={editing !== null}
        title={editing?.id ? t('ops.recruiting.editPlan') : t('ops.recruiting.newPlan')}
        onCancel={() => setEditing(null)}
        onOk={() => editing && save.mutate(editing)}
        okButtonProps={{ disabled: !editing?.name.trim(), loading: save.isPending }}
      >
        {editing && (
          <Form layout="vertical">
            <Form.Item label={t('ops.recruiting.planName')}>
              <Input
                value={editing.name}
                maxLength={40}
                onChange={(e) => setEditing({ ...editing, name: e.target.value })}
              />
            </Form.Item>
            <Form.Item label={t('ops.recruiting.defaultRate')}>
              <InputNumber
                min={0}
                max={100}
                step={0.5}
                value={editing.defaultPct}
                onChange={(v) => setEditing({ ...editing, defaultPct: v ?? 0 })}
              />
            </Form.Item>
            <Form.Item label={t('ops.recruiting.categoryRates')}>
              <Space wrap>
                {(categories.data ?? []).map((c) => (
                  <Space key={c.code} size={4}>
                    <span>{catName(c.code)}</span>
                    <InputNumber
                      min={0}
                      max={100}
                      step={0.5}
                      style={{ width: 80 }}
                      value={editing.rates[c.code] ?? null}
                      onChange={(v) => setEditing({ ...editing, rates: { ...editing.rates, [c.code]: v } })}
                    />
                  </Space>
                ))}
              </Space>
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Space>
  );
}

type CampaignRow = Answer<'/admin/campaigns'>[number];

/** 单品佣金: a deal's own rate for leaders on a plan, for orders placed from now on (empty: the plan's rate). */
function DealRates() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const campaigns = useQuery({
    queryKey: ['campaigns', 'deal-rates'],
    queryFn: () => api.get<CampaignRow[]>('/admin/campaigns?limit=30'),
  });
  const [campaignId, setCampaignId] = useState<string>();
  const [rates, setRates] = useState<Record<string, number | null>>({});
  const campaign = campaigns.data?.find((c) => c.id === campaignId);
  const save = useMutation({
    mutationFn: (v: { itemId: string; pct: number | null }) =>
      api.put(`/admin/campaign-items/${v.itemId}/commission`, {
        commissionBps: v.pct === null ? null : Math.round(v.pct * 100),
      }),
    onSuccess: () => void message.success(t('ops.recruiting.saved')),
    onError: (err) => void message.error(errorText(err)),
  });
  return (
    <>
      <Typography.Title level={5}>{t('ops.recruiting.dealRates')}</Typography.Title>
      <Typography.Text type="secondary">{t('ops.recruiting.dealRatesNote')}</Typography.Text>
      <Select
        style={{ width: 320 }}
        placeholder={t('ops.recruiting.campaign')}
        value={campaignId}
        onChange={setCampaignId}
        options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: `${c.title}（${c.pickupDate}）` }))}
      />
      {campaign && (
        <Table
          rowKey="id"
          size="small"
          dataSource={campaign.items}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('ops.recruiting.deal'), dataIndex: 'name' },
            { title: t('ops.recruiting.category'), dataIndex: 'category' },
            {
              title: t('ops.recruiting.dealRate'),
              key: 'rate',
              render: (_: unknown, i: CampaignRow['items'][number]) => (
                <Space>
                  <InputNumber
                    min={0}
                    max={100}
                    step={0.5}
                    placeholder={t('ops.recruiting.planRate')}
                    value={rates[i.id] ?? null}
                    onChange={(v) => setRates({ ...rates, [i.id]: v })}
                  />
                  <Button size="small" onClick={() => save.mutate({ itemId: i.id, pct: rates[i.id] ?? null })}>
                    {t('ops.recruiting.save')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
    </>
  );
}

interface Draft {
  id: string | null;
  title: string;
  body: string;
  passPercent: number;
  required: boolean;
  imageIds: string[];
  questions: { text: string; options: string; answer: number }[];
}

function Training() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const courses = useQuery({
    queryKey: ['training-courses'],
    queryFn: () => api.get<Course[]>('/admin/training/courses'),
  });
  const results = useQuery({
    queryKey: ['training-results'],
    queryFn: () => api.get<Result[]>('/admin/training/results'),
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const save = useMutation({
    mutationFn: (d: Draft) => {
      const body = {
        title: d.title,
        body: d.body,
        passPercent: d.passPercent,
        required: d.required,
        published: true,
        imageIds: d.imageIds,
        questions: d.questions.map((q) => ({
          text: q.text,
          options: q.options
            .split('\n')
            .map((o) => o.trim())
            .filter(Boolean),
          answer: q.answer - 1,
        })),
      };
      return d.id ? api.put(`/admin/training/courses/${d.id}`, body) : api.post('/admin/training/courses', body);
    },
    onSuccess: () => {
      void message.success(t('ops.recruiting.saved'));
      setDraft(null);
      void qc.invalidateQueries({ queryKey: ['training-courses'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const edit = (c: Course) =>
    setDraft({
      id: c.id,
      title: c.title,
      body: c.body,
      passPercent: c.passPercent,
      required: c.required,
      imageIds: c.images.map((i) => i.id),
      questions: c.questions.map((q) => ({ text: q.text, options: q.options.join('\n'), answer: q.answer + 1 })),
    });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Button
        onClick={() =>
          setDraft({
            id: null,
            title: '',
            body: '',
            passPercent: 80,
            required: true,
            imageIds: [],
            questions: [{ text: '', options: '', answer: 1 }],
          })
        }
      >
        {t('ops.recruiting.newCourse')}
      </Button>
      <QueryState query={courses} isEmpty={() => false}>
        {(data) => (
          <Table<Course>
            rowKey="id"
            dataSource={data}
            pagination={false}
            data-testid="courses-table"
            columns={[
              { title: t('ops.recruiting.title'), dataIndex: 'title' },
              { title: t('ops.recruiting.questions'), key: 'q', render: (_: unknown, c: Course) => c.questions.length },
              { title: t('ops.recruiting.passPercent'), dataIndex: 'passPercent', render: (v: number) => `${v}%` },
              {
                title: t('ops.recruiting.required'),
                dataIndex: 'required',
                render: (v: boolean) => (v ? t('ops.recruiting.yes') : t('ops.recruiting.no')),
              },
              {
                title: t('ops.recruiting.passedLeaders'),
                key: 'passed',
                render: (_: unknown, c: Course) => `${c.passedLeaders} / ${c.attemptedLeaders}`,
              },
              {
                title: t('ops.common.actions'),
                key: 'actions',
                render: (_: unknown, c: Course) => (
                  <Button size="small" onClick={() => edit(c)}>
                    {t('ops.recruiting.editPlan')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <Space>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('ops.recruiting.results')}
        </Typography.Title>
        <Button
          size="small"
          onClick={() =>
            void downloadExport('/admin/training/results.xlsx', {}).catch((e) => message.error(errorText(e)))
          }
          data-testid="training-export"
        >
          {t('ops.common.exportXlsx')}
        </Button>
      </Space>
      <QueryState query={results} isEmpty={() => false}>
        {(data) => (
          <Table<Result>
            rowKey={(r) => `${r.courseId}:${r.leaderId}`}
            dataSource={data}
            size="small"
            pagination={{ pageSize: 20 }}
            data-testid="training-results"
            columns={[
              { title: t('ops.recruiting.courses'), dataIndex: 'courseTitle' },
              { title: t('ops.recruiting.leader'), dataIndex: 'leaderName' },
              { title: t('ops.recruiting.point'), dataIndex: 'pickupPointName' },
              { title: t('ops.recruiting.attempts'), dataIndex: 'attempts' },
              { title: t('ops.recruiting.bestScore'), dataIndex: 'bestScore' },
              {
                title: t('ops.recruiting.passed'),
                dataIndex: 'passed',
                render: (v: boolean) => (
                  <Tag color={v ? 'green' : 'orange'}>{v ? t('ops.recruiting.yes') : t('ops.recruiting.no')}</Tag>
                ),
              },
              { title: t('ops.recruiting.passedAt'), dataIndex: 'passedAt', render: dateTime },
            ]}
          />
        )}
      </QueryState>
      <Modal
        open={draft !== null}
        width={720}
        title={draft?.id ? draft.title : t('ops.recruiting.newCourse')}
        onCancel={() => setDraft(null)}
        onOk={() => draft && save.mutate(draft)}
        okButtonProps={{ loading: save.isPending }}
      >
        {draft && (
          <Form layout="vertical">
            <Form.Item label={t('ops.recruiting.title')}>
              <Input
                value={draft.title}
                maxLength={80}
                onChange={(e) => setDraft({ ...draft, title: e.target.value })}
              />
            </Form.Item>
            <Form.Item label={t('ops.recruiting.body')}>
              <Input.TextArea
                rows={5}
                value={draft.body}
                onChange={(e) => setDraft({ ...draft, body: e.target.value })}
              />
            </Form.Item>
            <Form.Item label={t('ops.recruiting.images')}>
              <Upload
                accept="image/jpeg,image/png,image/webp"
                showUploadList={false}
                customRequest={async ({ file, onSuccess, onError }) => {
                  try {
                    const pic = await api.upload<{ id: string }>('/admin/training/images', file as Blob);
                    setDraft((d) => (d ? { ...d, imageIds: [...d.imageIds, pic.id] } : d));
                    onSuccess?.(pic);
                  } catch (e) {
                    void message.error(errorText(e));
                    onError?.(e as Error);
                  }
                }}
              >
                <Button size="small">
                  {t('ops.recruiting.upload')} ({draft.imageIds.length})
                </Button>
              </Upload>
            </Form.Item>
            <Space>
              <Form.Item label={t('ops.recruiting.passPercent')}>
                <InputNumber
                  min={0}
                  max={100}
                  value={draft.passPercent}
                  onChange={(v) => setDraft({ ...draft, passPercent: v ?? 0 })}
                />
              </Form.Item>
              <Checkbox checked={draft.required} onChange={(e) => setDraft({ ...draft, required: e.target.checked })}>
                {t('ops.recruiting.required')}
              </Checkbox>
            </Space>
            {draft.questions.map((q, i) => {
              const set = (patch: Partial<Draft['questions'][number]>) =>
                setDraft({ ...draft, questions: draft.questions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: questions have no id before they are saved
                <Space key={i} orientation="vertical" style={{ width: '100%' }}>
                  <Input
                    placeholder={`${t('ops.recruiting.question')} ${i + 1}`}
                    value={q.text}
                    maxLength={300}
                    onChange={(e) => set({ text: e.target.value })}
                  />
                  <Input.TextArea
                    rows={3}
                    placeholder={t('ops.recruiting.options')}
                    value={q.options}
                    onChange={(e) => set({ options: e.target.value })}
                  />
                  <InputNumber
                    min={1}
                    max={6}
                    addonBefore={t('ops.recruiting.answer')}
                    value={q.answer}
                    onChange={(v) => set({ answer: v ?? 1 })}
                  />
                </Space>
              );
            })}
            <Button
              size="small"
              style={{ marginTop: 8 }}
              onClick={() =>
                setDraft({ ...draft, questions: [...draft.questions, { text: '', options: '', answer: 1 }] })
              }
            >
              {t('ops.recruiting.addQuestion')}
            </Button>
          </Form>
        )}
      </Modal>
    </Space>
  );
}
