import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';
import { usePagedList } from '../../shared/paging';
import { useSession } from '../../shared/session';
import { api, consoleRoles } from '../api';
import { LoadMore, QueryState } from '../components/State';
import { downloadExport } from '../download';
import { dateTime } from '../format';
import { mayOpen, TEAMS } from '../nav';

type Summary = Answer<'/admin/incidents'>[number];
type Incident = Answer<'/admin/incidents/{id}'>;
type Affected = Answer<'/admin/incidents/{id}/orders'>[number];
type Preview = Answer<'/admin/incidents/{id}/preview', 'post'>;
type Network = Answer<'/admin/network'>;
type Point = Answer<'/pickup-points'>[number];
type Product = Answer<'/admin/products'>[number];
type Template = Answer<'/admin/coupon-templates'>[number];

/** A day as the date picker gives it (a dayjs value): only what the selection needs of it. */
interface Day {
  startOf(unit: 'day'): Day;
  add(n: number, unit: 'day'): Day;
  toISOString(): string;
  format(f: string): string;
}
type Range = [Day | null, Day | null] | null;
interface SelectionForm {
  routeIds?: string[];
  pickupPointIds?: string[];
  productIds?: string[];
  pickupDays?: Range;
  placedDays?: Range;
}
const GRADE_COLOR = { A: 'red', B: 'orange', C: 'gold' } as const;

/**
 * 事故管理: incidents of the operator's regions with their grade, affected orders, compensation and
 * post-mortem deadline (overdue in red); declared here, the affected orders selected by route,
 * pickup point, product and days with a preview, every affected customer compensated once with a
 * message and a coupon, the post-mortem filed, and the timeline of it all.
 */
export default function Incidents() {
  const { t } = useTranslation();
  const mayAct = mayOpen(consoleRoles(useSession(api)?.user.roles), TEAMS.incidents);
  const list = usePagedList<Summary>(api, ['admin-incidents'], '/admin/incidents');
  const [declaring, setDeclaring] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('ops.nav.incidents')}
        </Typography.Title>
        {mayAct && (
          <Button type="primary" onClick={() => setDeclaring(true)} data-testid="incident-declare">
            {t('ops.incidents.declare')}
          </Button>
        )}
      </Space>
      <Alert type="info" showIcon title={t('ops.incidents.gradesTitle')} description={<GradeHelp />} />
      <QueryState query={list.view} isEmpty={(d) => d.length === 0} emptyText={t('ops.incidents.empty')}>
        {(data) => (
          <Table<Summary>
            rowKey="id"
            dataSource={data}
            pagination={false}
            data-testid="incidents-table"
            footer={() => <LoadMore query={list.query} />}
            onRow={(r) =>
              ({
                'data-testid': `incident-row-${r.id}`,
                onClick: () => setOpenId(r.id),
                style: { cursor: 'pointer' },
              }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              {
                title: t('ops.incidents.grade'),
                dataIndex: 'grade',
                render: (g: Summary['grade']) => <Tag color={GRADE_COLOR[g]}>{t('ops.incidents.gradeTag', { g })}</Tag>,
              },
              { title: t('ops.incidents.title'), dataIndex: 'title' },
              {
                title: t('ops.incidents.status'),
                dataIndex: 'status',
                render: (s: string) => (
                  <Tag color={s === 'open' ? 'processing' : 'default'}>{t(`ops.incidents.status_${s}`)}</Tag>
                ),
              },
              { title: t('ops.incidents.declaredAt'), dataIndex: 'declaredAt', render: dateTime },
              {
                title: t('ops.incidents.affected'),
                key: 'affected',
                render: (_: unknown, r: Summary) =>
                  t('ops.incidents.affectedCount', { orders: r.orders, customers: r.customers }),
              },
              {
                title: t('ops.incidents.compensated'),
                key: 'compensated',
                render: (_: unknown, r: Summary) =>
                  r.compensatedAt
                    ? t('ops.incidents.compensatedCount', { messages: r.messagesSent, coupons: r.couponsGranted })
                    : '—',
              },
              {
                title: t('ops.incidents.postmortem'),
                key: 'postmortem',
                render: (_: unknown, r: Summary) =>
                  r.postmortemFiledAt ? (
                    <Tag color="green">{t('ops.incidents.pmFiled')}</Tag>
                  ) : (
                    <Typography.Text type={r.postmortemOverdue ? 'danger' : undefined} data-testid="incident-pm-due">
                      {t(r.postmortemOverdue ? 'ops.incidents.pmOverdue' : 'ops.incidents.pmDue', {
                        at: dateTime(r.postmortemDueAt),
                      })}
                    </Typography.Text>
                  ),
              },
            ]}
          />
        )}
      </QueryState>
      {declaring && (
        <Declare
          onClose={(id) => {
            setDeclaring(false);
            if (id) setOpenId(id);
          }}
        />
      )}
      {openId && <Detail id={openId} mayAct={mayAct} onClose={() => setOpenId(null)} />}
    </Space>
  );
}

