import { useRef, useState } from 'react';
import { Button, Checkbox, List, Result, Selector, Stepper, TextArea, Toast } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type Order } from '../api';
import { idempotencyKey } from '../../shared/api';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';
import { Screen } from '../components/Screen';
import { claimableLines } from '../aftersales';
import { Query } from '../components/State';

const REASONS = ['quality', 'description_mismatch', 'logistics_delay', 'missing', 'wrong_item', 'other'] as const;
type Reason = (typeof REASONS)[number];

/** 售后: claim picked-up lines with a reason; the server computes the amount from what each line paid. */
export default function AftersalesPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const order = useQuery({ queryKey: ['order', id], queryFn: () => api.get<Order>(`/orders/${id}`) });
  return (
    <Screen title={t('aftersales.title')}>
      <Query q={order}>{(o) => <AftersalesForm order={o} />}</Query>
    </Screen>
  );
}

function AftersalesForm({ order }: { order: Order }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [claimable] = useState(() => claimableLines(order.lines));
  const [picked, setPicked] = useState<Record<string, number>>({});
  const [reason, setReason] = useState<Reason | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const key = useRef(idempotencyKey());

  if (!claimable.length) return <Result status="info" title={t('aftersales.nothing')} />;

  const lines = Object.entries(picked)
    .filter(([, q]) => q > 0)
    .map(([lineId, quantity]) => ({ lineId, quantity }));
  async function submit() {
    if (!reason || !lines.length) return;
    setBusy(true);
    try {
      const r = await api.post<Answer<'/orders/{id}/refunds', 'post'>>(
        `/orders/${order.id}/refunds`,
        { lines, reason, ...(note.trim() ? { note: note.trim() } : {}) },
        { 'Idempotency-Key': key.current },
      );
      Toast.show({ content: t('aftersales.sent', { amount: yuan(r.amountFen) }), icon: 'success' });
      void qc.invalidateQueries({ queryKey: ['order', order.id] });
      navigate(`/orders/${order.id}`, { replace: true });
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
      key.current = idempotencyKey();
      setBusy(false);
    }
  }

  return (
    <>
      <List header={t('aftersales.lines')}>
        {claimable.map((l) => {
          const left = l.quantity - l.refundQuantity;
          const q = picked[l.id] ?? 0;
          return (
            <List.Item
              key={l.id}
              data-testid="aftersales-line"
              description={`${t('aftersales.paid', { amount: yuan(l.paidFen) })} · ${l.unit}`}
              prefix={
                <Checkbox
                  checked={q > 0}
                  onChange={(on: boolean) => setPicked({ ...picked, [l.id]: on ? left : 0 })}
                  aria-label={l.productName}
                />
              }
              extra={
                q > 0 ? (
                  <Stepper min={1} max={left} value={q} onChange={(v: number) => setPicked({ ...picked, [l.id]: v })} />
                ) : (
                  `× ${left}`
                )
              }
            >
              {l.productName}
            </List.Item>
          );
        })}
      </List>
      <List header={t('aftersales.reason')}>
        <List.Item>
          <Selector
            columns={2}
            options={REASONS.map((r) => ({ label: t(`reason.${r}`), value: r }))}
            value={reason ? [reason] : []}
            onChange={(v: Reason[]) => setReason(v[0] ?? null)}
            data-testid="aftersales-reason"
          />
        </List.Item>
        <List.Item>
          <TextArea
            placeholder={t('aftersales.notePlaceholder')}
            value={note}
            onChange={setNote}
            maxLength={500}
            rows={3}
            showCount
          />
        </List.Item>
      </List>
      <p className="shop-muted shop-pad">{t('aftersales.rule')}</p>
      <div className="shop-pad">
        <Button
          block
          color="primary"
          size="large"
          disabled={!reason || !lines.length}
          loading={busy}
          onClick={() => void submit()}
          data-testid="aftersales-submit"
        >
          {t('common.submit')}
        </Button>
      </div>
    </>
  );
}
