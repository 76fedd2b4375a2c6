import { useCallback, useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Input, List, Result, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { api, type LeaderOrder } from './api';
import { OrderLines } from './OrdersPage';
import { PickupOrder, pickupErrorText } from './PickupOrder';
import { canScan, Scanner } from './Scanner';
import { PageTitle } from './ui';
import { timeOrDateTime } from './format';

type PickedUp = LeaderOrder & { pickup?: { id: string; undoUntil: string } };

/** Undo of the pickup just made, offered until its time is up (the server decides; this only hides the button then). */
function UndoButton({ until, busy, onUndo }: { until: string; busy: boolean; onUndo: () => void }) {
  const { t } = useTranslation();
  const left = Date.parse(until) - Date.now();
  const [open, setOpen] = useState(left > 0);
  useEffect(() => {
    if (left <= 0) return;
    const timer = window.setTimeout(() => setOpen(false), Math.min(left, 2 ** 31 - 1));
    return () => window.clearTimeout(timer);
  }, [left]);
  if (!open) return null;
  return (
    <Button block className="ll-undo-btn" data-testid="verify-undo" loading={busy} onClick={onUndo}>
      {t('verify.undo', { time: timeOrDateTime(until) })}
    </Button>
  );
}

/** The order on the desk: found by its code (scanned or typed) or by the customer (then no code). */
interface Found {
  order: LeaderOrder;
  code?: string;
}

/**
 * 核销: the customer shows a pickup code (or, without their phone, gives their name or the last
 * four digits of their number); the leader sees the order's lines, hands over what is on the
 * shelf — all of it, or some lines now and the rest later.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const [query, setQuery] = useState('');
  const [scanning, setScanning] = useState(false);
  const [found, setFound] = useState<Found | null>(null);
  const scannable = canScan();

  const lookup = useMutation({
    mutationFn: (c: string) => api.post<LeaderOrder>('/leader/pickups/lookup', { code: c }),
    onSuccess: (order, c) => setFound({ order, code: c }),
  });
  const search = useMutation({
    mutationFn: (q: string) => api.get<LeaderOrder[]>(`/leader/pickups/search?q=${encodeURIComponent(q)}`),
  });
  const handOver = useMutation({
    mutationFn: ({ target, lineIds }: { target: Found; lineIds: string[] }) =>
      target.code
        ? api.post<PickedUp>('/leader/pickups/verify', { code: target.code, lineIds })
        : api.post<PickedUp>(`/leader/orders/${target.order.id}/pickup`, { lineIds }),
    onSuccess: () => {
      undo.reset();
      setFound(null);
      setCode('');
      search.reset();
      void client.invalidateQueries({ queryKey: ['leader'] });
    },
  });

  const undo = useMutation({
    mutationFn: (pickupId: string) => api.post<LeaderOrder>(`/leader/pickups/${pickupId}/undo`),
    onSuccess: () => {
      handOver.reset();
      void client.invalidateQueries({ queryKey: ['leader'] });
    },
  });

  const start = () => {
    lookup.reset();
    handOver.reset();
    undo.reset();
    setFound(null);
  };
  const { mutate: look } = lookup;
  const submit = (c: string) => {
    if (!c.trim()) return;
    start();
    look(c.trim());
  };
  const onScanned = useCallback(
    (c: string) => {
      setScanning(false);
      setCode(c);
      look(c);
    },
    [look],
  );

  const failure = undo.error ?? handOver.error ?? lookup.error;
  const message = failure ? pickupErrorText(failure, t) : null;
  const done = handOver.data;
  const left = done ? done.lines.filter((l) => l.status === 'arrived').length : 0;

  return (
    <>
      <PageTitle>{t('verify.title')}</PageTitle>
      <div className="ll-list">
        <Card className="ll-card">
          <p className="ll-hint" data-testid="verify-hint">
            {t(scannable ? 'verify.hint' : 'verify.hintNoCamera')}
          </p>
          <form
            className="ll-verify-form"
            onSubmit={(e) => {
              e.preventDefault();
              submit(code);
            }}
          >
            <Input
              data-testid="verify-code"
              className="ll-code-input"
              placeholder={t('verify.placeholder')}
              value={code}
              onChange={setCode}
              inputMode="numeric"
              autoComplete="off"
              maxLength={32}
              clearable
              aria-label={t('verify.placeholder')}
            />
            <Button
              type="submit"
              color="primary"
              size="large"
              data-testid="verify-submit"
              loading={lookup.isPending}
              disabled={!code.trim()}
            >
              {t('verify.submit')}
            </Button>
          </form>
          {scannable && !scanning && (
            <Button
              block
              size="large"
              className="ll-scan-btn"
              data-testid="verify-scan"
              onClick={() => {
                start();
                setScanning(true);
              }}
            >
              {t('verify.scan')}
            </Button>
          )}
          {scanning && <Scanner onCode={onScanned} onClose={() => setScanning(false)} />}
          {message && (
            <p className="ll-error" role="alert" data-testid="verify-error">
              {message}
            </p>
          )}
        </Card>

        {found && (
          <PickupOrder
            key={found.order.id}
            order={found.order}
            busy={handOver.isPending}
            onCancel={start}
            onConfirm={(lineIds) => handOver.mutate({ target: found, lineIds })}
          />
        )}

        {done && (
          <Card className="ll-card" data-testid="verify-result">
            <Result
              status="success"
              title={t('verify.success')}
              description={t('verify.pickedUp', { name: done.customer.name, phone: done.customer.phone })}
            />
            <OrderLines order={done} />
            {left > 0 && (
              <p className="ll-hint" data-testid="verify-left">
                {t('verify.left', { count: left })}
              </p>
            )}
            {done.pickup && (
              <UndoButton
                until={done.pickup.undoUntil}
                busy={undo.isPending}
                onUndo={() => done.pickup && undo.mutate(done.pickup.id)}
              />
            )}
          </Card>
        )}
        {undo.isSuccess && (
          <Card className="ll-card" data-testid="verify-undone">
            <p>{t('verify.undone', { name: undo.data.customer.name })}</p>
          </Card>
        )}

        <Card className="ll-card" title={t('verify.findTitle')}>
          <form
            className="ll-verify-form"
            onSubmit={(e) => {
              e.preventDefault();
              const q = query.trim();
              if (q) search.mutate(q);
            }}
          >
            <Input
              data-testid="pickup-search"
              className="ll-search-input"
              placeholder={t('verify.findPlaceholder')}
              value={query}
              onChange={setQuery}
              maxLength={20}
              clearable
              aria-label={t('verify.findPlaceholder')}
            />
            <Button
              type="submit"
              data-testid="pickup-search-submit"
              loading={search.isPending}
              disabled={!query.trim()}
            >
              {t('verify.find')}
            </Button>
          </form>
          {search.error && (
            <p className="ll-error" role="alert" data-testid="pickup-search-error">
              {t('verify.findInvalid')}
            </p>
          )}
          {search.data &&
            (search.data.length === 0 ? (
              <p className="ll-muted" data-testid="pickup-search-empty">
                {t('verify.findEmpty')}
              </p>
            ) : (
              <List>
                {search.data.map((o) => (
                  <List.Item
                    key={o.id}
                    data-testid="pickup-search-result"
                    description={o.lines.map((l) => l.productName).join('、')}
                    extra={<Tag fill="outline">{t(`status.${o.status}`)}</Tag>}
                    onClick={() => {
                      start();
                      setFound({ order: o });
                      window.scrollTo({ top: 0 });
                    }}
                  >
                    {o.customer.name} · {o.customer.phone}
                  </List.Item>
                ))}
              </List>
            ))}
        </Card>
      </div>
    </>
  );
}
