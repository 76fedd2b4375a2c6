import { useState } from 'react';
import { Button, Card, Checkbox } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../shared/api';
import { errorText } from '../shared/i18n';
import type { LeaderOrder } from './api';
import { timeOrDateTime } from './format';
import { LineTag } from './OrdersPage';

/**
 * An order at the pickup desk before it is handed over: the customer (masked phone), its lines,
 * and a tick for each line waiting on the shelf — all ticked, so the usual case is one tap; the
 * leader unticks what the customer takes later (a partial pickup).
 */
export function PickupOrder({
  order,
  busy,
  onConfirm,
  onCancel,
}: {
  order: LeaderOrder;
  busy: boolean;
  onConfirm: (lineIds: string[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const waiting = order.lines.filter((l) => l.status === 'arrived').map((l) => l.id);
  const [chosen, setChosen] = useState<string[]>(waiting);
  return (
    <Card className="ll-card" data-testid="pickup-order">
      <div className="ll-row">
        <strong className="ll-grow">
          {order.customer.name} · {order.customer.phone}
        </strong>
        <span className="ll-muted">{t('orders.orderNo', { number: order.number })}</span>
      </div>
      <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as string[])}>
        <ul className="ll-lines ll-pickup-lines">
          {order.lines.map((l) => (
            <li key={l.id} data-testid="pickup-line" data-product={l.productName} data-status={l.status}>
              {l.status === 'arrived' ? (
                <Checkbox value={l.id} className="ll-grow">
                  {l.productName}
                </Checkbox>
              ) : (
                <span className="ll-grow">{l.productName}</span>
              )}
              <span>
                {l.quantity - l.refundQuantity} × {l.unit}
              </span>
              <LineTag orderStatus={order.status} status={l.status} />
            </li>
          ))}
        </ul>
      </Checkbox.Group>
      {waiting.length === 0 ? (
        <p className="ll-hint" data-testid="pickup-nothing">
          {t('verify.nothingWaiting')}
        </p>
      ) : (
        chosen.length < waiting.length && <p className="ll-hint">{t('verify.partialHint')}</p>
      )}
      <div className="ll-pickup-actions">
        <Button onClick={onCancel}>{t('verify.cancel')}</Button>
        <Button
          color="primary"
          data-testid="pickup-confirm"
          loading={busy}
          disabled={!chosen.length}
          onClick={() => onConfirm(chosen)}
        >
          {t('verify.confirm', { count: chosen.length })}
        </Button>
      </div>
    </Card>
  );
}

/** The desk's words for a refusal: why this order cannot be handed over, not "not possible now". */
export function pickupErrorText(err: unknown, t: (key: string, opts?: Record<string, unknown>) => string): string {
  if (!(err instanceof ApiError)) return errorText(err);
  const details = (err.details ?? {}) as { reason?: string; pickedUpAt?: string | null };
  if (err.status === 404) return details.reason === 'other_point' ? t('verify.otherPoint') : t('verify.notFound');
  if (err.status !== 409) return errorText(err);
  switch (details.reason) {
    case 'picked_up':
      return details.pickedUpAt
        ? t('verify.alreadyAt', { time: timeOrDateTime(details.pickedUpAt) })
        : t('verify.already');
    case 'not_arrived':
      return t('verify.notArrived');
    case 'cancelled':
      return t('verify.cancelled');
    case 'line_not_waiting':
      return t('verify.lineGone');
    case 'undo_expired':
      return t('verify.undoExpired');
    case 'undone':
      return t('verify.undoDone');
    case 'undo_changed':
      return t('verify.undoChanged');
    case 'undo_coupon_used':
      return t('verify.undoCouponUsed');
    default:
      return errorText(err);
  }
}
