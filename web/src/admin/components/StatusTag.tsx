import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const ORDER_COLORS: Record<string, string> = {
  pending_payment: 'orange',
  paid: 'blue',
  cancelled: 'default',
  closed: 'purple',
  ready: 'cyan',
  completed: 'green',
};

export function OrderStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={ORDER_COLORS[status] ?? 'default'}>{t(`ops.orderStatus.${status}`, { defaultValue: status })}</Tag>
  );
}

export function LineStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag>{t(`ops.lineStatus.${status}`, { defaultValue: status })}</Tag>;
}
