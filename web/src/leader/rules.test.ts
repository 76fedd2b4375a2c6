import { describe, expect, it } from 'vitest';
import type { LeaderCampaign } from './api';
import { codeFromScan, defaultCampaign, todayYmd } from './rules';
import { shopLink } from './poster';

const c = (id: string, status: string, pickupDate: string, orders: number): LeaderCampaign => ({
  id,
  title: id,
  status,
  startsAt: '2026-11-26T00:00:00Z',
  cutoffAt: '2026-11-27T00:00:00Z',
  pickupDate,
  orders,
  sortingListStatus: null,
});

describe('defaultCampaign', () => {
  const today = '2026-11-27';
  it('prefers the newest cut-off campaign still awaiting pickup', () => {
    const list = [
      c('open', 'open', '2026-11-28', 3),
      c('cut', 'cut_off', '2026-11-27', 5),
      c('old', 'cut_off', '2026-11-20', 9),
    ];
    expect(defaultCampaign(list, today)?.id).toBe('cut');
  });
  it('falls back to the open campaign when nothing awaits pickup', () => {
    const list = [
      c('open', 'open', '2026-11-28', 0),
      c('old', 'cut_off', '2026-11-20', 9),
      c('empty', 'cut_off', '2026-11-28', 0),
    ];
    expect(defaultCampaign(list, today)?.id).toBe('open');
  });
  it('shows the newest past campaign when nothing is open', () => {
    expect(
      defaultCampaign([c('old', 'cut_off', '2026-11-20', 9), c('older', 'cut_off', '2026-11-10', 2)], today)?.id,
    ).toBe('old');
    expect(defaultCampaign([], today)).toBeUndefined();
  });
});

describe('codeFromScan', () => {
  it('takes the raw code or the code parameter of a link', () => {
    expect(codeFromScan(' 123456 ')).toBe('123456');
    expect(codeFromScan('https://linli.example/pickup?code=654321')).toBe('654321');
    expect(codeFromScan('https://linli.example/x')).toBe('https://linli.example/x');
  });
});

describe('poster link', () => {
  it('links the shop with the point and the deal preselected', () => {
    expect(shopLink('https://linli.example', 'p-1', 'i 2')).toBe('https://linli.example/shop/?point=p-1&item=i%202');
  });
  it('formats today as a calendar date in Shanghai, whatever the phone zone', () => {
    expect(todayYmd(new Date('2026-01-05T23:59:00+08:00'))).toBe('2026-01-05');
    // 16:30 UTC is already the next morning in Shanghai
    expect(todayYmd(new Date('2026-01-05T16:30:00Z'))).toBe('2026-01-06');
  });
});
