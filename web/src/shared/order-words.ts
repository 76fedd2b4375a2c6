/**
 * One vocabulary for where an order stands, the same words in the shop and the leader app (a
 * customer reading "配送中" to her leader must hear the same "配送中" back). Pure rules from the
 * order's and its lines' statuses to a stage, and the words for each stage, in both languages;
 * shared/i18n.ts merges the words into every app under `progress`.
 */
export type OrderStatus = 'pending_payment' | 'paid' | 'cancelled' | 'closed' | 'ready' | 'completed';
export type LineStatus = 'pending' | 'allocated' | 'short' | 'arrived' | 'picked_up' | 'refunded';

/** The steps of a goods order's timeline, in order; cancelled stands outside it. */
export const STEPS = ['unpaid', 'paid', 'preparing', 'delivering', 'ready', 'completed'] as const;
export type Stage = (typeof STEPS)[number] | 'cancelled';

/**
 * Where the order stands. A cut-off order ("closed") is being prepared until its goods leave the
 * warehouse for the point (a line allocated or arrived), then on its way.
 */
export function orderStage(status: OrderStatus, lines: { status: LineStatus }[] = []): Stage {
  switch (status) {
    case 'pending_payment':
      return 'unpaid';
    case 'paid':
      return 'paid';
    case 'closed':
      return lines.some((l) => l.status === 'allocated' || l.status === 'arrived') ? 'delivering' : 'preparing';
    default:
      return status;
  }
}

export type LineStage = 'beforeCutoff' | 'preparing' | 'delivering' | 'short' | 'ready' | 'picked_up' | 'refunded';

/**
 * Where one line stands. A pending line waits for the cutoff only while its order does: once the
 * order is cut off it is being prepared (it is never "待截单" after the cutoff).
 */
export function lineStage(orderStatus: OrderStatus, line: LineStatus): LineStage {
  switch (line) {
    case 'pending':
      return orderStatus === 'pending_payment' || orderStatus === 'paid' ? 'beforeCutoff' : 'preparing';
    case 'allocated':
      return 'delivering';
    case 'arrived':
      return 'ready';
    default:
      return line;
  }
}

/**
 * A pickup code in groups of three or four digits, easy to read aloud at the desk: "123 456",
 * "1234 5678", "1234 567 890"; the longer groups come first.
 */
export function groupedCode(code: string): string {
  const n = code.length;
  if (n <= 5) return code; // too short to need groups, and no way to split it into 3–4 digits
  const groups = Math.ceil(n / 4);
  const parts: string[] = [];
  let at = 0;
  for (let g = 0; g < groups; g++) {
    const size = Math.floor(n / groups) + (g < n % groups ? 1 : 0);
    parts.push(code.slice(at, at + size));
    at += size;
  }
  return parts.join(' ');
}

export const orderWords = {
  'zh-CN': {
    progress: {
      stage: {
        unpaid: '待付款',
        paid: '已支付',
        preparing: '备货中',
        delivering: '配送中',
        ready: '待自提',
        completed: '已完成',
        cancelled: '已取消',
      },
      step: {
        unpaid: '下单',
        paid: '支付',
        preparing: '备货',
        delivering: '配送',
        ready: '待自提',
        completed: '已取货',
      },
      line: {
        beforeCutoff: '待截单',
        preparing: '备货中',
        delivering: '配送中',
        short: '缺货已退款',
        ready: '待自提',
        picked_up: '已取货',
        refunded: '已退款',
      },
    },
  },
  en: {
    progress: {
      stage: {
        unpaid: 'Awaiting payment',
        paid: 'Paid',
        preparing: 'Being prepared',
        delivering: 'On its way',
        ready: 'Ready for pickup',
        completed: 'Completed',
        cancelled: 'Cancelled',
      },
      step: {
        unpaid: 'Ordered',
        paid: 'Paid',
        preparing: 'Preparing',
        delivering: 'On its way',
        ready: 'At the point',
        completed: 'Picked up',
      },
      line: {
        beforeCutoff: 'Before cutoff',
        preparing: 'Being prepared',
        delivering: 'On its way',
        short: 'Out of stock, refunded',
        ready: 'Ready for pickup',
        picked_up: 'Picked up',
        refunded: 'Refunded',
      },
    },
  },
};
