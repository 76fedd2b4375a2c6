import type { OrderLine } from './api';

/**
 * The server accepts after-sales claims within 48 hours of pickup (AFTERSALES_WINDOW_HOURS). The
 * shop only uses this to decide whether to offer the button; the server still decides.
 */
const WINDOW_MS = 48 * 3_600_000;

export function claimableLines(lines: OrderLine[], now = Date.now()): OrderLine[] {
  return lines.filter(
    (l) =>
      l.status === 'picked_up' &&
      l.refundQuantity < l.quantity &&
      l.pickedUpAt !== null &&
      now - new Date(l.pickedUpAt).getTime() < WINDOW_MS,
  );
}
