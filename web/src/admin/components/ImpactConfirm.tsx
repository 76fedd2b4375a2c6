import type { ButtonProps } from 'antd';
import { Alert, Descriptions, Modal, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';

/** What an action would do, as the server's preview answers it (the action run and rolled back). */
export interface Impact {
  orders: number;
  units: number;
  amountFen: number;
  refundFen: number;
  customersNotified: number;
}

export interface ImpactRequest<T extends Impact> {
  /** a stable key of what is previewed: the preview is fetched afresh for every opening */
  key: string;
  title: string;
  fetch: () => Promise<T>;
  /** labels of the five figures where the action names them more precisely */
  labels?: Partial<Record<'orders' | 'units' | 'amount' | 'refund', string>>;
  /** figures only this action has */
  extra?: (p: T) => { key: string; label: string; value: string }[];
  okText: string;
  danger?: boolean;
  confirmTestId: string;
  onConfirm: () => void;
}

/**
 * The last step before an action that cannot be undone: the server's figures of what it will do
 * (orders, units, money, customers told). Confirming is possible only once they are shown.
 */
export function ImpactConfirm<T extends Impact>({
  request,
  onClose,
}: {
  request: ImpactRequest<T> | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const preview = useQuery({
    queryKey: ['impact', request?.key],
    queryFn: () => request!.fetch(),
    enabled: !!request,
    gcTime: 0,
    staleTime: 0,
    retry: false,
  });
  const p = preview.data;
  const label = (k: 'orders' | 'units' | 'amount' | 'refund') => request?.labels?.[k] ?? t(`ops.impact.${k}`);
  return (
    <Modal
      open={!!request}
      title={request?.title}
      onCancel={onClose}
      destroyOnHidden
      okText={request?.okText}
      cancelText={t('common.cancel')}
      onOk={() => {
        request?.onConfirm();
        onClose();
      }}
      okButtonProps={{ danger: request?.danger, disabled: !p, 'data-testid': request?.confirmTestId } as ButtonProps}
      data-testid="impact-modal"
    >
      {preview.isError ? (
        <Alert type="error" showIcon title={errorText(preview.error)} data-testid="impact-error" />
      ) : !p ? (
        <Spin>
          <Typography.Text type="secondary">{t('ops.impact.loading')}</Typography.Text>
        </Spin>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('ops.impact.intro')}</Typography.Paragraph>
          <Descriptions
            bordered
            size="small"
            column={1}
            data-testid="impact-summary"
            items={[
              {
                key: 'orders',
                label: label('orders'),
                children: <span data-testid="impact-orders">{t('ops.impact.ordersUnit', { n: p.orders })}</span>,
              },
              {
                key: 'units',
                label: label('units'),
                children: <span data-testid="impact-units">{t('ops.impact.unitsUnit', { n: p.units })}</span>,
              },
              {
                key: 'amount',
                label: label('amount'),
                children: <span data-testid="impact-amount">{yuan(p.amountFen)}</span>,
              },
              {
                key: 'refund',
                label: label('refund'),
                children: <span data-testid="impact-refund">{yuan(p.refundFen)}</span>,
              },
              {
                key: 'notified',
                label: t('ops.impact.notified'),
                children: (
                  <span data-testid="impact-notified">{t('ops.impact.peopleUnit', { n: p.customersNotified })}</span>
                ),
              },
              ...(request?.extra?.(p) ?? []).map((x) => ({
                key: x.key,
                label: x.label,
                children: <span data-testid={`impact-${x.key}`}>{x.value}</span>,
              })),
            ]}
          />
        </>
      )}
    </Modal>
  );
}
