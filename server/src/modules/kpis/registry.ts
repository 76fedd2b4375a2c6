/**
 * The KPIs the business is run by (design/kpis.md), as far as Linli's data can produce them: each
 * with its definition as shown in the console (zh and en), the seed's figure as the default
 * target, which way is better and its unit. Pure data and rules; computed in service.ts.
 */
export type KpiUnit = 'fen' | 'percent' | 'count' | 'days' | 'hours' | 'orders';
export type Dimension = 'region' | 'point' | 'leader' | 'category' | 'member';
export const DIMENSIONS: readonly Dimension[] = ['region', 'point', 'leader', 'category', 'member'];

export interface KpiDef {
  key: string;
  nameZh: string;
  nameEn: string;
  defZh: string;
  defEn: string;
  unit: KpiUnit;
  /** 'higher': a value at or above the target is on target; 'lower': at or below */
  direction: 'higher' | 'lower';
  /** the seed's figure in the unit (percent as a fraction, fen as fen); null when the seeds give none */
  target: number | null;
  seed: string;
  /** the drill-downs this KPI can be split by */
  dims: readonly Dimension[];
  /** whether a value per business day is meaningful (the daily chart) */
  daily: boolean;
}

const ALL: readonly Dimension[] = DIMENSIONS;
const CUSTOMER: readonly Dimension[] = ['region', 'point', 'leader', 'member'];
const PLACE: readonly Dimension[] = ['region', 'point', 'leader'];

