import { Button, Form, Input, InputNumber, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api';
import { useSession } from '../../../shared/session';
import { QueryState } from '../../components/State';
import { api, type Region } from '../api';
import { keys, useRegions, useSave } from '../queries';
import { FormModal, MoneyInput, PageHead, fen, required, yuanRules, yuanText } from '../parts';
import { useEditor } from '../useEditor';

interface Values {
  name: string;
  timeZone: string;
  cutoffTime: string;
  pickupFrom: string;
  pickupUntil: string;
  /** yuan, as typed */
  membershipPrice: string;
  /** percent (10 = 10 %), sent in basis points */
  commissionPct: number;
}

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
/** The fields the server names in a refusal, as this form calls them. */
const formField: Record<string, keyof Values> = {
  timeZone: 'timeZone',
  cutoffTime: 'cutoffTime',
  pickupFrom: 'pickupFrom',
  pickupUntil: 'pickupUntil',
  membershipPriceFen: 'membershipPrice',
  leaderCommissionBps: 'commissionPct',
};

/** The cities Linli runs in: each has its own warehouses, pickup points and campaigns. */
export default function Regions() {
  const { t } = useTranslation();
  const query = useRegions();
  const everyRegion = !useSession(api)?.user.regionIds;
  const editor = useEditor<Region, Values>(
    (r) => ({
      name: r.name,
      timeZone: r.timeZone,
      cutoffTime: r.cutoffTime,
      pickupFrom: r.pickupFrom,
      pickupUntil: r.pickupUntil,
      membershipPrice: yuanText(r.membershipPriceFen)!,
      commissionPct: r.leaderCommissionBps / 100,
    }),
    // a new city starts with the default city's settings
    {
      timeZone: 'Asia/Shanghai',
      cutoffTime: '23:00',
      pickupFrom: '08:00',
      pickupUntil: '21:00',
      membershipPrice: yuanText(query.data?.[0]?.membershipPriceFen ?? 9900)!,
      commissionPct: (query.data?.[0]?.leaderCommissionBps ?? 1000) / 100,
    },
  );
  const save = useSave(
    async (v: Values) => {
      const body = {
        name: v.name.trim(),
        timeZone: v.timeZone.trim(),
        cutoffTime: v.cutoffTime.trim(),
        pickupFrom: v.pickupFrom.trim(),
        pickupUntil: v.pickupUntil.trim(),
        membershipPriceFen: fen(v.membershipPrice),
        leaderCommissionBps: Math.round(v.commissionPct * 100),
      };
      try {
        return await (editor.row
          ? api.patch(`/admin/regions/${editor.row.id}`, body)
          : api.post('/admin/regions', body));
      } catch (err) {
        // a refusal naming a field is shown on that field, saying why
        const field = err instanceof ApiError ? (err.details as { field?: string } | undefined)?.field : undefined;
        if (err instanceof ApiError && field && formField[field]) {
          const why =
            field === 'timeZone'
              ? err.code === 'INVALID_STATE'
                ? 'setup.regions.timeZoneFixed'
                : 'setup.regions.badTimeZone'
              : field === 'pickupFrom' || field === 'pickupUntil'
                ? 'setup.regions.badWindow'
                : field === 'cutoffTime'
                  ? 'setup.regions.badTime'
                  : 'setup.regions.badSetting';
          editor.form.setFields([{ name: formField[field], errors: [t(why)] }]);
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
    { title: t('setup.regions.cutoffTime'), dataIndex: 'cutoffTime', width: 110 },
    {
      title: t('setup.regions.pickupWindow'),
      key: 'window',
      width: 130,
      render: (_, r) => `${r.pickupFrom}–${r.pickupUntil}`,
    },
    {
      title: t('setup.regions.membershipPrice'),
      key: 'price',
      width: 120,
      render: (_, r) => `¥${yuanText(r.membershipPriceFen)}`,
    },
    {
      title: t('setup.regions.commission'),
      key: 'bps',
      width: 110,
      render: (_, r) => `${r.leaderCommissionBps / 100}%`,
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
        <Form.Item
          name="cutoffTime"
          label={t('setup.regions.cutoffTime')}
          extra={t('setup.regions.cutoffHint')}
          rules={[required(t), { pattern: HH_MM, message: t('setup.regions.badTime') }]}
        >
          <Input placeholder="23:00" style={{ width: 120 }} data-testid="region-cutoff-time" />
        </Form.Item>
        <Form.Item label={t('setup.regions.pickupWindow')} extra={t('setup.regions.pickupHint')} required>
          <Form.Item
            name="pickupFrom"
            noStyle
            rules={[required(t), { pattern: HH_MM, message: t('setup.regions.badTime') }]}
          >
            <Input placeholder="08:00" style={{ width: 100 }} data-testid="region-pickup-from" />
          </Form.Item>
          <span style={{ margin: '0 8px' }}>–</span>
          <Form.Item
            name="pickupUntil"
            noStyle
            dependencies={['pickupFrom']}
            rules={[
              required(t),
              { pattern: HH_MM, message: t('setup.regions.badTime') },
              ({ getFieldValue }) => ({
                validator: async (_, v: string | undefined) => {
                  const from = getFieldValue('pickupFrom') as string | undefined;
                  if (v && from && HH_MM.test(v) && HH_MM.test(from) && from >= v)
                    throw new Error(t('setup.regions.badWindow'));
                },
              }),
            ]}
          >
            <Input placeholder="21:00" style={{ width: 100 }} data-testid="region-pickup-until" />
          </Form.Item>
        </Form.Item>
        <Form.Item name="membershipPrice" label={t('setup.regions.membershipPrice')} rules={yuanRules(t)}>
          <MoneyInput testid="region-membership-price" />
        </Form.Item>
        <Form.Item
          name="commissionPct"
          label={t('setup.regions.commission')}
          extra={t('setup.regions.commissionHint')}
          rules={[{ required: true, message: t('setup.v.required') }]}
        >
          <InputNumber min={0} max={100} step={0.5} precision={2} suffix="%" style={{ width: 180 }} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
