import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { OrderStatus as Status } from '../api';

const COLORS: Record<Status, string> = {
  pending_payment: 'warning',
  paid: 'primary',
  cancelled: 'default',
  closed: 'primary',
  ready: 'success',
  completed: 'default',
};

export function OrderStatusTag({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="order-status" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}