export const KPIS: readonly KpiDef[] = [
  {
    key: 'gmv',
    nameZh: 'GMV',
    nameEn: 'GMV',
    defZh: '期间内支付的商品订单行实付金额之和，按支付所在业务日计（会员费不计）。',
    defEn:
      "What the goods order lines paid in the period paid, each on its payment's business day (membership fees excluded).",
    unit: 'fen',
    direction: 'higher',
    target: null,
    seed: '—',
    dims: ALL,
    daily: true,
  },
  {
    key: 'gmvChange',
    nameZh: 'GMV 环比',
    nameEn: 'GMV period-over-period',
    defZh: '本期 GMV 相对上一等长期间 GMV 的变化比例。',
    defEn: 'Change of GMV against the previous period of the same length.',
    unit: 'percent',
    direction: 'higher',
    target: 0.3,
    seed: '004: +30%',
    dims: ALL,
    daily: false,
  },
  {
    key: 'refundRate',
    nameZh: '退款率',
    nameEn: 'Refund rate',
    defZh: '期间内实际退回的金额（按退款决定日）÷ 期间 GMV。',
    defEn: 'Money refunded in the period (on the day each refund was decided) over the period’s GMV.',
    unit: 'percent',
    direction: 'lower',
    target: null,
    seed: '—',
    dims: ALL,
    daily: true,
  },
  {
    key: 'repurchaseRate',
    nameZh: '复购率',
    nameEn: 'Repurchase rate',
    defZh: '期间内下单顾客中，在期间内支付至少 2 笔订单的顾客占比。',
    defEn: "Share of the period's buyers who paid at least 2 orders in it.",
    unit: 'percent',
    direction: 'higher',
    target: 0.35,
    seed: '004: 35%',
    dims: CUSTOMER,
    daily: false,
  },
  {
    key: 'memberOrders',
    nameZh: '会员月均订单',
    nameEn: 'Member orders per month',
    defZh: '付费会员（支付时会员有效）每位下单顾客每月的支付订单数；一个月按 30 天计。',
    defEn: 'Paid orders per buying customer per month (30 days) of orders paid while a paid membership was active.',
    unit: 'orders',
    direction: 'higher',
    target: 4.7,
    seed: '000: 4.7',
    dims: CUSTOMER,
    daily: false,
  },
  {
    key: 'nonMemberOrders',
    nameZh: '非会员月均订单',
    nameEn: 'Non-member orders per month',
    defZh: '非会员每位下单顾客每月的支付订单数；一个月按 30 天计。',
    defEn: 'Paid orders per buying customer per month (30 days) of orders paid without an active membership.',
    unit: 'orders',
    direction: 'higher',
    target: 1.8,
    seed: '000: 1.8',
    dims: CUSTOMER,
    daily: false,
  },
  {
    key: 'memberPenetration',
    nameZh: '付费会员渗透率',
    nameEn: 'Paid-membership penetration',
    defZh: '期末（期内最后一个已结束的营业日，今天之前）前 90 天内下单的顾客中，当日结束时付费会员有效者的占比。',
    defEn:
      'Of the customers who paid an order in the 90 days to the end of the period (its last closed business day, before today), the share with a paid membership active at that day’s end.',
    unit: 'percent',
    direction: 'higher',
    target: 0.12,
    seed: '000: 12%',
    dims: PLACE,
    daily: false,
  },
  {
    key: 'secondPurchaseDays',
    nameZh: '二次购买间隔（中位天数）',
    nameEn: 'Days to second purchase (median)',
    defZh: '期间内完成第二笔支付订单的顾客，从首单业务日到第二单业务日的天数中位数。',
    defEn:
      "Median business days from a customer's first paid order to the second, over customers whose second fell in the period.",
    unit: 'days',
    direction: 'lower',
    target: 45,
    seed: '000: 45 天',
    dims: CUSTOMER,
    daily: false,
  },
  {
    key: 'newCustomerConversion',
    nameZh: '新客下单转化率',
    nameEn: 'New-customer conversion',
    defZh: '期间内注册的顾客中，注册后 7 天内支付商品订单的占比（按注册时所选自提点归入城市）。',
    defEn:
      'Share of customers registered in the period who paid a goods order within 7 days of registering (by the pickup point they chose).',
    unit: 'percent',
    direction: 'higher',
    target: 0.15,
    seed: '000: 28%; 004: 15%',
    dims: PLACE,
    daily: true,
  },
  {
    key: 'newRegistrations',
    nameZh: '新增注册',
    nameEn: 'New registrations',
    defZh: '期间内注册并选定自提点的顾客数。',
    defEn: 'Customers registered in the period with a pickup point chosen.',
    unit: 'count',
    direction: 'higher',
    target: 500_000,
    seed: '004: 50 万',
    dims: PLACE,
    daily: true,
  },
  {
    key: 'flashPeakGmv',
    nameZh: '秒杀单日峰值',
    nameEn: 'Flash-sale day GMV (peak)',
    defZh: '秒杀商品（定时开抢）订单行每个业务日实付金额，取期间内最高一天。',
    defEn: 'What the lines of flash deals (timed opening) paid per business day; the highest day of the period.',
    unit: 'fen',
    direction: 'higher',
    target: 500_000_000,
    seed: '000: > 500 万元',
    dims: ALL,
    daily: true,
  },
  {
    key: 'leaderProductivity',
    nameZh: '团长人效',
    nameEn: 'Leader productivity',
    defZh: '有在任团长的自提点 GMV 减去其退款，除以在任团长数和月数（30 天为一个月）。',
    defEn: 'GMV net of refunds of the pickup points with an active leader, per active leader per month (30 days).',
    unit: 'fen',
    direction: 'higher',
    target: 8_200_000,
    seed: '000: 8.2 万元/月',
    dims: PLACE,
    daily: false,
  },
  {
    key: 'deliveryCostShare',
    nameZh: '配送成本占比',
    nameEn: 'Delivery cost share',
    defZh: '期间内录入的线路配送成本 ÷ 这些线路上自提点的 GMV。',
    defEn: 'Delivery cost entered for routes in the period over the GMV of the pickup points on those routes.',
    unit: 'percent',
    direction: 'lower',
    target: 0.15,
    seed: '000: > 15% 预警',
    dims: ['region'],
    daily: false,
  },
  {
    key: 'stockOutRate',
    nameZh: '缺货率',
    nameEn: 'Stock-out rate',
    defZh: '期间内按缺货退款的件数 ÷ 期间内下单件数。',
    defEn: 'Units refunded for shortage in the period over units ordered in it.',
    unit: 'percent',
    direction: 'lower',
    target: 0.05,
    seed: '000, 002: < 5%',
    dims: ALL,
    daily: true,
  },
  {
    key: 'orderErrorRate',
    nameZh: '订单错误率',
    nameEn: 'Order error rate',
    defZh: '期间内以“少件”或“错发”售后退款的订单行 ÷ 期间内提货的订单行。',
    defEn: 'Lines refunded after-sales as missing or wrong item in the period over lines picked up in it.',
    unit: 'percent',
    direction: 'lower',
    target: 0.0002,
    seed: '004: 0.02%',
    dims: ALL,
    daily: true,
  },
  {
    key: 'fulfilmentHours',
    nameZh: '履约时效（中位）',
    nameEn: 'Fulfilment time (median)',
    defZh: '期间内到达自提点（可提货）的订单，从支付到到货的小时数（按 0.1 小时向下取整）的中位数，按到货业务日计。',
    defEn:
      'Median hours from payment to ready for pickup (the goods arrived at the point), in tenths of an hour rounded down, over the orders made ready in the period.',
    unit: 'hours',
    direction: 'lower',
    target: 24,
    seed: '000, 003: ≤ 24 小时',
    dims: ['region'],
    daily: false,
  },
  {
    key: 'fulfilmentHoursP90',
    nameZh: '履约时效（P90）',
    nameEn: 'Fulfilment time (90th percentile)',
    defZh: '同上，取第 90 百分位：九成订单在此小时数内到货。',
    defEn: 'As above, the 90th percentile: nine orders in ten were ready within these hours.',
    unit: 'hours',
    direction: 'lower',
    target: 24,
    seed: '000, 003: ≤ 24 小时',
    dims: ['region'],
    daily: false,
  },
  {
    key: 'slowMoverShare',
    nameZh: '滞销品占比',
    nameEn: 'Slow-mover share',
    defZh: '期间内截单的团购中设了限量的商品，售出不足限量 20% 的占比（按截单业务日计）。',
    defEn:
      'Of the deals with a quota in the campaigns cut off in the period, the share that sold under 20 % of their quota.',
    unit: 'percent',
    direction: 'lower',
    target: 0.05,
    seed: '004: < 5%',
    dims: ['region'],
    daily: false,
  },
  {
    key: 'purchaseCycleDays',
    nameZh: '采购周期',
    nameEn: 'Purchase cycle',
    defZh: '期间内收货的采购单，从创建到收货的平均天数（按收货业务日计）。',
    defEn: 'Average days from a purchase order’s creation to its receiving, over the orders received in the period.',
    unit: 'days',
    direction: 'lower',
    target: 7,
    seed: '004: ≤ 7 天',
    dims: ['region'],
    daily: false,
  },
];

