import { createContext, useContext, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { List, Popup, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { api, type LeaderCampaign } from './api';
import { calendarDate, dateTime } from './format';
import { defaultCampaign } from './rules';

export const useLeaderCampaigns = () =>
  useQuery({ queryKey: ['leader', 'campaigns'], queryFn: () => api.get<LeaderCampaign[]>('/leader/campaigns') });

const Ctx = createContext<{ chosenId: string | null; choose: (id: string) => void }>({
  chosenId: null,
  choose: () => {},
});

export function CampaignProvider({ children }: { children: ReactNode }) {
  const [chosenId, choose] = useState<string | null>(null);
  return <Ctx.Provider value={{ chosenId, choose }}>{children}</Ctx.Provider>;
}

/** The campaign in view: the leader's choice, or the default for today. */
export function useCurrentCampaign() {
  const query = useLeaderCampaigns();
  const { chosenId, choose } = useContext(Ctx);
  const list = query.data ?? [];
  const current = list.find((c) => c.id === chosenId) ?? defaultCampaign(list);
  return { query, list, current, choose };
}

export function CampaignStatus({ campaign }: { campaign: LeaderCampaign }) {
  const { t } = useTranslation();
  return (
    <span className="ll-campaign-status">
      <Tag color={campaign.status === 'open' ? 'success' : 'default'} fill="outline">
        {campaign.status === 'open' ? t('campaign.open') : t('campaign.cutOff')}
      </Tag>
      {campaign.sortingListStatus && (
        <Tag color={campaign.sortingListStatus === 'arrived' ? 'primary' : 'warning'} fill="outline">
          {t(`campaign.list.${campaign.sortingListStatus}`)}
        </Tag>
      )}
    </span>
  );
}

/** The campaign bar at the top of a screen; tapping it opens the list of campaigns. */
export function CampaignBar({ current, list, choose }: ReturnType<typeof useCurrentCampaign>) {
  const { t } = useTranslation();
  // the pickup day with the region's hours of collection
  const pickupLine = (c: LeaderCampaign) =>
    c.pickupFrom && c.pickupUntil
      ? t('campaign.pickupWindow', { date: calendarDate(c.pickupDate), from: c.pickupFrom, until: c.pickupUntil })
      : t('campaign.pickup', { date: calendarDate(c.pickupDate) });
  const [open, setOpen] = useState(false);
  if (!current) return null;
  return (
    <>
      <button
        type="button"
        className="ll-campaign-bar"
        data-testid="campaign-bar"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        title={t('campaign.choose')}
      >
        <span className="ll-campaign-title">{current.title}</span>
        <span className="ll-muted">
          {current.status === 'open' ? t('campaign.cutoff', { time: dateTime(current.cutoffAt) }) : pickupLine(current)}
        </span>
        <CampaignStatus campaign={current} />
        <span className="ll-chevron" aria-hidden>
          ▾
        </span>
      </button>
      <Popup visible={open} onMaskClick={() => setOpen(false)} bodyStyle={{ maxHeight: '70vh', overflowY: 'auto' }}>
        <List header={t('campaign.choose')}>
          {list.map((c) => (
            <List.Item
              key={c.id}
              data-testid="campaign-option"
              data-title={c.title}
              onClick={() => {
                choose(c.id);
                setOpen(false);
              }}
              description={
                <>
                  {pickupLine(c)} · {t('campaign.orders', { count: c.orders })}
                </>
              }
              extra={<CampaignStatus campaign={c} />}
              arrow={false}
            >
              {c.id === current.id ? <strong>{c.title}</strong> : c.title}
            </List.Item>
          ))}
        </List>
      </Popup>
    </>
  );
}
