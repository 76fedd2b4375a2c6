import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { Order } from '../api';
import { orderStage, STEPS, type Stage } from '../../shared/order-words';

const COLORS: Record<Stage, string> = {
  unpaid: 'warning',
  paid: 'primary',
  preparing: 'primary',
  delivering: 'primary',
  ready: 'success',
  completed: 'default',
  cancelled: 'default',
};

/** The order's stage in the words the leader app uses too (shared/order-words.ts). */
export function OrderStatusTag({ order }: { order: Pick<Order, 'status' | 'lines'> }) {
  const { t } = useTranslation();
  const stage = orderStage(order.status, order.lines);
  return (
    <Tag color={COLORS[stage]} data-testid="order-status" data-status={order.status} data-stage={stage}>
      {t(`progress.stage.${stage}`)}
    </Tag>
  );
}

/** 下单 → 支付 → 截单备货 → 配送到自提点 → 到店待自提 → 已提货, the current step marked. */
export function OrderTimeline({ order }: { order: Pick<Order, 'status' | 'lines'> }) {
  const { t } = useTranslation();
  const stage = orderStage(order.status, order.lines);
  if (stage === 'cancelled') return null;
  const at = STEPS.indexOf(stage);
  return (
    <ol className="shop-timeline" data-testid="order-timeline" aria-label={t('order.timeline')}>
      {STEPS.map((step, i) => (
        <li
          key={step}
          className={i < at ? 'done' : i === at ? 'now' : undefined}
          aria-current={i === at ? 'step' : undefined}
          data-step={step}
        >
          {t(`progress.step.${step}`)}
        </li>
      ))}
    </ol>
  );
}
