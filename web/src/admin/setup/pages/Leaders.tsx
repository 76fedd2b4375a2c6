import { useState } from 'react';
import { Button, Form, InputNumber, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/State';
import { api, type Leader } from '../api';
import { keys, useLeaders, usePickupPoints, useSave, useUserSearch } from '../queries';
import { FormModal, PageHead, SearchBox, matches } from '../parts';
import { useEditor } from '../useEditor';

/** Commission is typed as a percentage (10 = 10 %) and sent in basis points. */
interface Values {
  userId?: string;
  pickupPointId?: string;
  /** empty for a new leader: the rate of the point's city */
  commissionPct?: number | null;
}

const pct = (bps: number) => `${(bps / 100).toFixed(bps % 100 ? 2 : 0)}%`;

export default function Leaders() {
  const { t } = useTranslation();
  const query = useLeaders();
  const points = usePickupPoints();
  const [q, setQ] = useState('');
  const [userQ, setUserQ] = useState('');
  const users = useUserSearch(userQ);
  const editor = useEditor<Leader, Values>((l) => ({ commissionPct: l.commissionBps / 100 }), {});
  const save = useSave(
    (v: Values) => {
      const commissionBps =
        v.commissionPct === undefined || v.commissionPct === null ? undefined : Math.round(v.commissionPct * 100);
      return editor.row
        ? api.patch(`/admin/leaders/${editor.row.id}`, { commissionBps })
        : api.post('/admin/leaders', {
            userId: v.userId,
            pickupPointId: v.pickupPointId,
            ...(commissionBps !== undefined ? { commissionBps } : {}),
          });
    },
    [keys.leaders, keys.pickupPoints],
  );
  const toggle = useSave(
    (l: Leader) => api.patch(`/admin/leaders/${l.id}`, { active: l.status !== 'active' }),
    [keys.leaders, keys.pickupPoints],
  );
  const busyPoints = new Set((query.data ?? []).filter((l) => l.status === 'active').map((l) => l.pickupPointId));

  const columns: ColumnsType<Leader> = [
    { title: t('setup.f.name'), dataIndex: 'name' },
    { title: t('setup.f.phone'), dataIndex: 'phone', width: 140 },
    { title: t('setup.f.pickupPoint'), dataIndex: 'pickupPointName' },
    {
      title: t('setup.f.commission'),
      dataIndex: 'commissionBps',
      width: 110,
      render: pct,
      sorter: (a, b) => a.commissionBps - b.commissionBps,
    },
    {
      // customers whose first pickup point came from this leader's poster link
      title: t('setup.f.linkedCustomers'),
      dataIndex: 'linkedCustomers',
      width: 110,
      align: 'right',
      sorter: (a, b) => a.linkedCustomers - b.linkedCustomers,
      render: (n: number, l) => <span data-testid={`linked-customers-${l.id}`}>{n}</span>,
    },
    {
      title: t('setup.f.status'),
      dataIndex: 'status',
      width: 110,
      filters: [
        { text: t('setup.status.active'), value: 'active' },
        { text: t('setup.status.inactive'), value: 'inactive' },
      ],
      onFilter: (v, r) => r.status === v,
      render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`setup.status.${s}`)}</Tag>,
    },
    {
      title: '',
      key: 'a',
      width: 220,
      render: (_, l) => (
        <Space size={0}>
          <Button type="link" onClick={() => editor.open(l)}>
            {t('setup.leaders.editRate')}
          </Button>
          <Popconfirm
            title={l.status === 'active' ? t('setup.leaders.deactivateQ') : t('setup.leaders.activateQ')}
            onConfirm={() => toggle.mutateAsync(l).catch(() => undefined)}
          >
            <Button type="link" danger={l.status === 'active'}>
              {l.status === 'active' ? t('setup.leaders.deactivate') : t('setup.leaders.activate')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="setup-leaders">
      <PageHead
        title={t('setup.nav.leaders')}
        extra={
          <>
            <SearchBox value={q} onChange={setQ} placeholder={t('setup.leaders.search')} />
            <Button type="primary" onClick={() => editor.open()} data-testid="leader-new">
              {t('setup.leaders.new')}
            </Button>
          </>
        }
      />
      <QueryState query={query} isEmpty={(d) => d.length === 0} emptyText={t('setup.leaders.empty')}>
        {(d) => (
          <Table<Leader>
            rowKey="id"
            dataSource={d.filter((l) => matches(q, l.name, l.phone, l.pickupPointName))}
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
        testid="leader-form"
        title={editor.row ? t('setup.leaders.editRateOf', { name: editor.row.name }) : t('setup.leaders.new')}
      >
        {!editor.row && (
          <>
            <Form.Item
              name="userId"
              label={t('setup.f.user')}
              rules={[{ required: true, message: t('setup.v.required') }]}
              extra={t('setup.leaders.userHint')}
            >
              <Select
                showSearch={{ filterOption: false, onSearch: setUserQ }}
                loading={users.isFetching}
                placeholder={t('setup.leaders.userSearch')}
                options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} ${u.phone}` }))}
              />
            </Form.Item>
            <Form.Item
              name="pickupPointId"
              label={t('setup.f.pickupPoint')}
              rules={[{ required: true, message: t('setup.v.required') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={(points.data ?? []).map((p) => ({
                  value: p.id,
                  label: p.name,
                  disabled: busyPoints.has(p.id),
                }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="commissionPct"
          label={t('setup.f.commissionPct')}
          // a new leader may be left to the city's default rate
          rules={editor.row ? [{ required: true, message: t('setup.v.required') }] : []}
          extra={editor.row ? t('setup.leaders.rateHint') : t('setup.leaders.rateDefaultHint')}
        >
          <InputNumber min={0} max={100} step={0.5} precision={2} suffix="%" style={{ width: 180 }} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
