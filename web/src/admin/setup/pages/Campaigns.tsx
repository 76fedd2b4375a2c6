import { useState } from 'react';
import { App, Button, Modal, Popconfirm, Space, Table, Tag, Tooltip, type ButtonProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/State';
import { errorText } from '../../../shared/i18n';
import { useSession } from '../../../shared/session';
import { api, type Campaign } from '../api';
import { keys, useCampaigns } from '../queries';
import { PageHead, SearchBox, SidePanel, dateTime, matches } from '../parts';
import { CampaignEditor } from '../campaign/CampaignEditor';
import { phase, type Phase } from '../campaign/deal';
import { clearDraft, readDraft, worthKeeping } from '../campaign/draft';

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
  const userId = useSession(api)?.user.id;
  const { message } = App.useApp();
  const qc = useQueryClient();
  // closing a campaign not yet created asks first: what was added is never dropped silently
  const [leaving, setLeaving] = useState<{ n: number; copy: boolean } | null>(null);
  const close = () => {
    if (open === 'new') {
      const draft = readDraft(userId);
      if (worthKeeping(draft)) return setLeaving({ n: draft!.items.length, copy: false });
    } else if (copyOf) return setLeaving({ n: copyOf.items.length, copy: true });
    setOpen(null);
  };
  const [copying, setCopying] = useState<string | null>(null);
  const copyToTomorrow = async (c: Campaign) => {
    setCopying(c.id);
    try {
      const made = await api.post<Campaign>(`/admin/campaigns/${c.id}/copy-to-tomorrow`, {});
      void message.success(t('setup.campaigns.toTomorrowDone', { title: made.title }));
      await qc.invalidateQueries({ queryKey: keys.campaigns });
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setCopying(null);
    }
  };

  const columns: ColumnsType<Campaign> = [
    {
      title: t('setup.f.title'),
      dataIndex: 'title',
      render: (title: string, c) => (
        <Space size={4} wrap>
          {title}
          {c.unsuppliedDeals.length > 0 && (
            <Tooltip title={c.unsuppliedDeals.map((d) => `${d.name}（${d.supplierName}）`).join('、')}>
              <Tag color="red" data-testid="campaign-unsupplied-tag">
                {t('setup.campaigns.unsuppliedTag', { n: c.unsuppliedDeals.length })}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
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
      width: 240,
      render: (_, c) => (
        <Space size={0} wrap>
          <Button type="link" onClick={() => setOpen(c.id)} data-testid={`campaign-open-${c.title}`}>
            {phase(c) === 'cut_off' ? t('setup.view') : t('setup.edit')}
          </Button>
          <Button type="link" onClick={() => setOpen(`copy:${c.id}`)}>
            {t('setup.campaigns.copy')}
          </Button>
          <Popconfirm
            title={t('setup.campaigns.toTomorrowQ')}
            onConfirm={() => copyToTomorrow(c)}
            okButtonProps={{ 'data-testid': 'campaign-tomorrow-confirm' } as ButtonProps}
          >
            <Button type="link" loading={copying === c.id} data-testid={`campaign-tomorrow-${c.title}`}>
              {t('setup.campaigns.toTomorrow')}
            </Button>
          </Popconfirm>
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
        onClose={close}
        testid="campaign-panel"
        title={
          current
            ? t('setup.campaigns.editTitle', { title: current.title })
            : copyOf
              ? t('setup.campaigns.copyTitle', { title: copyOf.title })
              : t('setup.campaigns.new')
        }
      >
        {open !== null && (
          <CampaignEditor key={open} campaign={current} copyOf={copyOf} draftOwner={userId} onCreated={setOpen} />
        )}
      </SidePanel>
      <Modal
        open={leaving !== null}
        title={t('setup.campaigns.leaveTitle')}
        onCancel={() => setLeaving(null)}
        data-testid="campaign-leave"
        footer={[
          <Button key="stay" onClick={() => setLeaving(null)} data-testid="campaign-leave-stay">
            {t('setup.campaigns.keepEditing')}
          </Button>,
          <Button
            key="discard"
            danger
            data-testid="campaign-leave-discard"
            onClick={() => {
              if (!leaving?.copy) clearDraft(userId);
              setLeaving(null);
              setOpen(null);
            }}
          >
            {t('setup.campaigns.discard')}
          </Button>,
          ...(leaving?.copy
            ? []
            : [
                <Button
                  key="keep"
                  type="primary"
                  data-testid="campaign-leave-keep"
                  onClick={() => {
                    setLeaving(null);
                    setOpen(null);
                  }}
                >
                  {t('setup.campaigns.keepDraft')}
                </Button>,
              ]),
        ]}
      >
        {leaving &&
          (leaving.copy
            ? t('setup.campaigns.leaveCopyBody', { n: leaving.n })
            : t('setup.campaigns.leaveBody', { n: leaving.n }))}
      </Modal>
    </div>
  );
}
