import { sql } from 'drizzle-orm';
import { exec, one, rows, type Db } from '../db/client.js';
import { readSettings } from '../modules/settings/service.js';
import { dueTimes, type Category } from '../modules/tickets/rules.js';
import {
  agentMessage,
  escalateBreaches,
  HOURS_SETTING,
  openTicket,
  rateTicket,
  resolveTicket,
  saveCannedReply,
  SLA_SETTING,
} from '../modules/tickets/service.js';
import { addDays, businessDate, localTime } from '../lib/time.js';
import { STAFF_ACCOUNTS } from './data.js';

/** 话术库: the desk's first replies, as a supervisor would write them. */
const CANNED: { team: string | null; title: string; body: string }[] = [
  { team: null, title: '问候', body: '您好，我是邻里优选客服，很高兴为您服务。' },
  { team: null, title: '致歉', body: '非常抱歉给您带来不便，我们马上为您处理。' },
  { team: 'aftersales', title: '售后退款', body: '已为您提交退款申请，审核通过后原路退回，一般 1–3 个工作日到账。' },
  { team: 'aftersales', title: '请补充照片', body: '麻烦您拍一下商品和外包装的照片发给我们，方便尽快核实。' },
  { team: 'logistics', title: '配送延迟', body: '今天线路车辆晚到，预计一小时内送达自提点，团长到货后会通知您。' },
  { team: 'presale', title: '产地说明', body: '这款商品由合作基地直供，详情页有产地和规格说明。' },
  { team: 'technical', title: '系统故障', body: '已反馈技术同事排查，修复后第一时间通知您，请您稍后再试。' },
];

const WORDS = {
  reply: '您好，已收到您的售后申请，正在为您核实。',
  plan: '核实无误，已为您申请退款，审核通过后原路退回。',
  approved: '退款已同意，原路退回。',
  rejected: '照片显示商品完好，已电话沟通说明。',
};

/** a number in [0, 1) from an id: spreads the desk's answer times over the tickets */
const unit = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(-8), 16) / 0x1_0000_0000;

/**
 * The service desk of the demo: its canned replies; the tickets the history's after-sales claims
 * opened, answered as the desk did (a reply within minutes, one in eight late and escalated, the
 * plan within the hour, resolved when the refund was decided, most rated); and today's tickets in
 * every state, through the services: one waiting for an answer, one in progress, one waiting for
 * the customer, one resolved and waiting for its rating, one closed and rated, a leader's, and one
 * from last night unanswered past its time, escalated with its alert in the inbox.
 */