function GradeHelp() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={2}>
      {(['A', 'B', 'C'] as const).map((g) => (
        <span key={g}>
          <Tag color={GRADE_COLOR[g]}>{t('ops.incidents.gradeTag', { g })}</Tag>
          {t(`ops.incidents.grade${g}`)}
        </span>
      ))}
      <span>{t('ops.incidents.pmRule')}</span>
    </Space>
  );
}

function Declare({ onClose }: { onClose: (id?: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ regionId?: string; grade: 'A' | 'B' | 'C'; title: string; description: string }>();
  // the cities the operator works in: a choice only when there is more than one
  const regions = useQuery({
    queryKey: ['admin-regions'],
    queryFn: () => api.get<Answer<'/admin/regions'>>('/admin/regions'),
  });
  const declare = useMutation({
    mutationFn: (v: { regionId?: string; grade: string; title: string; description: string }) =>
      api.post<Incident>('/admin/incidents', v),
    onSuccess: (i) => {
      void message.success(t('ops.incidents.declared'));
      void qc.invalidateQueries({ queryKey: ['admin-incidents'] });
      onClose(i.id);
    },
    onError: (err) => void message.error(errorText(err)),
  });
  return (
    <Modal
      open
      title={t('ops.incidents.declare')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      okButtonProps={{ loading: declare.isPending, 'data-testid': 'incident-declare-ok' } as never}
    >
      <Form form={form} layout="vertical" onFinish={(v) => declare.mutate(v)} initialValues={{ grade: 'B' }}>
        {(regions.data?.length ?? 0) > 1 && (
          <Form.Item name="regionId" label={t('ops.incidents.region')} rules={[{ required: true }]}>
            <Select
              options={(regions.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
              data-testid="incident-region"
            />
          </Form.Item>
        )}
        <Form.Item name="grade" label={t('ops.incidents.grade')} rules={[{ required: true }]}>
          <Radio.Group data-testid="incident-grade">
            {(['A', 'B', 'C'] as const).map((g) => (
              <Radio.Button key={g} value={g}>
                {t('ops.incidents.gradeTag', { g })}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {() => (
            <Typography.Paragraph type="secondary">
              {t(`ops.incidents.grade${form.getFieldValue('grade') ?? 'B'}`)}
            </Typography.Paragraph>
          )}
        </Form.Item>
        <Form.Item
          name="title"
          label={t('ops.incidents.title')}
          rules={[{ required: true, whitespace: true, max: 80 }]}
        >
          <Input placeholder={t('ops.incidents.titleHint')} data-testid="incident-title" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('ops.incidents.description')}
          rules={[{ required: true, whitespace: true, max: 2000 }]}
        >
          <Input.TextArea rows={3} data-testid="incident-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Detail({ id, mayAct, onClose }: { id: string; mayAct: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const incident = useQuery({
    queryKey: ['admin-incident', id],
    queryFn: () => api.get<Incident>(`/admin/incidents/${id}`),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['admin-incident', id] });
    void qc.invalidateQueries({ queryKey: ['admin-incident-orders', id] });
    void qc.invalidateQueries({ queryKey: ['admin-incidents'] });
  };
  const resolve = useMutation({
    mutationFn: () => api.post<Incident>(`/admin/incidents/${id}/resolve`),
    onSuccess: refresh,
    onError: (err) => void message.error(errorText(err)),
  });
  const i = incident.data;
  return (
    <Drawer
      open
      width={980}
      onClose={onClose}
      title={i ? `${t('ops.incidents.gradeTag', { g: i.grade })} · ${i.title}` : ''}
    >
      {!i ? (
        <QueryState query={incident}>{() => null}</QueryState>
      ) : (
        <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="incident-detail">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('ops.incidents.status')}>
              {t(`ops.incidents.status_${i.status}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('ops.incidents.declaredAt')}>{dateTime(i.declaredAt)}</Descriptions.Item>
            <Descriptions.Item label={t('ops.incidents.description')} span={2}>
              {i.description}
            </Descriptions.Item>
            <Descriptions.Item label={t('ops.incidents.postmortem')} span={2}>
              {i.postmortemFiledAt ? (
                t('ops.incidents.pmFiledAt', { at: dateTime(i.postmortemFiledAt) })
              ) : (
                <Typography.Text type={i.postmortemOverdue ? 'danger' : undefined}>
                  {t(i.postmortemOverdue ? 'ops.incidents.pmOverdue' : 'ops.incidents.pmDue', {
                    at: dateTime(i.postmortemDueAt),
                  })}
                </Typography.Text>
              )}
            </Descriptions.Item>
          </Descriptions>
          <Space size="large">
            <span data-testid="incident-orders">
              <Statistic title={t('ops.incidents.orders')} value={i.orders} />
            </span>
            <span data-testid="incident-customers">
              <Statistic title={t('ops.incidents.customers')} value={i.customers} />
            </span>
            <span data-testid="incident-messages">
              <Statistic title={t('ops.incidents.messages')} value={i.messagesSent} />
            </span>
            <span data-testid="incident-coupons">
              <Statistic title={t('ops.incidents.coupons')} value={i.couponsGranted} />
            </span>
          </Space>
          {mayAct && i.status === 'open' && !i.compensatedAt && <Selection incident={i} onDone={refresh} />}
          <AffectedOrders id={id} />
          {i.compensatedAt ? (
            <Card size="small" title={t('ops.incidents.compensation')}>
              <Typography.Paragraph>{i.message}</Typography.Paragraph>
              <Typography.Text type="secondary">
                {t('ops.incidents.compensatedWith', {
                  coupon: i.couponTemplate?.name ?? '—',
                  messages: i.messagesSent,
                  coupons: i.couponsGranted,
                })}
              </Typography.Text>
            </Card>
          ) : (
            mayAct && i.status === 'open' && i.orders > 0 && <Compensate incident={i} onDone={refresh} />
          )}
          {i.postmortem ? (
            <Card size="small" title={t('ops.incidents.postmortem')} data-testid="incident-postmortem">
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('ops.incidents.pmCause')}>{i.postmortem.cause}</Descriptions.Item>
                <Descriptions.Item label={t('ops.incidents.pmImpact')}>{i.postmortem.impact}</Descriptions.Item>
                <Descriptions.Item label={t('ops.incidents.pmActions')}>{i.postmortem.actions}</Descriptions.Item>
                <Descriptions.Item label={t('ops.incidents.pmPrevention')}>{i.postmortem.prevention}</Descriptions.Item>
                <Descriptions.Item label={t('ops.incidents.pmBy')}>
                  {`${i.postmortem.filedBy} · ${dateTime(i.postmortem.filedAt)}`}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          ) : (
            mayAct && <Postmortem id={id} onDone={refresh} />
          )}
          <Card size="small" title={t('ops.incidents.timeline')}>
            <Timeline
              data-testid="incident-timeline"
              items={i.timeline.map((e) => ({
                color: e.kind === 'postmortem_filed' || e.kind === 'resolved' ? 'green' : 'blue',
                children: (
                  <span data-testid={`timeline-${e.kind}`}>
                    {`${dateTime(e.at)} · ${t(`ops.incidents.event_${e.kind}`, e.details as Record<string, unknown>)}${e.actor ? ` · ${e.actor}` : ''}`}
                  </span>
                ),
              }))}
            />
          </Card>
          {mayAct && i.status === 'open' && (
            <Button onClick={() => resolve.mutate()} loading={resolve.isPending} data-testid="incident-resolve">
              {t('ops.incidents.resolve')}
            </Button>
          )}
        </Space>
      )}
    </Drawer>
  );
}

const range = (r: Range | undefined, whole: (d: Day) => string, end: (d: Day) => string) => ({
  from: r?.[0] ? whole(r[0]) : undefined,
  to: r?.[1] ? end(r[1]) : undefined,
});

function criteriaOf(v: SelectionForm) {
  const pickup = range(
    v.pickupDays,
    (d) => d.format('YYYY-MM-DD'),
    (d) => d.format('YYYY-MM-DD'),
  );
  // whole days in the operator's time zone: from the first day's start to the last day's end
  const placed = range(
    v.placedDays,
    (d) => d.startOf('day').toISOString(),
    (d) => d.startOf('day').add(1, 'day').toISOString(),
  );
  const list = (ids?: string[]) => (ids?.length ? ids : undefined);
  return {
    routeIds: list(v.routeIds),
    pickupPointIds: list(v.pickupPointIds),
    productIds: list(v.productIds),
    pickupFrom: pickup.from,
    pickupTo: pickup.to,
    placedFrom: placed.from,
    placedTo: placed.to,
  };
}

function Selection({ incident, onDone }: { incident: Incident; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SelectionForm>();
  const network = useQuery({ queryKey: ['setup', 'network'], queryFn: () => api.get<Network>('/admin/network') });
  const points = useQuery({ queryKey: ['pickup-points'], queryFn: () => api.get<Point[]>('/pickup-points') });
  const products = useQuery({ queryKey: ['admin-products'], queryFn: () => api.get<Product[]>('/admin/products') });
  const [preview, setPreview] = useState<Preview | null>(null);
  const routeIds = new Set((network.data?.routes ?? []).map((r) => r.id));
  const ask = useMutation({
    mutationFn: (v: SelectionForm) => api.post<Preview>(`/admin/incidents/${incident.id}/preview`, criteriaOf(v)),
    onSuccess: setPreview,
    onError: (err) => void message.error(errorText(err)),
  });
  const keep = useMutation({
    mutationFn: (v: SelectionForm) => api.put<Incident>(`/admin/incidents/${incident.id}/orders`, criteriaOf(v)),
    onSuccess: (i) => {
      void message.success(t('ops.incidents.selected', { orders: i.orders, customers: i.customers }));
      setPreview(null);
      onDone();
    },
    onError: (err) => void message.error(errorText(err)),
  });
  return (
    <Card size="small" title={t('ops.incidents.selection')}>
      <Form form={form} layout="vertical" onFinish={(v) => ask.mutate(v)} data-testid="incident-selection">
        <Space wrap align="start">
          <Form.Item name="routeIds" label={t('ops.incidents.routes')}>
            <Select
              mode="multiple"
              allowClear
              style={{ width: 220 }}
              options={(network.data?.routes ?? []).map((r) => ({ value: r.id, label: r.name }))}
              data-testid="incident-routes"
            />
          </Form.Item>
          <Form.Item name="pickupPointIds" label={t('ops.incidents.points')}>
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              style={{ width: 260 }}
              options={(points.data ?? [])
                .filter((p) => routeIds.has(p.routeId))
                .map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
          <Form.Item name="productIds" label={t('ops.incidents.products')}>
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              style={{ width: 260 }}
              options={(products.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
          <Form.Item name="pickupDays" label={t('ops.incidents.pickupDays')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="incident-pickup-days" />
          </Form.Item>
          <Form.Item name="placedDays" label={t('ops.incidents.placedDays')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
        </Space>
        <Space>
          <Button htmlType="submit" loading={ask.isPending} data-testid="incident-preview">
            {t('ops.incidents.preview')}
          </Button>
          <Button
            type="primary"
            disabled={!preview}
            loading={keep.isPending}
            onClick={() => keep.mutate(form.getFieldsValue())}
            data-testid="incident-select"
          >
            {t('ops.incidents.keepSelection')}
          </Button>
        </Space>
      </Form>
      {preview && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Typography.Text strong data-testid="incident-preview-counts">
            {t('ops.incidents.previewCounts', { orders: preview.orders, customers: preview.customers })}
          </Typography.Text>
          <OrdersTable rows={preview.sample} />
        </Space>
      )}
    </Card>
  );
}

function OrdersTable({ rows, footer }: { rows: Affected[]; footer?: () => React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Table<Affected>
      rowKey="orderId"
      size="small"
      dataSource={rows}
      pagination={false}
      footer={footer}
      columns={[
        { title: t('ops.incidents.orderNo'), dataIndex: 'orderNo' },
        {
          title: t('ops.incidents.customer'),
          key: 'customer',
          render: (_: unknown, r: Affected) => `${r.customerName} ${r.customerPhone}`,
        },
        { title: t('ops.incidents.route'), dataIndex: 'routeName' },
        { title: t('ops.incidents.point'), dataIndex: 'pickupPointName' },
        { title: t('ops.incidents.pickupDate'), dataIndex: 'pickupDate' },
        { title: t('ops.incidents.amount'), dataIndex: 'totalFen', render: (v: number) => yuan(v) },
        { title: t('ops.incidents.placedAt'), dataIndex: 'placedAt', render: dateTime },
      ]}
    />
  );
}

function AffectedOrders({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = usePagedList<Affected>(api, ['admin-incident-orders', id], `/admin/incidents/${id}/orders`, {
    limit: 20,
  });
  const [exporting, setExporting] = useState(false);
  const download = async () => {
    setExporting(true);
    try {
      await downloadExport(`/admin/incidents/${id}/orders.xlsx`, {});
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Card
      size="small"
      title={t('ops.incidents.affectedOrders')}
      extra={
        <Button size="small" loading={exporting} onClick={() => void download()} data-testid="incident-orders-xlsx">
          {t('ops.common.exportXlsx')}
        </Button>
      }
    >
      <QueryState query={list.view} isEmpty={(d) => d.length === 0} emptyText={t('ops.incidents.noneSelected')}>
        {(data) => <OrdersTable rows={data} footer={() => <LoadMore query={list.query} />} />}
      </QueryState>
    </Card>
  );
}

interface CompensateForm {
  message: string;
  kind: 'new' | 'existing';
  templateId?: string;
  name?: string;
  discountYuan?: number;
  thresholdYuan?: number;
  validDays?: number;
}

function Compensate({ incident, onDone }: { incident: Incident; onDone: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<CompensateForm>();
  const kind = Form.useWatch('kind', form) ?? 'new';
  const templates = useQuery({
    queryKey: ['coupon-templates'],
    queryFn: () => api.get<Template[]>('/admin/coupon-templates'),
  });
  const send = useMutation({
    mutationFn: (v: CompensateForm) =>
      api.post<Incident>(`/admin/incidents/${incident.id}/compensate`, {
        message: v.message,
        ...(v.kind === 'existing'
          ? { couponTemplateId: v.templateId }
          : {
              newCoupon: {
                name: v.name,
                discountFen: Math.round((v.discountYuan ?? 0) * 100),
                thresholdFen: Math.round((v.thresholdYuan ?? 0) * 100),
                validDays: v.validDays,
              },
            }),
      }),
    onSuccess: (i) => {
      void message.success(
        t('ops.incidents.compensatedCount', { messages: i.messagesSent, coupons: i.couponsGranted }),
      );
      onDone();
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const confirm = (v: CompensateForm) =>
    modal.confirm({
      title: t('ops.incidents.confirmTitle'),
      content: t('ops.incidents.confirmText', { customers: incident.customers, orders: incident.orders }),
      okText: t('ops.incidents.confirmOk'),
      okButtonProps: { 'data-testid': 'incident-compensate-ok' } as never,
      onOk: () => send.mutateAsync(v),
    });
  return (
    <Card size="small" title={t('ops.incidents.compensation')}>
      <Form
        form={form}
        layout="vertical"
        onFinish={confirm}
        initialValues={{
          kind: 'new',
          message: t('ops.incidents.messageDefault', { title: incident.title }),
          name: t('ops.incidents.couponDefault'),
          discountYuan: 5,
          thresholdYuan: 0,
          validDays: 14,
        }}
        data-testid="incident-compensation"
      >
        <Form.Item
          name="message"
          label={t('ops.incidents.message')}
          rules={[{ required: true, whitespace: true, max: 300 }]}
        >
          <Input.TextArea rows={2} data-testid="incident-message" />
        </Form.Item>
        <Form.Item name="kind" label={t('ops.incidents.coupon')}>
          <Radio.Group
            options={[
              { value: 'new', label: t('ops.incidents.couponNew') },
              { value: 'existing', label: t('ops.incidents.couponExisting') },
            ]}
          />
        </Form.Item>
        {kind === 'existing' ? (
          <Form.Item name="templateId" label={t('ops.incidents.template')} rules={[{ required: true }]}>
            <Select
              style={{ width: 320 }}
              options={(templates.data ?? [])
                .filter((x) => x.status === 'active')
                .map((x) => ({ value: x.id, label: x.name }))}
            />
          </Form.Item>
        ) : (
          <Space wrap>
            <Form.Item name="name" label={t('ops.incidents.couponName')} rules={[{ required: true, max: 40 }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="discountYuan" label={t('ops.incidents.discount')} rules={[{ required: true }]}>
              <InputNumber min={0.01} max={500} step={1} precision={2} />
            </Form.Item>
            <Form.Item name="thresholdYuan" label={t('ops.incidents.threshold')} rules={[{ required: true }]}>
              <InputNumber min={0} max={10000} step={1} precision={2} />
            </Form.Item>
            <Form.Item name="validDays" label={t('ops.incidents.validDays')} rules={[{ required: true }]}>
              <InputNumber min={1} max={90} precision={0} />
            </Form.Item>
          </Space>
        )}
        <Button type="primary" danger htmlType="submit" loading={send.isPending} data-testid="incident-compensate">
          {t('ops.incidents.compensate', { customers: incident.customers })}
        </Button>
      </Form>
    </Card>
  );
}

function Postmortem({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const file = useMutation({
    mutationFn: (v: { cause: string; impact: string; actions: string; prevention: string }) =>
      api.post<Incident>(`/admin/incidents/${id}/postmortem`, v),
    onSuccess: () => {
      void message.success(t('ops.incidents.pmFiled'));
      onDone();
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const field = (name: 'cause' | 'impact' | 'actions' | 'prevention', key: string) => (
    <Form.Item name={name} label={t(key)} rules={[{ required: true, whitespace: true, max: 2000 }]}>
      <Input.TextArea rows={2} data-testid={`pm-${name}`} />
    </Form.Item>
  );
  return (
    <Card size="small" title={t('ops.incidents.pmForm')}>
      <Form layout="vertical" onFinish={(v) => file.mutate(v)} data-testid="incident-pm-form">
        {field('cause', 'ops.incidents.pmCause')}
        {field('impact', 'ops.incidents.pmImpact')}
        {field('actions', 'ops.incidents.pmActions')}
        {field('prevention', 'ops.incidents.pmPrevention')}
        <Button type="primary" htmlType="submit" loading={file.isPending} data-testid="pm-submit">
          {t('ops.incidents.pmSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
