/**
 * 再来一单: which of an order's products can be bought again today, and how many. A product is
 * offered again when a deal of it is open at the customer's point now (on sale, not sold out);
 * the quantity is the order's, within the deal's limit and what is left.
 */
interface PastLine {
  productId: string;
  quantity: number;
  refundQuantity: number;
}
interface OpenDeal {
  id: string;
  productId: string;
  remaining?: number;
  perCustomerLimit?: number | null;
  saleStartsAt?: string | null;
}

export function reorderLines(
  lines: PastLine[],
  deals: OpenDeal[],
  now: number,
): { dealId: string; quantity: number }[] {
  const wanted = new Map<string, number>();
  for (const l of lines) wanted.set(l.productId, (wanted.get(l.productId) ?? 0) + Math.max(l.quantity, 1));
  const out: { dealId: string; quantity: number }[] = [];
  for (const [productId, quantity] of wanted) {
    const deal = deals.find(
      (d) =>
        d.productId === productId &&
        (d.remaining === undefined || d.remaining > 0) &&
        !(d.saleStartsAt && new Date(d.saleStartsAt).getTime() > now),
    );
    if (!deal) continue;
    const cap = Math.min(deal.perCustomerLimit ?? Infinity, deal.remaining ?? Infinity);
    out.push({ dealId: deal.id, quantity: Math.min(quantity, cap) });
  }
  return out;
}
