import { z } from 'zod';

/** The order as the API shows it (contract: Buying → Order). */
export const orderLineSchema = z.object({
  id: z.string(),
  campaignItemId: z.string(),
  productId: z.string(),
  productName: z.string(),
  unit: z.string(),
  quantity: z.number(),
  listPriceFen: z.number(),
  unitPriceFen: z.number(),
  memberDiscountFen: z.number(),
  fullReductionFen: z.number(),
  couponFen: z.number(),
  pointsFen: z.number(),
  discountFen: z.number(),
  paidFen: z.number(),
  refundedFen: z.number(),
  refundQuantity: z.number(),
  status: z.enum(['pending', 'allocated', 'short', 'arrived', 'picked_up', 'refunded']),
  pickedUpAt: z.string().nullable(),
});

export const orderSchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.string(),
  status: z.enum(['pending_payment', 'paid', 'cancelled', 'closed', 'ready', 'completed']),
  campaignId: z.string().nullable(),
  pickupPointId: z.string().nullable(),
  lines: z.array(orderLineSchema),
  subtotalFen: z.number(),
  memberDiscountFen: z.number(),
  fullReductionFen: z.number(),
  couponFen: z.number(),
  couponId: z.string().nullable(),
  pointsUsed: z.number(),
  pointsFen: z.number(),
  totalFen: z.number(),
  refundedFen: z.number(),
  paidAt: z.string().nullable(),
  pickupCode: z.string().nullable(),
  expiresAt: z.string(),
  createdAt: z.string(),
  customer: z.object({ name: z.string(), phone: z.string() }),
  /** a goods order's pickup day and the local hours (HH:MM, its region's) of collection on it */
  pickupDate: z.string().optional(),
  pickupFrom: z.string().optional(),
  pickupUntil: z.string().optional(),
  /** on one order read by its customer: the pickup point's leader to call (联系团长) */
  leader: z.object({ name: z.string(), phone: z.string() }).nullable().optional(),
});
