import { Button, Form, Input, Radio, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/State';
import { api, type Warehouse } from '../api';
import { keys, useNetwork, useRegions, useSave } from '../queries';
import { FormModal, PageHead, required } from '../parts';
import { useEditor } from '../useEditor';

interface Values {
  name: string;
  kind: 'central' | 'grid';
  parentId?: string;
  regionId?: string;
}

/** Central and grid warehouses; kind and parent are fixed once created (the server only renames). */
export default function Warehouses() {
  const { t } = useTranslation();
  const query = useNetwork();
  const regions = useRegions().data ?? [];
  const onlyRegion = regions.length === 1 ? regions[0].id : undefined;
  const editor = useEditor<Warehouse, Values>(
    (w) => ({ name: w.name, kind: w.kind as Values['kind'], parentId: w.parentId ?? undefined }),
    { kind: 'central' },
  );
  const kind = Form.useWatch('kind', editor.form);
  const save = useSave(
    (v: Values) =>
      editor.row
        ? api.patch(`/admin/warehouses/${editor.row.id}`, { name: v.name })
        : api.post('/admin/warehouses', {
            name: v.name,
            kind: v.kind,
            ...(v.kind === 'grid' ? { parentId: v.parentId } : {}),
            // one region shown (no picker): it is the only one this operator works in
            ...(v.kind === 'central' && (v.regionId ?? onlyRegion) ? { regionId: v.regionId ?? onlyRegion } : {}),
          }),
    [keys.network, keys.regions],
  );
  const warehouses = query.data?.warehouses ?? [];
  const nameOf = (id: string | null) => warehouses.find((w) => w.id === id)?.name ?? '—';
  const routes = query.data?.routes ?? [];

  const columns: ColumnsType<Warehouse> = [
    { title: t('setup.f.name'), dataIndex: 'name' },
    {
      title: t('setup.f.kind'),
      dataIndex: 'kind',
      width: 140,
      filters: [
        { text: t('setup.kind.central'), value: 'central' },
        { text: t('setup.kind.grid'), value: 'grid' },
      ],
      onFilter: (v, r) => r.kind === v,
      render: (k: string) => <Tag color={k === 'central' ? 'blue' : 'cyan'}>{t(`setup.kind.${k}`)}</Tag>,
    },
    { title: t('setup.f.parent'), dataIndex: 'parentId', render: (id: string | null) => nameOf(id) },
    {
      title: t('setup.warehouses.routeCount'),
      key: 'routes',
      width: 120,
      render: (_, w) => routes.filter((r) => r.warehouseId === w.id).length,
    },
    {
      title: '',
      key: 'a',
      width: 100,
      render: (_, r) => (
        <Button type="link" onClick={() => editor.open(r)}>
          {t('setup.edit')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="setup-warehouses">
      <PageHead
        title={t('setup.nav.warehouses')}
        extra={
          <Button type="primary" onClick={() => editor.open()} data-testid="warehouse-new">
            {t('setup.warehouses.new')}
          </Button>
        }
      />
      <QueryState query={query} isEmpty={(d) => d.warehouses.length === 0} emptyText={t('setup.warehouses.empty')}>
        {(d) => <Table<Warehouse> rowKey="id" dataSource={d.warehouses} columns={columns} pagination={false} />}
      </QueryState>
      <FormModal
        open={editor.isOpen}
        form={editor.form}
        onClose={editor.close}
        onSubmit={save.mutateAsync}
        testid="warehouse-form"
        title={editor.row ? t('setup.warehouses.edit') : t('setup.warehouses.new')}
      >
        <Form.Item name="name" label={t('setup.f.name')} rules={[required(t), { max: 100 }]}>
          <Input data-testid="warehouse-name" />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('setup.f.kind')}
          extra={editor.row ? t('setup.warehouses.fixedHint') : undefined}
        >
          <Radio.Group
            disabled={!!editor.row}
            options={['central', 'grid'].map((k) => ({ value: k, label: t(`setup.kind.${k}`) }))}
          />
        </Form.Item>
        {/* the picker shows once there is a choice; a grid warehouse is in its central warehouse's city */}
        {kind === 'central' && !editor.row && regions.length > 1 && (
          <Form.Item name="regionId" label={t('setup.regions.region')} initialValue={regions[0]?.id}>
            <Select data-testid="warehouse-region" options={regions.map((r) => ({ value: r.id, label: r.name }))} />
          </Form.Item>
        )}
        {kind === 'grid' && (
          <Form.Item
            name="parentId"
            label={t('setup.f.parent')}
            rules={[{ required: true, message: t('setup.v.required') }]}
          >
            <Select
              disabled={!!editor.row}
              options={warehouses.filter((w) => w.kind === 'central').map((w) => ({ value: w.id, label: w.name }))}
            />
          </Form.Item>
        )}
      </FormModal>
    </div>
  );
}
