import { z } from 'zod';
import { defineSetting } from '../settings/service.js';

const share = z.number().min(0).max(1);

/**
 * The scorecard's marks (decision 044). Defaults are the seeds' figures where they give one:
 * arrival quality ≥ 98 % (到货品质达标率) read as fill rate and as at most 2 % rejected, loss
 * under 3 % online (损耗率), refunds over 3 % flagged (退款率) read as 30 claimed units per 1,000
 * sold. On time ≥ 95 % is ours: the seeds ask for on-time delivery without a figure.
 */
export const SCORECARD_THRESHOLDS = defineSetting({
  key: 'suppliers.scorecardThresholds',
  schema: z.object({
    minFillRate: share,
    maxRejectionRate: share,
    minOnTimeRate: share,
    maxComplaintsPerThousand: z.number().min(0).max(1000),
    maxLossRate: share,
  }),
  default: {
    minFillRate: 0.98,
    maxRejectionRate: 0.02,
    minOnTimeRate: 0.95,
    maxComplaintsPerThousand: 30,
    maxLossRate: 0.03,
  },
  description:
    'Supplier scorecard thresholds: a figure exactly at its threshold scores 60 of 100 (fill rate, rejection rate, on-time rate and loss rate as shares 0–1, complaints as claimed units per 1,000 sold)',
});

export const SCORECARD_WEIGHTS = defineSetting({
  key: 'suppliers.scorecardWeights',
  schema: z
    .object({
      fillRate: z.number().int().min(0).max(100),
      rejectionRate: z.number().int().min(0).max(100),
      onTimeRate: z.number().int().min(0).max(100),
      complaints: z.number().int().min(0).max(100),
      loss: z.number().int().min(0).max(100),
    })
    .refine((w) => w.fillRate + w.rejectionRate + w.onTimeRate + w.complaints + w.loss > 0, 'some weight must be > 0'),
  default: { fillRate: 30, rejectionRate: 20, onTimeRate: 20, complaints: 20, loss: 10 },
  description: 'Weights of the supplier scorecard figures in the weighted score (relative, integers)',
});

export const SCORECARD_STANDARD = defineSetting({
  key: 'suppliers.scorecardStandard',
  schema: z.object({
    passScore: z.number().min(0).max(100),
    rectificationDays: z.number().int().min(1).max(90),
    consecutiveMonthsToPropose: z.number().int().min(1).max(12),
  }),
  default: { passScore: 60, rectificationDays: 15, consecutiveMonthsToPropose: 2 },
  description:
    'A supplier whose weighted score is under passScore is below standard (不达标) and must rectify within rectificationDays after the month; below standard for consecutiveMonthsToPropose closed months in a row proposes its suspension to the operator (末位淘汰)',
});

export const DELIVERY_DUE = defineSetting({
  key: 'suppliers.deliveryDue',
  schema: z.object({
    daysBeforePickup: z.number().int().min(0).max(7),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  }),
  default: { daysBeforePickup: 0, time: '06:00' },
  description:
    "When a purchase order's delivery is due at the warehouse: this time (the region's clock) on the campaign's pickup day minus daysBeforePickup; set on the order at cutoff",
});
