import { useState } from 'react';
import { Button, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/State';
import { api, type PickupPoint } from '../api';
import { keys, useNetwork, usePickupPoints, useSave } from '../queries';
import { FormModal, PageHead, SearchBox, matches, required } from '../parts';
import { useEditor } from '../useEditor';

interface Values {
  name: string;
  address: string;
  routeId: string;
  lat?: number | null;
  lng?: number | null;
}

export default function PickupPoints() {
  const { t } = useTranslation();
  const query = usePickupPoints();
  const network = useNetwork();
  const [q, setQ] = useState('');
  const editor = useEditor<PickupPoint, Values>((p) => ({
    name: p.name,
    address: p.address,
    routeId: p.routeId,
    lat: p.lat,
    lng: p.lng,
  }));
  const save = useSave(
    (v: Values) => {
      const body = { name: v.name, address: v.address, routeId: v.routeId };
      // the location is optional: clearing it on edit sends null, on create leaves it out
      const lat = v.lat ?? null;
      const lng = v.lng ?? null;
      return editor.row
        ? api.patch(`/admin/pickup-points/${editor.row.id}`, { ...body, lat, lng })
        : api.post('/admin/pickup-points', { ...body, ...(lat !== null && lng !== null ? { lat, lng } : {}) });
    },
    [keys.pickupPoints],
  );
  const routes = network.data?.routes ?? [];
  const routeName = (id: string) => routes.find((r) => r.id === id)?.name ?? '—';

  const columns: ColumnsType<PickupPoint> = [
    { title: t('setup.f.name'), dataIndex: 'name' },
    { title: t('setup.f.address'), dataIndex: 'address' },
    {
      title: t('setup.f.route'),
      dataIndex: 'routeId',
      render: routeName,
      filters: routes.map((r) => ({ text: r.name, value: r.id })),
      onFilter: (v, r) => r.routeId === v,
    },
    {
      title: t('setup.f.leader'),
      dataIndex: 'leaderName',
      render: (n: string | null) => n ?? <span style={{ color: '#999' }}>{t('setup.points.noLeader')}</span>,
    },
    {
      title: t('setup.f.location'),
      key: 'loc',
      render: (_, p) => (p.lat !== null && p.lng !== null ? `${p.lat.toFixed(4)}, ${p.lng.toFixed(4)}` : '—'),
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
    <div data-testid="setup-pickup-points">
      <PageHead
        title={t('setup.nav.pickupPoints')}
        extra={
          <>
            <SearchBox value={q} onChange={setQ} placeholder={t('setup.points.search')} />
            <Button type="primary" onClick={() => editor.open()} data-testid="point-new">
              {t('setup.points.new')}
            </Button>
          </>
        }
      />
      <QueryState query={query} isEmpty={(d) => d.length === 0} emptyText={t('setup.points.empty')}>
        {(d) => (
          <Table<PickupPoint>
            rowKey="id"
            dataSource={d.filter((p) => matches(q, p.name, p.address, p.leaderName))}
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
        testid="point-form"
        title={editor.row ? t('setup.points.edit') : t('setup.points.new')}
      >
        <Form.Item name="name" label={t('setup.f.name')} rules={[required(t), { max: 100 }]}>
          <Input data-testid="point-name" />
        </Form.Item>
        <Form.Item name="address" label={t('setup.f.address')} rules={[required(t), { max: 200 }]}>
          <Input data-testid="point-address" />
        </Form.Item>
        <Form.Item
          name="routeId"
          label={t('setup.f.route')}
          rules={[{ required: true, message: t('setup.v.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={routes.map((r) => ({ value: r.id, label: r.name }))}
            data-testid="point-route"
          />
        </Form.Item>
        <Space>
          <Form.Item
            name="lat"
            label={t('setup.f.lat')}
            dependencies={['lng']}
            rules={[
              {
                validator: async (_, v) => {
                  if ((v ?? null) === null && (editor.form.getFieldValue('lng') ?? null) !== null)
                    throw new Error(t('setup.v.bothCoords'));
                },
              },
            ]}
          >
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item
            name="lng"
            label={t('setup.f.lng')}
            dependencies={['lat']}
            rules={[
              {
                validator: async (_, v) => {
                  if ((v ?? null) === null && (editor.form.getFieldValue('lat') ?? null) !== null)
                    throw new Error(t('setup.v.bothCoords'));
                },
              },
            ]}
          >
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: 180 }} />
          </Form.Item>
        </Space>
      </FormModal>
    </div>
  );
}
