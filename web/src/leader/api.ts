import { createApi } from '../shared/api';
import type { Answer } from '../shared/api-shapes';

/** The leader app's API client (its own session, apart from the shop's). */
export const api = createApi('leader');

// The server's answers, named for the leader app (generated from the OpenAPI document: shared/api-shapes.ts).
export type LeaderOrder = Answer<'/leader/orders'>[number];
export type OrderLine = LeaderOrder['lines'][number];
export type OrderStatus = LeaderOrder['status'];
export type LineStatus = OrderLine['status'];

export type PickList = Answer<'/leader/orders/by-product'>[number];

export type LeaderProfile = Answer<'/leader/me'>;

export type LeaderCampaign = Answer<'/leader/campaigns'>[number];
export type ListStatus = NonNullable<LeaderCampaign['sortingListStatus']>;

export type SortingList = Answer<'/leader/sorting-list'>;

export type ArrivalResult = Answer<'/leader/arrivals', 'post'>;

export type Commissions = Answer<'/leader/commissions'>;
export type LedgerEntry = Commissions['entries'][number];

export type Withdrawal = Answer<'/leader/withdrawals'>[number];

export type ActiveCampaign = Answer<'/campaigns/active'>[number];
export type Deal = ActiveCampaign['items'][number];

export type LeaderHome = Answer<'/leader/home'>;
export type ReminderResult = Answer<'/leader/pickup-reminders', 'post'>;
export type CommissionBreakdown = Answer<'/leader/commissions/breakdown'>;

export type LeaderRecall = Answer<'/leader/recalls'>[number];
export type RecallReturn = Answer<'/leader/recalls/{id}/returns', 'post'>;

export type LeaderCustomers = Answer<'/leader/customers'>;
export type LeaderCustomer = LeaderCustomers['items'][number];
export type LeaderGrade = Answer<'/leader/grade'>;
export type Leaderboard = Answer<'/leader/leaderboard'>;
