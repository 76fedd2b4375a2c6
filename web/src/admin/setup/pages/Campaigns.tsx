import { useState } from 'react';
import { Button, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/State';
import type { Campaign } from '../api';
import { useCampaigns } from '../queries';
import { PageHead, SearchBox, SidePanel, dateTime, matches } from '../parts';
import { CampaignEditor } from '../campaign/CampaignEditor';
import { phase, type Phase } from '../campaign/deal';

const phaseColor: Record<Phase, string> = {
  upcoming: 'blue',
  selling: 'green',
  awaiting_cutoff: 'orange',
  cut_off: 'default',
};

/** Campaigns (团期) and their deals; the editor opens in a side panel. */
export default function Campaigns() {
  const { t } = useTranslation();
  const query = useCampaigns();
  const [q, setQ] = useState('');
  // null: closed; 'new': creating; 'copy:<id>': creating from a copy; otherwise the id of the campaign being edited
  const [open, setOpen] = useState<string | null>(null);
  const creating = open === 'new' || !!open?.startsWith('copy:');
  const current = open && !creating ? (query.data?.find((c) => c.id === open) ?? null) : null;
  const copyOf = open?.startsWith('copy:') ? (query.data?.find((c) => c.id === open.slice(5)) ?? null) : null;

  const columns: ColumnsType<Campaign> = [
    { title: t('setup.f.title'), dataIndex: 'title' },
    {
      title: t('setup.f.status'),
      key: 'phase',
      width: 110,
      filters: (['upcoming', 'selling', 'awaiting_cutoff', 'cut_off'] as Phase[]).map((p) => ({
        text: t(`setup.phase.${p}`),
        value: p,
      })),
      onFilter: (v, r) => phase(r) === v,
      render: (_, c) => <Tag color={phaseColor[phase(c)]}>{t(`setup.phase.${phase(c)}`)}</Tag>,
    },
    { title: t('setup.f.startsAt'), dataIndex: 'startsAt', width: 150, render: dateTime },
    {
      title: t('setup.f.cutoffAt'),
      dataIndex: 'cutoffAt',
      width: 150,
      render: dateTime,
      sorter: (a, b) => a.cutoffAt.localeCompare(b.cutoffAt),
      defaultSortOrder: 'descend',
    },
    { title: t('setup.f.pickupDate'), dataIndex: 'pickupDate', width: 120 },
    { title: t('setup.campaigns.dealCount'), key: 'n', width: 90, render: (_, c) => c.items.length },
    {
      title: t('setup.campaigns.soldUnits'),
      key: 'v',
      width: 110,
      align: 'right',
      render: (_, c) => c.items.reduce((s, i) => s + i.sold, 0),
    },
    {
      title: '',
      key: 'a',
      width: 140,
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" onClick={() => setOpen(c.id)} data-testid={`campaign-open-${c.title}`}>
            {phase(c) === 'cut_off' ? t('setup.view') : t('setup.edit')}
          </Button>
          <Button type="link" onClick={() => setOpen(`copy:${c.id}`)}>
            {t('setup.campaigns.copy')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="setup-campaigns">
      <PageHead
        title={t('setup.nav.campaigns')}
        extra={
          <>
            <SearchBox value={q} onChange={setQ} placeholder={t('setup.campaigns.search')} />
            <Button type="primary" onClick={() => setOpen('new')} data-testid="campaign-new">
              {t('setup.campaigns.new')}
            </Button>
          </>
        }
      />
      <QueryState query={query} isEmpty={(d) => d.length === 0} emptyText={t('setup.campaigns.empty')}>
        {(d) => (
          <Table<Campaign>
            rowKey="id"
            dataSource={d.filter((c) => matches(q, c.title, ...c.items.map((i) => i.name)))}
            columns={columns}
            pagination={{ pageSize: 15 }}
          />
        )}
      </QueryState>
      <SidePanel
        open={open !== null}
        onClose={() => setOpen(null)}
        testid="campaign-panel"
        title={
          current
            ? t('setup.campaigns.editTitle', { title: current.title })
            : copyOf
              ? t('setup.campaigns.copyTitle', { title: copyOf.title })
              : t('setup.campaigns.new')
        }
      >
        {open !== null && <CampaignEditor key={open} campaign={current} copyOf={copyOf} onCreated={setOpen} />}
      </SidePanel>
    </div>
  );
}
