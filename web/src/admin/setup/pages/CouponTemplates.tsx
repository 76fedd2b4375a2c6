import { useState } from 'react';
import {
  Alert,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { yuan } from '../../../shared/money';
import { QueryState } from '../../components/State';
import { api, type CouponTemplate } from '../api';
import { keys, useCouponTemplates, useSave, useUserSearch } from '../queries';
import {
  FormModal,
  MoneyInput,
  PageHead,
  SearchBox,
  dateTime,
  toDayjs,
  toIso,
  fen,
  fenOrUndefined,
  matches,
  required,
  yuanRules,
  yuanText,
} from '../parts';
import { useEditor } from '../useEditor';

interface Values {
  name: string;
  kind: 'amount' | 'percent';
  threshold: string;
  discount?: string;
  percentOff?: number;
  maxDiscount?: string;
  validity: [Dayjs, Dayjs];
  perCustomerLimit: number;
  totalLimit?: number | null;
  stackableWithFullReduction: boolean;
  claimable: boolean;
}

/** The coupon's rule in words: 满50减5, or 8.5折 capped at ¥20. */
export function useRuleText() {
  const { t } = useTranslation();
  return (c: Pick<CouponTemplate, 'kind' | 'thresholdFen' | 'discountFen' | 'percentOffBps' | 'maxDiscountFen'>) => {
    const threshold =
      c.thresholdFen > 0 ? t('setup.coupons.threshold', { th: yuan(c.thresholdFen) }) : t('setup.coupons.noThreshold');
    if (c.kind === 'percent') {
      const off = t('setup.coupons.percentOff', { pct: ((c.percentOffBps ?? 0) / 100).toString() });
      const cap = c.maxDiscountFen ? t('setup.coupons.cap', { max: yuan(c.maxDiscountFen) }) : '';
      return `${threshold} ${off}${cap}`;
    }
    return `${threshold} ${t('setup.coupons.minus', { d: yuan(c.discountFen ?? 0) })}`;
  };
}

function GrantModal({ template, onClose }: { template: CouponTemplate | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ userIds: string[] }>();
  const [q, setQ] = useState('');
  const users = useUserSearch(q);
  const grant = useSave(
    (v: { userIds: string[] }) => api.post(`/admin/coupon-templates/${template!.id}/grant`, v),
    [keys.coupons],
  );
  return (
    <FormModal
      open={!!template}
      form={form}
      onClose={() => {
        form.resetFields();
        onClose();
      }}
      onSubmit={grant.mutateAsync}
      testid="grant-form"
      title={t('setup.coupons.grantTitle', { name: template?.name ?? '' })}
    >
      <Form.Item
        name="userIds"
        label={t('setup.coupons.grantTo')}
        rules={[{ required: true, message: t('setup.v.required') }]}
        extra={t('setup.coupons.grantHint')}
      >
        <Select
          mode="multiple"
          showSearch={{ filterOption: false, onSearch: setQ }}
          loading={users.isFetching}
          placeholder={t('setup.leaders.userSearch')}
          options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} ${u.phone}` }))}
        />
      </Form.Item>
    </FormModal>
  );
}

export default function CouponTemplates() {
  const { t } = useTranslation();
  const query = useCouponTemplates();
  const ruleText = useRuleText();
  const [q, setQ] = useState('');
  const [granting, setGranting] = useState<CouponTemplate | null>(null);
  const editor = useEditor<CouponTemplate, Values>(
    (c) => ({
      name: c.name,
      kind: c.kind as Values['kind'],
      threshold: yuanText(c.thresholdFen)!,
      discount: yuanText(c.discountFen),
      percentOff: c.percentOffBps === null ? undefined : c.percentOffBps / 100,
      maxDiscount: yuanText(c.maxDiscountFen),
      validity: [toDayjs(c.validFrom), toDayjs(c.validTo)],
      perCustomerLimit: c.perCustomerLimit,
      totalLimit: c.totalLimit,
      stackableWithFullReduction: c.stackableWithFullReduction,
      claimable: c.claimable,
    }),
    { kind: 'amount', threshold: '0', perCustomerLimit: 1, stackableWithFullReduction: true, claimable: false },
  );
  const kind = Form.useWatch('kind', editor.form);
  const save = useSave(
    (v: Values) => {
      const row = editor.row;
      if (row) {
        // only what changed: once coupons are issued, an unchanged validFrom is fine but a moved one is refused
        const patch: Record<string, unknown> = {};
        if (v.name !== row.name) patch.name = v.name;
        if (!v.validity[0].isSame(toDayjs(row.validFrom))) patch.validFrom = toIso(v.validity[0]);
        if (!v.validity[1].isSame(toDayjs(row.validTo))) patch.validTo = toIso(v.validity[1]);
        if (v.perCustomerLimit !== row.perCustomerLimit) patch.perCustomerLimit = v.perCustomerLimit;
        if ((v.totalLimit ?? null) !== row.totalLimit) patch.totalLimit = v.totalLimit ?? null;
        if (v.stackableWithFullReduction !== row.stackableWithFullReduction)
          patch.stackableWithFullReduction = v.stackableWithFullReduction;
        if (v.claimable !== row.claimable) patch.claimable = v.claimable;
        return Object.keys(patch).length
          ? api.patch(`/admin/coupon-templates/${row.id}`, patch)
          : Promise.resolve(null);
      }
      return api.post('/admin/coupon-templates', {
        name: v.name,
        kind: v.kind,
        thresholdFen: fen(v.threshold),
        ...(v.kind === 'amount'
          ? { discountFen: fen(v.discount!) }
          : {
              percentOffBps: Math.round((v.percentOff ?? 0) * 100),
              ...(fenOrUndefined(v.maxDiscount) !== undefined ? { maxDiscountFen: fenOrUndefined(v.maxDiscount) } : {}),
            }),
        validFrom: toIso(v.validity[0]),
        validTo: toIso(v.validity[1]),
        perCustomerLimit: v.perCustomerLimit,
        ...(v.totalLimit ? { totalLimit: v.totalLimit } : {}),
        stackableWithFullReduction: v.stackableWithFullReduction,
        claimable: v.claimable,
      });
    },
    [keys.coupons],
  );
  const toggle = useSave(
    (c: CouponTemplate) => api.post(`/admin/coupon-templates/${c.id}/${c.status === 'active' ? 'pause' : 'resume'}`),
    [keys.coupons],
  );

  const columns: ColumnsType<CouponTemplate> = [
    { title: t('setup.f.name'), dataIndex: 'name', width: 200 },
    {
      title: t('setup.f.rule'),
      key: 'rule',
      render: (_, c) => (
        <>
          {ruleText(c)} {!c.stackableWithFullReduction && <Tag>{t('setup.coupons.notStackable')}</Tag>}
        </>
      ),
      filters: [
        { text: t('setup.coupons.kind_amount'), value: 'amount' },
        { text: t('setup.coupons.kind_percent'), value: 'percent' },
      ],
      onFilter: (v, r) => r.kind === v,
    },
    {
      title: t('setup.f.validity'),
      key: 'v',
      width: 270,
      render: (_, c) => `${dateTime(c.validFrom)} ~ ${dateTime(c.validTo)}`,
    },
    {
      title: t('setup.f.limits'),
      key: 'l',
      width: 130,
      render: (_, c) => t('setup.coupons.limits', { per: c.perCustomerLimit, total: c.totalLimit ?? '∞' }),
    },
    {
      title: t('setup.f.usage'),
      key: 'u',
      width: 140,
      render: (_, c) => t('setup.coupons.usage', { issued: c.issued, used: c.used }),
    },
    {
      title: t('setup.f.status'),
      key: 's',
      width: 120,
      render: (_, c) => (
        <Space size={4}>
          <Tag color={c.status === 'active' ? 'green' : 'default'}>{t(`setup.status.${c.status}`)}</Tag>
          {c.claimable && <Tag color="purple">{t('setup.coupons.claimable')}</Tag>}
        </Space>
      ),
    },
    {
      title: '',
      key: 'a',
      width: 190,
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => editor.open(c)}>
            {t('setup.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setGranting(c)} disabled={c.status !== 'active'}>
            {t('setup.coupons.grant')}
          </Button>
          <Popconfirm
            title={c.status === 'active' ? t('setup.coupons.pauseQ') : t('setup.coupons.resumeQ')}
            onConfirm={() => toggle.mutateAsync(c).catch(() => undefined)}
          >
            <Button type="link" size="small" danger={c.status === 'active'}>
              {c.status === 'active' ? t('setup.pause') : t('setup.resume')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="setup-coupons">
      <PageHead
        title={t('setup.nav.coupons')}
        extra={
          <>
            <SearchBox value={q} onChange={setQ} placeholder={t('setup.searchName')} />
            <Button type="primary" onClick={() => editor.open()} data-testid="coupon-new">
              {t('setup.coupons.new')}
            </Button>
          </>
        }
      />
      <QueryState query={query} isEmpty={(d) => d.length === 0} emptyText={t('setup.coupons.empty')}>
        {(d) => (
          <Table<CouponTemplate>
            rowKey="id"
            dataSource={d.filter((c) => matches(q, c.name))}
            columns={columns}
            pagination={{ pageSize: 15 }}
          />
        )}
      </QueryState>
      <GrantModal template={granting} onClose={() => setGranting(null)} />
      <FormModal
        open={editor.isOpen}
        form={editor.form}
        onClose={editor.close}
        onSubmit={save.mutateAsync}
        testid="coupon-form"
        width={640}
        title={editor.row ? t('setup.coupons.edit') : t('setup.coupons.new')}
      >
        {editor.row && (
          <Alert type="info" showIcon title={t('setup.coupons.termsFixed')} style={{ marginBottom: 16 }} />
        )}
        <Form.Item name="name" label={t('setup.f.name')} rules={[required(t), { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('setup.f.kind')}>
          <Radio.Group
            disabled={!!editor.row}
            options={['amount', 'percent'].map((k) => ({ value: k, label: t(`setup.coupons.kind_${k}`) }))}
          />
        </Form.Item>
        <Space wrap size="large" align="start">
          <Form.Item
            name="threshold"
            label={t('setup.f.thresholdYuan')}
            rules={yuanRules(t)}
            extra={t('setup.coupons.thresholdHint')}
          >
            <MoneyInput disabled={!!editor.row} />
          </Form.Item>
          {kind === 'percent' ? (
            <>
              <Form.Item
                name="percentOff"
                label={t('setup.f.percentOff')}
                rules={[{ required: true, message: t('setup.v.required') }]}
                extra={t('setup.coupons.percentHint')}
              >
                <InputNumber
                  min={0.01}
                  max={100}
                  step={1}
                  precision={2}
                  suffix="%"
                  style={{ width: 140 }}
                  disabled={!!editor.row}
                />
              </Form.Item>
              <Form.Item name="maxDiscount" label={t('setup.f.maxDiscountYuan')} rules={yuanRules(t, true)}>
                <MoneyInput placeholder={t('setup.optional')} disabled={!!editor.row} />
              </Form.Item>
            </>
          ) : (
            <Form.Item
              name="discount"
              label={t('setup.f.discountYuan')}
              dependencies={['threshold']}
              rules={[
                ...yuanRules(t),
                ({ getFieldValue }) => ({
                  validator: async (_, v?: string) => {
                    const d = fenOrUndefined(v);
                    const th = fenOrUndefined(getFieldValue('threshold'));
                    if (d !== undefined && th !== undefined && th > 0 && d >= th)
                      throw new Error(t('setup.v.discountBelowThreshold'));
                    if (d === 0) throw new Error(t('setup.v.positive'));
                  },
                }),
              ]}
            >
              <MoneyInput disabled={!!editor.row} />
            </Form.Item>
          )}
        </Space>
        <Form.Item
          name="validity"
          label={t('setup.f.validity')}
          rules={[{ required: true, message: t('setup.v.required') }]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Space wrap size="large" align="start">
          <Form.Item
            name="perCustomerLimit"
            label={t('setup.f.perCustomerCoupons')}
            rules={[{ required: true, message: t('setup.v.required') }]}
          >
            <InputNumber min={1} max={1000} precision={0} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="totalLimit" label={t('setup.f.totalLimit')} extra={t('setup.coupons.totalHint')}>
            <InputNumber min={1} precision={0} style={{ width: 160 }} placeholder={t('setup.unlimited')} />
          </Form.Item>
        </Space>
        <Space wrap size="large" align="start">
          <Form.Item name="stackableWithFullReduction" label={t('setup.f.stackable')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="claimable"
            label={t('setup.f.claimable')}
            valuePropName="checked"
            extra={t('setup.coupons.claimableHint')}
          >
            <Switch />
          </Form.Item>
        </Space>
      </FormModal>
    </div>
  );
}
