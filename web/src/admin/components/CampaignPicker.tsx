import { Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import type { Campaign } from '../types';
import { ErrorBox } from './State';

export function useCampaigns() {
  return useQuery({ queryKey: ['campaigns'], queryFn: () => api.get<Campaign[]>('/admin/campaigns?limit=100') });
}

/**
 * The campaign a warehouse screen works on, kept in the URL (?campaignId=) so a page can be
 * reloaded, printed or shared. Without a choice: the newest campaign already cut off.
 */
export function useCampaignChoice() {
  const [params, setParams] = useSearchParams();
  const campaigns = useCampaigns();
  const chosen = params.get('campaignId');
  const fallback = campaigns.data?.find((c) => c.status === 'cut_off') ?? campaigns.data?.[0];
  const campaignId = chosen ?? fallback?.id ?? null;
  const campaign = campaigns.data?.find((c) => c.id === campaignId) ?? null;
  const choose = (id: string) =>
    setParams(
      (p) => {
        p.set('campaignId', id);
        return p;
      },
      { replace: true },
    );
  return { campaigns, campaignId, campaign, choose };
}

export function CampaignStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return status === 'open' ? <Tag color="green">{t('ops.campaign.open')}</Tag> : <Tag>{t('ops.campaign.cutOff')}</Tag>;
}

export function CampaignPicker({ choice }: { choice: ReturnType<typeof useCampaignChoice> }) {
  const { t } = useTranslation();
  const { campaigns, campaignId, choose } = choice;
  if (campaigns.isError) return <ErrorBox error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  return (
    <Space wrap>
      <Typography.Text>{t('ops.campaign.label')}</Typography.Text>
      {/* narrower than the screen on a phone beside its label and the page's padding (the page must
          not scroll sideways, and the row need not wrap for it) */}
      <Select
        style={{ width: 'min(360px, calc(100vw - 120px))' }}
        loading={campaigns.isPending}
        value={campaignId ?? undefined}
        onChange={(v: string) => choose(v)}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('ops.campaign.choose')}
        data-testid="campaign-picker"
        options={(campaigns.data ?? []).map((c) => ({
          value: c.id,
          label: t('ops.campaign.option', {
            title: c.title,
            date: c.pickupDate,
            status: t(c.status === 'open' ? 'ops.campaign.open' : 'ops.campaign.cutOff'),
          }),
          // exact title for tests and scripts (the label adds the date and status)
          'data-title': c.title,
        }))}
      />
    </Space>
  );
}
