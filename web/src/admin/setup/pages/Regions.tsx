import { Button, Form, Input, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api';
import { useSession } from '../../../shared/session';
import { QueryState } from '../../components/State';
import { api, type Region } from '../api';
import { keys, useRegions, useSave } from '../queries';
import { FormModal, PageHead, required } from '../parts';
import { useEditor } from '../useEditor';

interface Values {
  name: string;
  timeZone: string;
}

/** The cities Linli runs in: each has its own warehouses, pickup points and campaigns. */
export default function Regions() {
  const { t } = useTranslation();
  const query = useRegions();
  const everyRegion = !useSession(api)?.user.regionIds;
  const editor = useEditor<Region, Values>((r) => ({ name: r.name, timeZone: r.timeZone }), {
    timeZone: 'Asia/Shanghai',
  });
  const save = useSave(
    async (v: Values) => {
      const body = { name: v.name.trim(), timeZone: v.timeZone.trim() };
      try {
        return await (editor.row
          ? api.patch(`/admin/regions/${editor.row.id}`, body)
          : api.post('/admin/regions', body));
      } catch (err) {
        // the time zone's refusals are shown on the field itself, saying why
        if (err instanceof ApiError && (err.details as { field?: string } | undefined)?.field === 'timeZone') {
          const why = err.code === 'INVALID_STATE' ? 'setup.regions.timeZoneFixed' : 'setup.regions.badTimeZone';
          editor.form.setFields([{ name: 'timeZone', errors: [t(why)] }]);
        }
        throw err;
      }
    },
    [keys.regions, keys.network],
  );

  const columns: ColumnsType<Region> = [
    { title: t('setup.f.name'), dataIndex: 'name' },
    { title: t('setup.regions.timeZone'), dataIndex: 'timeZone', width: 180 },
    { title: t('setup.regions.warehouses'), dataIndex: 'warehouses', width: 110 },
    { title: t('setup.regions.pickupPoints'), dataIndex: 'pickupPoints', width: 110 },
    { title: t('setup.regions.openCampaigns'), dataIndex: 'openCampaigns', width: 120 },
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
    <div data-testid="setup-regions">
      <PageHead
        title={t('setup.nav.regions')}
        extra={
          // opening a city is for an operator of every region
          everyRegion && (
            <Button type="primary" onClick={() => editor.open()} data-testid="region-new">
              {t('setup.regions.new')}
            </Button>
          )
        }
      />
      <QueryState query={query} isEmpty={(d) => d.length === 0} emptyText={t('setup.regions.empty')}>
        {(rows) => <Table<Region> rowKey="id" dataSource={rows} columns={columns} pagination={false} />}
      </QueryState>
      <FormModal
        open={editor.isOpen}
        form={editor.form}
        onClose={editor.close}
        onSubmit={save.mutateAsync}
        testid="region-form"
        title={editor.row ? t('setup.regions.edit') : t('setup.regions.new')}
      >
        <Form.Item name="name" label={t('setup.f.name')} rules={[required(t), { max: 100 }]}>
          <Input data-testid="region-name" />
        </Form.Item>
        <Form.Item
          name="timeZone"
          label={t('setup.regions.timeZone')}
          extra={t('setup.regions.timeZoneHint')}
          rules={[required(t), { max: 64 }]}
        >
          <Input data-testid="region-time-zone" />
        </Form.Item>
      </FormModal>
    </div>
  );
}
