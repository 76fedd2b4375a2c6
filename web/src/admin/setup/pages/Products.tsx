import { useState } from 'react';
import { Button, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { yuan } from '../../../shared/money';
import { QueryState } from '../../components/State';
import { api, type Product, type Zone } from '../api';
import { keys, useCategories, useCategoryName, useProducts, useSave, useSuppliers } from '../queries';
import { FormModal, MoneyInput, PageHead, SearchBox, fen, matches, required, yuanRules, yuanText } from '../parts';
import { useEditor } from '../useEditor';
import { CategoryModal } from './CategoryModal';
import { ProductImages } from './ProductImages';

interface Values {
  name: string;
  category: string;
  supplierId: string;
  backupSupplierId?: string | null;
  unit: string;
  listPrice: string;
  cost: string;
  temperatureZone: Zone;
  shelfLifeDays?: number | null;
  minRemainingShelfDays?: number | null;
  packSize?: number | null;
  origin?: string | null;
  specification?: string | null;
  storage?: string | null;
  description?: string | null;
  energyKj?: number | null;
  proteinG?: number | null;
  fatG?: number | null;
  carbohydrateG?: number | null;
  sodiumMg?: number | null;
}

const NUTRIENTS = ['energyKj', 'proteinG', 'fatG', 'carbohydrateG', 'sodiumMg'] as const;
/** all five facts, or none at all (a label prints them together) */
function nutritionOf(v: Values) {
  const given = NUTRIENTS.filter((k) => v[k] !== undefined && v[k] !== null);
  if (!given.length) return null;
  return Object.fromEntries(NUTRIENTS.map((k) => [k, v[k] ?? 0])) as Record<(typeof NUTRIENTS)[number], number>;
}
const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

const ZONES: Zone[] = ['ambient', 'chilled', 'frozen'];
const zoneColor: Record<string, string> = { ambient: 'default', chilled: 'blue', frozen: 'geekblue' };

export default function Products() {
  const { t, i18n } = useTranslation();
  const query = useProducts();
  const suppliers = useSuppliers();
  const categories = useCategories();
  const categoryName = useCategoryName();
  const [q, setQ] = useState('');
  const [addingCategory, setAddingCategory] = useState(false);
  const editor = useEditor<Product, Values>(
    (p) => ({
      name: p.name,
      category: p.category,
      supplierId: p.supplierId,
      backupSupplierId: p.backupSupplierId,
      unit: p.unit,
      listPrice: yuanText(p.listPriceFen)!,
      cost: yuanText(p.costFen)!,
      temperatureZone: p.temperatureZone as Zone,
      shelfLifeDays: p.shelfLifeDays,
      minRemainingShelfDays: p.minRemainingShelfDays,
      packSize: p.packSize,
      origin: p.origin,
      specification: p.specification,
      storage: p.storage,
      description: p.description,
      ...(p.nutrition ?? {}),
    }),
    { temperatureZone: 'ambient', packSize: 1 },
  );
  const save = useSave(
    (v: Values) => {
      const body = {
        name: v.name,
        category: v.category,
        supplierId: v.supplierId,
        unit: v.unit,
        listPriceFen: fen(v.listPrice),
        costFen: fen(v.cost),
        temperatureZone: v.temperatureZone,
        packSize: v.packSize ?? 1,
      };
      const details = {
        origin: text(v.origin),
        specification: text(v.specification),
        storage: text(v.storage),
        description: text(v.description),
        nutrition: nutritionOf(v),
      };
      // a new product sends only what was filled in; an edit sends null to clear a field
      const filled = Object.fromEntries(Object.entries(details).filter(([, x]) => x !== null));
      return editor.row
        ? api.patch(`/admin/products/${editor.row.id}`, {
            ...body,
            ...details,
            shelfLifeDays: v.shelfLifeDays ?? null,
            minRemainingShelfDays: v.minRemainingShelfDays ?? null,
            backupSupplierId: v.backupSupplierId ?? null,
          })
        : api.post('/admin/products', {
            ...body,
            ...filled,
            ...(v.backupSupplierId ? { backupSupplierId: v.backupSupplierId } : {}),
            ...(v.shelfLifeDays ? { shelfLifeDays: v.shelfLifeDays } : {}),
            ...(typeof v.minRemainingShelfDays === 'number' ? { minRemainingShelfDays: v.minRemainingShelfDays } : {}),
          });
    },
    [keys.products, keys.campaigns],
  );
  // the row as it is now: pictures change while the form is open
  const current = editor.row ? (query.data?.find((p) => p.id === editor.row?.id) ?? editor.row) : null;
  const supplierName = (id: string) => suppliers.data?.find((s) => s.id === id)?.name ?? '—';

  const columns: ColumnsType<Product> = [
    { title: t('setup.f.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    {
      title: t('setup.f.category'),
      dataIndex: 'category',
      width: 120,
      render: categoryName,
      filters: (categories.data ?? []).map((c) => ({
        text: i18n.language === 'en' ? c.nameEn : c.nameZh,
        value: c.code,
      })),
      onFilter: (v, r) => r.category === v,
    },
    {
      title: t('setup.f.supplier'),
      dataIndex: 'supplierId',
      render: supplierName,
      filters: (suppliers.data ?? []).map((s) => ({ text: s.name, value: s.id })),
      onFilter: (v, r) => r.supplierId === v,
    },
    { title: t('setup.f.unit'), dataIndex: 'unit', width: 70 },
    {
      title: t('setup.f.listPrice'),
      dataIndex: 'listPriceFen',
      width: 110,
      align: 'right',
      render: yuan,
      sorter: (a, b) => a.listPriceFen - b.listPriceFen,
    },
    { title: t('setup.f.cost'), dataIndex: 'costFen', width: 100, align: 'right', render: yuan },
    {
      title: t('setup.f.zone'),
      dataIndex: 'temperatureZone',
      width: 90,
      render: (z: string) => <Tag color={zoneColor[z]}>{t(`setup.zone.${z}`)}</Tag>,
    },
    {
      title: t('setup.f.shelfLife'),
      dataIndex: 'shelfLifeDays',
      width: 100,
      render: (d: number | null) => (d ? t('setup.days', { n: d }) : '—'),
    },
    { title: t('setup.f.packSize'), dataIndex: 'packSize', width: 90 },
    {
      title: '',
      key: 'a',
      width: 80,
      render: (_, r) => (
        <Button type="link" onClick={() => editor.open(r)} data-testid={`product-edit-${r.name}`}>
          {t('setup.edit')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="setup-products">
      <PageHead
        title={t('setup.nav.products')}
        extra={
          <>
            <SearchBox value={q} onChange={setQ} placeholder={t('setup.products.search')} />
            <Button onClick={() => setAddingCategory(true)} data-testid="category-new">
              {t('setup.categories.new')}
            </Button>
            <Button type="primary" onClick={() => editor.open()} data-testid="product-new">
              {t('setup.products.new')}
            </Button>
          </>
        }
      />
      <QueryState query={query} isEmpty={(d) => d.length === 0} emptyText={t('setup.products.empty')}>
        {(d) => (
          <Table<Product>
            rowKey="id"
            size="middle"
            dataSource={d.filter((p) => matches(q, p.name, supplierName(p.supplierId)))}
            columns={columns}
            pagination={{ pageSize: 15 }}
          />
        )}
      </QueryState>
      <CategoryModal open={addingCategory} onClose={() => setAddingCategory(false)} />
      <FormModal
        open={editor.isOpen}
        form={editor.form}
        onClose={editor.close}
        onSubmit={save.mutateAsync}
        testid="product-form"
        width={640}
        title={editor.row ? t('setup.products.edit') : t('setup.products.new')}
      >
        <Form.Item name="name" label={t('setup.f.name')} rules={[required(t), { max: 100 }]}>
          <Input data-testid="product-name" />
        </Form.Item>
        <Space wrap size="large" align="start">
          <Form.Item
            name="category"
            label={t('setup.f.category')}
            rules={[{ required: true, message: t('setup.v.required') }]}
          >
            <Select
              style={{ width: 180 }}
              data-testid="product-category"
              options={(categories.data ?? []).map((c) => ({
                value: c.code,
                label: i18n.language === 'en' ? c.nameEn : c.nameZh,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="supplierId"
            label={t('setup.f.supplier')}
            rules={[{ required: true, message: t('setup.v.required') }]}
          >
            <Select
              style={{ width: 260 }}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="product-supplier"
              options={(suppliers.data ?? []).map((s) => ({
                value: s.id,
                label: s.name,
                disabled: s.status !== 'active' && s.id !== editor.row?.supplierId,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="backupSupplierId"
            label={t('setup.products.backupSupplier')}
            extra={t('setup.products.backupSupplierHint')}
          >
            <Select
              style={{ width: 260 }}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="product-backup-supplier"
              options={(suppliers.data ?? []).map((s) => ({
                value: s.id,
                label: s.usable ? s.name : `${s.name}（${t('setup.products.notUsable')}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="unit" label={t('setup.f.unit')} rules={[required(t), { max: 20 }]}>
            <Input style={{ width: 100 }} placeholder={t('setup.products.unitPh')} data-testid="product-unit" />
          </Form.Item>
        </Space>
        <Space wrap size="large" align="start">
          <Form.Item
            name="listPrice"
            label={t('setup.f.listPriceYuan')}
            rules={yuanRules(t)}
            extra={t('setup.products.listPriceHint')}
          >
            <MoneyInput testid="product-list-price" />
          </Form.Item>
          <Form.Item name="cost" label={t('setup.f.costYuan')} rules={yuanRules(t)}>
            <MoneyInput testid="product-cost" />
          </Form.Item>
        </Space>
        <Space wrap size="large" align="start">
          <Form.Item name="temperatureZone" label={t('setup.f.zone')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={ZONES.map((z) => ({ value: z, label: t(`setup.zone.${z}`) }))} />
          </Form.Item>
          <Form.Item name="shelfLifeDays" label={t('setup.f.shelfLifeDays')}>
            <InputNumber min={1} max={3650} precision={0} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item
            name="minRemainingShelfDays"
            label={t('setup.f.minRemainingShelfDays')}
            extra={t('setup.products.minShelfHint')}
          >
            <InputNumber min={0} max={3650} precision={0} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="packSize" label={t('setup.f.packSize')} extra={t('setup.products.packHint')}>
            <InputNumber min={1} max={10000} precision={0} style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Space wrap size="large" align="start">
          <Form.Item name="origin" label={t('setup.products.origin')} rules={[{ max: 100 }]}>
            <Input style={{ width: 180 }} data-testid="product-origin" />
          </Form.Item>
          <Form.Item name="specification" label={t('setup.products.specification')} rules={[{ max: 100 }]}>
            <Input style={{ width: 180 }} data-testid="product-specification" />
          </Form.Item>
          <Form.Item name="storage" label={t('setup.products.storage')} rules={[{ max: 100 }]}>
            <Input style={{ width: 180 }} placeholder={t('setup.products.storagePh')} data-testid="product-storage" />
          </Form.Item>
        </Space>
        <Form.Item
          name="description"
          label={t('setup.products.description')}
          extra={t('setup.products.descriptionHint')}
          rules={[{ max: 5000 }]}
        >
          <Input.TextArea rows={4} data-testid="product-description" />
        </Form.Item>
        <Form.Item label={t('setup.products.nutrition')} extra={t('setup.products.nutritionHint')}>
          <Space wrap>
            {NUTRIENTS.map((k) => (
              <Form.Item key={k} name={k} noStyle>
                <InputNumber
                  min={0}
                  max={k === 'sodiumMg' ? 100000 : k === 'energyKj' ? 4000 : 100}
                  precision={k === 'sodiumMg' || k === 'energyKj' ? 0 : 1}
                  placeholder={t(`setup.products.${k}`)}
                  style={{ width: 150 }}
                  data-testid={`product-${k}`}
                />
              </Form.Item>
            ))}
          </Space>
        </Form.Item>
        <Form.Item label={t('setup.products.images')}>
          {current ? <ProductImages product={current} /> : <span>{t('setup.products.imagesAfterCreate')}</span>}
        </Form.Item>
      </FormModal>
    </div>
  );
}
