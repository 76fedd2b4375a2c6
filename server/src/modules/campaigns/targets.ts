import { sql, type SQL } from 'drizzle-orm';

/**
 * Whether a campaign is offered at a pickup point: it targets nothing (its whole region), or the
 * point, or the point's route. Two probes of the targets' unique indexes (campaign first).
 */
export const pointTargetedSql = (campaignId: SQL, pointId: SQL) => sql`(
  not exists (select 1 from campaign_targets t where t.campaign_id = ${campaignId})
  or exists (select 1 from campaign_targets t join pickup_points tp on tp.id = ${pointId}
    where t.campaign_id = ${campaignId} and (t.pickup_point_id = tp.id or t.route_id = tp.route_id)))`;