export async function demoTickets(db: Db) {
  const supervisor = await one<{ id: string }>(
    db,
    sql`select id from users where phone = ${STAFF_ACCOUNTS.find((a) => a.role === 'service_supervisor')!.phone}`,
  );
  const agent = await one<{ id: string }>(
    db,
    sql`select id from users where phone = ${STAFF_ACCOUNTS.find((a) => a.role === 'service_agent')!.phone}`,
  );
  if (!supervisor || !agent) return { history: 0, today: 0, breached: 0 };
  for (const c of CANNED) await saveCannedReply(db, supervisor.id, null, c);

  // the claims' tickets: their promised times counted from their (moved) opening
  const [slas, hours] = await readSettings(db, [SLA_SETTING, HOURS_SETTING] as const);
  const claimed = await rows<{
    id: string;
    category: Category;
    created_at: Date | string;
    time_zone: string;
    decided_at: Date | string | null;
    refund_status: string;
    opener_id: string;
  }>(
    db,
    sql`select t.id, t.category, t.created_at, r.time_zone, rf.decided_at, rf.status as refund_status, t.opener_id
      from tickets t join regions r on r.id = t.region_id join refunds rf on rf.id = t.refund_id
      where t.status = 'open' order by t.created_at`,
  );
  const now = Date.now();
  const answered = claimed.flatMap((t) => {
    const opened = new Date(t.created_at);
    const due = dueTimes(opened, slas[t.category], hours, t.time_zone);
    const u = unit(t.id);
    // a reply within minutes of the desk opening; one ticket in eight answered late
    const late = u < 0.125;
    const start = Math.max(
      opened.getTime(),
      due.firstResponse.getTime() - slas[t.category].firstResponseMinutes * 60_000,
    );
    const replied = late ? due.firstResponse.getTime() + (20 + u * 400) * 60_000 : start + (1 + u * 3) * 60_000;
    const planned = replied + (10 + u * 30) * 60_000;
    const decided = t.decided_at ? new Date(t.decided_at).getTime() : null;
    const resolved = decided && decided > planned ? decided : planned + 60 * 60_000;
    const rated = resolved + (30 + u * 600) * 60_000;
    const iso = (ms: number | null) => (ms === null || ms > now ? null : new Date(ms).toISOString());
    return [
      {
        id: t.id,
        first_due: due.firstResponse.toISOString(),
        plan_due: due.plan.toISOString(),
        close_due: due.close.toISOString(),
        replied: iso(replied),
        planned: iso(planned),
        resolved: decided ? iso(resolved) : null,
        rated: decided && u < 0.7 ? iso(rated) : null,
        rating: u < 0.05 ? 2 : u < 0.2 ? 3 : u < 0.45 ? 4 : 5,
        breached:
          late && due.firstResponse.getTime() < now
            ? new Date(due.firstResponse.getTime() + 60_000).toISOString()
            : null,
        approved: t.refund_status === 'refunded',
      },
    ];
  });
  if (answered.length) {
    const list = sql`jsonb_to_recordset(${JSON.stringify(answered)}::jsonb) as x(id uuid, first_due timestamptz,
      plan_due timestamptz, close_due timestamptz, replied timestamptz, planned timestamptz, resolved timestamptz,
      rated timestamptz, rating int, breached timestamptz, approved boolean)`;
    await exec(
      db,
      sql`update tickets t set first_response_due_at = x.first_due, plan_due_at = x.plan_due, close_due_at = x.close_due,
        first_response_at = x.replied, first_responder_id = case when x.replied is null then null else ${agent.id}::uuid end,
        planned_at = x.planned, resolved_at = x.resolved,
        resolver_id = case when x.resolved is null then null else ${agent.id}::uuid end,
        assignee_id = case when x.replied is null then null else ${agent.id}::uuid end,
        closed_at = x.rated, rating = case when x.rated is null then null else x.rating end,
        first_response_breached_at = x.breached, escalated_at = x.breached,
        status = case when x.rated is not null then 'closed' when x.resolved is not null then 'resolved'
          when x.replied is not null then 'in_progress' else 'open' end,
        updated_at = coalesce(x.rated, x.resolved, x.planned, x.replied, t.created_at)
      from ${list} where t.id = x.id`,
    );
    // the timeline of what the desk did, in order
    await exec(
      db,
      sql`insert into ticket_events (ticket_id, kind, actor_id, actor_role, body, details, at)
      select e.ticket_id, e.kind, e.actor_id, e.actor_role, e.body, e.details, e.at from (
        select x.id as ticket_id, 'breached' as kind, null::uuid as actor_id, 'system' as actor_role, null as body,
          '{"clock":"firstResponse"}' as details, x.breached as at, 1 as n from ${list} where x.breached is not null
        union all select x.id, 'reply', ${agent.id}::uuid, 'agent', ${WORDS.reply}, null, x.replied, 2 from ${list}
          where x.replied is not null
        union all select x.id, 'plan', ${agent.id}::uuid, 'agent', ${WORDS.plan}, null, x.planned, 3 from ${list}
          where x.planned is not null
        union all select x.id, 'resolved', ${agent.id}::uuid, 'agent',
          case when x.approved then ${WORDS.approved} else ${WORDS.rejected} end, null, x.resolved, 4 from ${list}
          where x.resolved is not null
        union all select x.id, 'rated', t.opener_id, 'customer', null, json_build_object('rating', x.rating)::text, x.rated, 5
          from ${list} join tickets t on t.id = x.id where x.rated is not null
      ) e where e.at is not null order by e.at, e.n`,
    );
  }

  // today's tickets, through the services, from the demo's customers of each city
  const customers = await rows<{ id: string; region_id: string; time_zone: string }>(
    db,
    sql`select distinct on (p.region_id) u.id, p.region_id, r.time_zone from users u
      join pickup_points p on p.id = u.pickup_point_id join regions r on r.id = p.region_id
      where u.roles = '{customer}' and exists (select 1 from orders o where o.user_id = u.id and o.status = 'completed')
      order by p.region_id, u.created_at, u.id`,
  );
  const leader = await one<{ user_id: string }>(db, sql`select user_id from leaders order by created_at limit 1`);
  let today = 0;
  const agentActor = { id: agent.id, role: 'agent' as const };
  const inTx = <T>(work: (tx: Db) => Promise<T>) => db.transaction((tx) => work(tx as unknown as Db));
  for (const c of customers) {
    const open = (category: Category, text: string, at?: Date) =>
      inTx((tx) => openTicket(tx, { id: c.id, role: 'customer' }, { category, text }, at));
    await open('presale', '明天的草莓是什么品种？甜不甜？');
    const working = await open('logistics_delay', '昨天的货到自提点比平时晚了两个小时，牛奶有点不凉了');
    await inTx((tx) => agentMessage(tx, null, agentActor, working.id, { kind: 'reply', text: CANNED[4].body }));
    const asking = await open('quality', '收到的鸡蛋有两个是破的');
    await inTx((tx) => agentMessage(tx, null, agentActor, asking.id, { kind: 'ask', text: CANNED[3].body }));
    const solved = await open('system_fault', '付款页面一直转圈，付不了款');
    await inTx((tx) => agentMessage(tx, null, agentActor, solved.id, { kind: 'plan', text: CANNED[6].body }));
    await inTx((tx) =>
      resolveTicket(tx, null, agentActor, solved.id, '已修复，请您再试一次，如仍有问题随时联系我们。'),
    );
    const rated = await open('description_mismatch', '苹果个头比图片上的小很多');
    await inTx((tx) => agentMessage(tx, null, agentActor, rated.id, { kind: 'reply', text: CANNED[1].body }));
    await inTx((tx) => resolveTicket(tx, null, agentActor, rated.id, '已补偿 5 元无门槛券，并反馈采购调整描述。'));
    await inTx((tx) => rateTicket(tx, c.id, rated.id, { rating: 4, comment: '处理得挺快' }));
    // last night at 21:00, after which nobody answered: past its first response, escalated
    const lastNight = localTime(addDays(businessDate(new Date(), c.time_zone), -1), '21:00', c.time_zone);
    await open('complaint', '团长今天态度很差，还说货丢了不管', lastNight);
    today += 6;
  }
  if (leader) {
    await inTx((tx) =>
      openTicket(
        tx,
        { id: leader.user_id, role: 'leader' },
        { category: 'missing_goods', text: '今天到货少了两箱鸡蛋，分拣单上有' },
      ),
    );
    today++;
  }
  const breached = await escalateBreaches(db);
  return { history: answered.length, today, breached };
}
