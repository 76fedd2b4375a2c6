import { useState } from 'react';
import { Button, Form, Input, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/State';
import { api, type Route } from '../api';
import { keys, useNetwork, usePickupPoints, useSave } from '../queries';
import { FormModal, PageHead, SearchBox, matches, required } from '../parts';
import { useEditor } from '../useEditor';

interface Values {
  name: string;
  warehouseId: string;
}

/** Delivery routes (线路): each leaves one warehouse and serves its pickup points. */
export default function Routes() {
  const { t } = useTranslation();
  const query = useNetwork();
  const points = usePickupPoints();
  const [q, setQ] = useState('');
  const editor = useEditor<Route, Values>((r) => ({ name: r.name, warehouseId: r.warehouseId }));
  const save = useSave(
    (v: Values) => (editor.row ? api.patch(`/admin/routes/${editor.row.id}`, v) : api.post('/admin/routes', v)),
    [keys.network],
  );
  const warehouses = query.data?.warehouses ?? [];
  const whName = (id: string) => warehouses.find((w) => w.id === id)?.name ?? '—';

  const columns: ColumnsType<Route> = [
    { title: t('setup.f.name'), dataIndex: 'name' },
    {
      title: t('setup.f.warehouse'),
      dataIndex: 'warehouseId',
      render: whName,
      filters: warehouses.map((w) => ({ text: w.name, value: w.id })),
      onFilter: (v, r) => r.warehouseId === v,
    },
    {
      title: t('setup.routes.pointCount'),
      key: 'points',
      width: 140,
      render: (_, r) => points.data?.filter((p) => p.routeId === r.id).length ?? '—',
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
    <div data-testid="setup-routes">
      <PageHead
        title={t('setup.nav.routes')}
        extra={
          <>
            <SearchBox value={q} onChange={setQ} placeholder={t('setup.searchName')} />
            <Button type="primary" onClick={() => editor.open()} data-testid="route-new">
              {t('setup.routes.new')}
            </Button>
          </>
        }
      />
      <QueryState query={query} isEmpty={(d) => d.routes.length === 0} emptyText={t('setup.routes.empty')}>
        {(d) => (
          <Table<Route>
            rowKey="id"
            dataSource={d.routes.filter((r) => matches(q, r.name, whName(r.warehouseId)))}
            columns={columns}
            pagination={{ pageSize: 20 }}
          />
        )}
      </QueryState>
      <FormModal
        open={editor.isOpen}
        form={editor.form}
        onClose={editor.close}
        onSubmit={save.mutateAsync}
        testid="route-form"
        title={editor.row ? t('setup.routes.edit') : t('setup.routes.new')}
      >
        <Form.Item name="name" label={t('setup.f.name')} rules={[required(t), { max: 100 }]}>
          <Input data-testid="route-name" />
        </Form.Item>
        <Form.Item
          name="warehouseId"
          label={t('setup.f.warehouse')}
          rules={[{ required: true, message: t('setup.v.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={warehouses.map((w) => ({ value: w.id, label: `${w.name}（${t(`setup.kind.${w.kind}`)}）` }))}
          />
        </Form.Item>
      </FormModal>
    </div>
  );
}
