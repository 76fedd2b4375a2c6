import { Alert, Button, DatePicker, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { FormListFieldData, FormListOperation } from 'antd/es/form/FormList';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { yuan } from '../../../shared/money';
import { QueryState } from '../../components/State';
import { api, type FullReduction } from '../api';
import { keys, useCategories, useCategoryName, useFullReductions, useSave } from '../queries';
import {
  FormModal,
  MoneyInput,
  PageHead,
  dateTime,
  toDayjs,
  toIso,
  fen,
  fenOrUndefined,
  required,
  yuanRules,
  yuanText,
} from '../parts';
import { useEditor } from '../useEditor';

interface Values {
  name: string;
  window: [Dayjs, Dayjs];
  tiers: { threshold?: string; discount?: string }[];
  categories?: string[];
}

/** Full-reduction promotions (满减): create, edit (applies to later orders), pause and resume. */
export default function FullReductions() {
  const { t, i18n } = useTranslation();
  const query = useFullReductions();
  const categories = useCategories();
  const categoryName = useCategoryName();
  const editor = useEditor<FullReduction, Values>(
    (r) => ({
      name: r.name,
      window: [toDayjs(r.startsAt), toDayjs(r.endsAt)],
      categories: r.categories ?? [],
      tiers: r.tiers.map((x) => ({ threshold: yuanText(x.thresholdFen), discount: yuanText(x.discountFen) })),
    }),
    { tiers: [{}] },
  );
  const save = useSave(
    (v: Values) => {
      const body = {
        name: v.name,
        startsAt: toIso(v.window[0]),
        endsAt: toIso(v.window[1]),
        tiers: v.tiers.map((x) => ({ thresholdFen: fen(x.threshold!), discountFen: fen(x.discount!) })),
      };
      return editor.row
        ? api.patch(`/admin/promotions/full-reduction/${editor.row.id}`, {
            ...body,
            categories: v.categories?.length ? v.categories : null,
          })
        : api.post('/admin/promotions/full-reduction', {
            ...body,
            ...(v.categories?.length ? { categories: v.categories } : {}),
          });
    },
    [keys.reductions],
  );
  const toggle = useSave(
    (r: FullReduction) =>
      api.post(`/admin/promotions/full-reduction/${r.id}/${r.status === 'active' ? 'pause' : 'resume'}`),
    [keys.reductions],
  );

  const tiersValidator = async (_: unknown, tiers: Values['tiers']) => {
    let prev = 0;
    for (const x of tiers ?? []) {
      const th = fenOrUndefined(x?.threshold);
      const d = fenOrUndefined(x?.discount);
      if (th === undefined || d === undefined) continue;
      if (d >= th) throw new Error(t('setup.v.discountBelowThreshold'));
      if (th <= prev) throw new Error(t('setup.v.thresholdAscending'));
      prev = th;
    }
  };

  const columns: ColumnsType<FullReduction> = [
    { title: t('setup.f.name'), dataIndex: 'name' },
    {
      title: t('setup.f.tiers'),
      dataIndex: 'tiers',
      render: (tiers: FullReduction['tiers']) =>
        tiers.map((x) => t('setup.promo.tierText', { th: yuan(x.thresholdFen), d: yuan(x.discountFen) })).join('，'),
    },
    {
      title: t('setup.f.scope'),
      dataIndex: 'categories',
      render: (c: string[] | null) => (c?.length ? c.map(categoryName).join('、') : t('setup.promo.wholeOrder')),
    },
    {
      title: t('setup.f.window'),
      key: 'w',
      width: 280,
      render: (_, r) => `${dateTime(r.startsAt)} ~ ${dateTime(r.endsAt)}`,
    },
    {
      title: t('setup.f.status'),
      key: 's',
      width: 110,
      render: (_, r) =>
        r.status === 'paused' ? (
          <Tag>{t('setup.status.paused')}</Tag>
        ) : (
          <Tag color={r.running ? 'green' : 'blue'}>
            {r.running ? t('setup.status.running') : t('setup.status.scheduled')}
          </Tag>
        ),
    },
    { title: t('setup.f.orders'), dataIndex: 'orders', width: 80 },
    { title: t('setup.f.discountGiven'), dataIndex: 'discountGivenFen', width: 110, align: 'right', render: yuan },
    {
      title: <span title={t('setup.promo.aovHint')}>{t('setup.promo.aov')}</span>,
      key: 'aov',
      width: 200,
      align: 'right',
      render: (_, r) =>
        r.aov?.windowAovFen != null && r.aov.baselineAovFen != null ? (
          <span data-testid="promo-aov">
            {yuan(r.aov.windowAovFen)} / {yuan(r.aov.baselineAovFen)}{' '}
            {r.aov.uplift != null && (
              <Tag color={r.aov.uplift >= 0 ? 'green' : 'red'}>
                {r.aov.uplift >= 0 ? '+' : ''}
                {(r.aov.uplift * 100).toFixed(1)}%
              </Tag>
            )}
          </span>
        ) : (
          t('setup.promo.aovNone')
        ),
    },
    {
      title: '',
      key: 'a',
      width: 150,
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" onClick={() => editor.open(r)}>
            {t('setup.edit')}
          </Button>
          <Popconfirm
            title={r.status === 'active' ? t('setup.promo.pauseQ') : t('setup.promo.resumeQ')}
            onConfirm={() => toggle.mutateAsync(r).catch(() => undefined)}
          >
            <Button type="link" danger={r.status === 'active'}>
              {r.status === 'active' ? t('setup.pause') : t('setup.resume')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="setup-full-reduction">
      <PageHead
        title={t('setup.nav.fullReduction')}
        extra={
          <Button type="primary" onClick={() => editor.open()} data-testid="promo-new">
            {t('setup.promo.new')}
          </Button>
        }
      />
      <QueryState query={query} isEmpty={(d) => d.length === 0} emptyText={t('setup.promo.empty')}>
        {(d) => <Table<FullReduction> rowKey="id" dataSource={d} columns={columns} pagination={{ pageSize: 15 }} />}
      </QueryState>
      <FormModal
        open={editor.isOpen}
        form={editor.form}
        onClose={editor.close}
        onSubmit={save.mutateAsync}
        testid="promo-form"
        width={640}
        title={editor.row ? t('setup.promo.edit') : t('setup.promo.new')}
      >
        {editor.row && <Alert type="info" showIcon title={t('setup.promo.editHint')} style={{ marginBottom: 16 }} />}
        <Form.Item name="name" label={t('setup.f.name')} rules={[required(t), { max: 100 }]}>
          <Input placeholder={t('setup.promo.namePh')} />
        </Form.Item>
        <Form.Item
          name="window"
          label={t('setup.f.window')}
          rules={[{ required: true, message: t('setup.v.required') }]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item label={t('setup.f.tiers')} required extra={t('setup.promo.tiersHint')}>
          <Form.List name="tiers" rules={[{ validator: tiersValidator }]}>
            {(
              fields: FormListFieldData[],
              { add, remove }: FormListOperation,
              { errors }: { errors: React.ReactNode[] },
            ) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <span>{t('setup.promo.spend')}</span>
                    <Form.Item name={[field.name, 'threshold']} rules={yuanRules(t)}>
                      <MoneyInput />
                    </Form.Item>
                    <span>{t('setup.promo.minus')}</span>
                    <Form.Item name={[field.name, 'discount']} rules={yuanRules(t)}>
                      <MoneyInput />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button type="link" danger onClick={() => remove(field.name)}>
                        {t('setup.remove')}
                      </Button>
                    )}
                  </Space>
                ))}
                {fields.length < 10 && (
                  <Button type="dashed" onClick={() => add({})}>
                    {t('setup.promo.addTier')}
                  </Button>
                )}
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="categories" label={t('setup.f.scope')} extra={t('setup.promo.scopeHint')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('setup.promo.wholeOrder')}
            options={(categories.data ?? []).map((c) => ({
              value: c.code,
              label: i18n.language === 'en' ? c.nameEn : c.nameZh,
            }))}
          />
        </Form.Item>
      </FormModal>
    </div>
  );
}
