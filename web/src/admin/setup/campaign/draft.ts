import type { DealInput } from './deal';

/**
 * A new campaign not yet created, kept in this browser per operator so that closing the panel,
 * a reload or a lost tab does not lose the deals already added. Times are kept as the picker's
 * wall-clock text (Shanghai), empty when not chosen.
 */
export interface CampaignDraft {
  title: string;
  regionId?: string;
  startsAt?: string;
  cutoffAt?: string;
  pickupDate?: string;
  routeIds?: string[];
  pickupPointIds?: string[];
  items: DealInput[];
}

const key = (userId: string) => `linli.admin.campaignDraft.${userId}`;

export function readDraft(userId: string | undefined): CampaignDraft | null {
  if (!userId) return null;
  try {
    const raw = localStorage.getItem(key(userId));
    if (!raw) return null;
    const d = JSON.parse(raw) as CampaignDraft;
    return typeof d === 'object' && d && Array.isArray(d.items) ? d : null;
  } catch {
    return null;
  }
}

export function writeDraft(userId: string | undefined, draft: CampaignDraft): void {
  if (!userId) return;
  try {
    if (worthKeeping(draft)) localStorage.setItem(key(userId), JSON.stringify(draft));
    else localStorage.removeItem(key(userId));
  } catch {
    // storage full or blocked: the warning on closing still protects the work
  }
}

export function clearDraft(userId: string | undefined): void {
  if (userId) localStorage.removeItem(key(userId));
}

/** Something an operator would mind losing: a title typed or a deal added. */
export const worthKeeping = (d: CampaignDraft | null): boolean => !!d && (d.title.trim() !== '' || d.items.length > 0);