/** kpis.md metrics the data cannot give yet, and why. */
export const UNAVAILABLE: readonly { nameZh: string; nameEn: string; whyZh: string; whyEn: string }[] = [
  {
    nameZh: '流失召回率',
    nameEn: 'Dormant recall rate',
    whyZh: '见“定向发券”页：每次召回活动的召回率、对照组与提升（按活动，非按日）',
    whyEn:
      'on the targeted campaigns screen: each recall campaign’s recall rate, control group and lift (by campaign, not by day)',
  },
  {
    nameZh: '满减客单价提升',
    nameEn: 'AOV uplift from full reduction',
    whyZh: '见“满减活动”页：每个活动期（不超过 7 天）的客单价对比前 4 周同时段（按活动，非按日）',
    whyEn:
      'on the spend & save screen: each window’s (up to 7 days) AOV against the same hours of the 4 weeks before (by promotion, not by day)',
  },
  {
    nameZh: '损耗率',
    nameEn: 'Loss rate',
    whyZh: '见“临期与损耗”页（按周）',
    whyEn: 'on the freshness and loss screen (weekly)',
  },
  {
    nameZh: '到货品质达标率',
    nameEn: 'Arrival quality rate',
    whyZh: '见“到货品质”页',
    whyEn: 'on the arrival quality screen',
  },
  {
    nameZh: '库存周转率',
    nameEn: 'Inventory turnover',
    whyZh: '见“库存周转”页（按仓库、按月）',
    whyEn: 'on the inventory turnover screen (per warehouse and month)',
  },
  {
    nameZh: '投诉、系统故障、物流异常、客服响应、复盘时效',
    nameEn: 'Complaint, fault, logistics, customer-service and post-mortem response',
    whyZh: '需要工单系统（Linli 尚无工单）',
    whyEn: 'needs tickets (Linli has none yet)',
  },
  {
    nameZh: '备货方案、热销补货响应',
    nameEn: 'Surge stock-up plan, hot-item replenishment',
    whyZh: '需要记录从预警到采购决定的时间',
    whyEn: 'needs the time from an alert to a recorded purchase decision',
  },
  {
    nameZh: '虚假退款率',
    nameEn: 'Fake-refund rate',
    whyZh: '退款上尚无“撤销/滥用”标记',
    whyEn: 'refunds carry no reversal or abuse flag yet',
  },
  {
    nameZh: '物流延误投诉占比',
    nameEn: 'Logistics-delay share of complaints',
    whyZh: '售后原因中无“物流延误”，且无工单',
    whyEn: 'no "logistics delay" after-sales reason and no tickets',
  },
  {
    nameZh: '线下转线上、直播 GMV 占比、获客成本与渠道 ROI',
    nameEn: 'Offline-to-online conversion, livestream GMV share, acquisition cost and channel ROI',
    whyZh: '需要门店渠道与渠道归因（及渠道投放成本）',
    whyEn: 'needs a store channel and channel attribution (and spend per channel)',
  },
  {
    nameZh: '订单处理耗时',
    nameEn: 'Order processing time',
    whyZh: '是基准测试指标，见 docs/benchmarks.md（截单）',
    whyEn: 'a benchmark figure, see docs/benchmarks.md (cutoff)',
  },
];

export type KpiStatus = 'ok' | 'off' | 'none';

/** On target or not: by the KPI's direction; 'none' without a value or a target. */
export function kpiStatus(def: Pick<KpiDef, 'direction'>, value: number | null, target: number | null): KpiStatus {
  if (value === null || target === null) return 'none';
  return (def.direction === 'higher' ? value >= target : value <= target) ? 'ok' : 'off';
}

/** a / b, or null when b is 0 */
export const ratio = (a: number, b: number): number | null => (b ? a / b : null);

/** Relative change from `previous` to `current`; null when the previous is 0 or either is missing. */
export function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}

/** Months in a period of `days` business days: a month is 30 days. */
export const months = (days: number) => days / 30;
