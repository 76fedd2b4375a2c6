import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Dialog, Input, NoticeBar, Stepper, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../shared/api';
import { errorText } from '../shared/i18n';
import { yuan } from '../shared/money';
import { api, type ArrivalResult, type SortingList } from './api';
import { CampaignBar, useCurrentCampaign } from './campaign';
import { EmptyState, PageTitle, QueryView } from './ui';

/** 到货: count each product of the sorting list; what did not arrive whole is refunded by the server. */
export function ArrivalPage() {
  const { t } = useTranslation();
  const campaign = useCurrentCampaign();
  return (
    <>
      <PageTitle>{t('arrival.title')}</PageTitle>
      <QueryView query={campaign.query} isEmpty={(l) => l.length === 0} empty={t('campaign.none')}>
        {() => <CampaignBar {...campaign} />}
      </QueryView>
      {campaign.current &&
        // before cutoff there is no sorting list: say so without asking for one
        (campaign.current.sortingListStatus === null ? (
          <EmptyState text={t('arrival.noList')} />
        ) : (
          <ArrivalList key={campaign.current.id} campaignId={campaign.current.id} />
        ))}
    </>
  );
}

interface Count {
  received: number;
  damaged: number;
}

function ArrivalList({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['leader', 'sorting-list', campaignId],
    queryFn: () => api.get<SortingList>(`/leader/sorting-list?campaignId=${campaignId}`),
    // No sorting list yet (404) is an expected state before cutoff, not an error worth retrying.
    retry: (n, err) => !(err instanceof ApiError && err.status === 404) && n < 1,
  });
  const [counts, setCounts] = useState<Record<string, Count>>({});
  const [result, setResult] = useState<ArrivalResult | null>(null);
  const confirm = useMutation({
    mutationFn: (
      lines: { productId: string; receivedQuantity: number; damagedQuantity: number; missingQuantity: number }[],
    ) => api.post<ArrivalResult>('/leader/arrivals', { campaignId, lines }),
    onSuccess: (res) => {
      setResult(res);
      void client.invalidateQueries({ queryKey: ['leader'] });
    },
  });

  if (query.isError && query.error instanceof ApiError && query.error.status === 404)
    return <EmptyState text={t('arrival.noList')} />;

  return (
    <QueryView query={query}>
      {(list) => {
        if (list.status === 'pending') return <EmptyState text={t('arrival.pending')} />;
        const open = list.lines.filter((l) => l.receivedQuantity === null);
        const countOf = (productId: string, expected: number): Count =>
          counts[productId] ?? { received: expected, damaged: 0 };
        const rows = open.map((l) => {
          const c = countOf(l.productId, l.expectedQuantity);
          return { ...l, ...c, missing: Math.max(0, l.expectedQuantity - c.received - c.damaged) };
        });
        // All open products at once, or one product when its crate came on its own (the server confirms each product once).
        const submit = async (send: typeof rows) => {
          const missing = send.reduce((n, r) => n + r.missing, 0);
          const damaged = send.reduce((n, r) => n + r.damaged, 0);
          const ok = await Dialog.confirm({
            title:
              send.length === 1
                ? t('arrival.confirmOneTitle', { name: send[0].productName })
                : t('arrival.confirmTitle'),
            content: t('arrival.confirmBody', { missing, damaged }),
            confirmText: t('common.confirm'),
            cancelText: t('common.cancel'),
          });
          if (ok)
            confirm.mutate(
              send.map((r) => ({
                productId: r.productId,
                receivedQuantity: r.received,
                damagedQuantity: r.damaged,
                missingQuantity: r.missing,
              })),
            );
        };
        return (
          <div className="ll-list">
            {result && (
              <NoticeBar
                color="success"
                wrap
                data-testid="arrival-result"
                content={
                  <>
                    {t('arrival.result', { ready: result.readyOrders })}
                    {result.refunds.count > 0 && (
                      <>
                        {' '}
                        ·{' '}
                        {t('arrival.refunds', { count: result.refunds.count, amount: yuan(result.refunds.amountFen) })}
                      </>
                    )}
                  </>
                }
              />
            )}
            <ColdChainCard
              list={list}
              campaignId={campaignId}
              onRefused={(res) => {
                setResult(res);
                void client.invalidateQueries({ queryKey: ['leader'] });
              }}
            />
            {open.length > 0 && <p className="ll-hint">{t('arrival.hint')}</p>}
            {rows.map((r) => (
              <CountCard
                key={r.productId}
                row={r}
                busy={confirm.isPending}
                onConfirmAlone={rows.length > 1 ? () => void submit([r]) : undefined}
                onChange={(c) => setCounts({ ...counts, [r.productId]: c })}
              />
            ))}
            {confirm.isError && (
              <p className="ll-error" role="alert" data-testid="arrival-error">
                {errorText(confirm.error)}
              </p>
            )}
            {open.length > 0 ? (
              <Button
                block
                color="primary"
                size="large"
                data-testid="arrival-confirm"
                loading={confirm.isPending}
                onClick={() => void submit(rows)}
              >
                {t('arrival.confirmAll')}
              </Button>
            ) : (
              !result && (
                <p className="ll-hint" data-testid="arrival-all-done">
                  {t('arrival.allDone')}
                </p>
              )
            )}
            {list.lines
              .filter((l) => l.receivedQuantity !== null)
              .map((l) => (
                <DoneCard key={l.productId} line={l} />
              ))}
          </div>
        );
      }}
    </QueryView>
  );
}

type Row = SortingList['lines'][number] & Count & { missing: number };

/**
 * One product to count. Received and damaged are bounded by what was expected (the steppers'
 * max), so the rest is missing and never negative.
 */
function CountCard({
  row: r,
  busy,
  onChange,
  onConfirmAlone,
}: {
  row: Row;
  busy: boolean;
  onChange: (c: Count) => void;
  onConfirmAlone?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Card
      className="ll-card"
      data-testid="arrival-line"
      data-product={r.productName}
      title={r.productName}
      extra={<span className="ll-muted">{t('arrival.expected', { count: r.expectedQuantity, unit: r.unit })}</span>}
    >
      <div className="ll-counts">
        <div className="ll-count">
          <span>{t('arrival.received')}</span>
          <Stepper
            data-testid="arrival-received"
            min={0}
            max={r.expectedQuantity}
            value={r.received}
            onChange={(v: number) => onChange({ received: v, damaged: Math.min(r.damaged, r.expectedQuantity - v) })}
          />
        </div>
        <div className="ll-count">
          <span>{t('arrival.damaged')}</span>
          <Stepper
            data-testid="arrival-damaged"
            min={0}
            max={r.expectedQuantity - r.received}
            value={r.damaged}
            onChange={(v: number) => onChange({ received: r.received, damaged: v })}
          />
        </div>
      </div>
      <div className="ll-row ll-line-foot">
        <span className={r.missing > 0 ? 'll-warn ll-grow' : 'll-muted ll-grow'} data-testid="arrival-missing">
          {t('arrival.missing', { count: r.missing })}
        </span>
        {onConfirmAlone && (
          <Button
            size="small"
            fill="outline"
            color="primary"
            data-testid="arrival-confirm-line"
            disabled={busy}
            onClick={onConfirmAlone}
          >
            {t('arrival.confirmOne')}
          </Button>
        )}
      </div>
    </Card>
  );
}

function DoneCard({ line: l }: { line: SortingList['lines'][number] }) {
  const { t } = useTranslation();
  return (
    <Card
      className="ll-card ll-done"
      data-testid="arrival-done"
      title={l.productName}
      extra={<span className="ll-muted">{t('arrival.expected', { count: l.expectedQuantity, unit: l.unit })}</span>}
    >
      {t('arrival.done', {
        received: l.receivedQuantity,
        missing: l.missingQuantity ?? 0,
        damaged: l.damagedQuantity ?? 0,
      })}
    </Card>
  );
}

/** "−18.5 °C" from tenths of a degree */
export const celsius = (tenths: number) =>
  `${tenths < 0 ? '−' : ''}${Math.floor(Math.abs(tenths) / 10)}.${Math.abs(tenths) % 10} °C`;

/** A typed temperature in tenths of a degree, or null when it is not −50…60 with at most one decimal. */
export function parseTenths(text: string): number | null {
  const m = /^\s*([-−]?)(\d{1,2})(?:[.,](\d))?\s*$/.exec(text);
  if (!m) return null;
  const t = (m[1] ? -1 : 1) * (Number(m[2]) * 10 + Number(m[3] ?? 0));
  return t >= -500 && t <= 600 ? t : null;
}

type Zone = 'chilled' | 'frozen';

/**
 * 冷链: the readings of this delivery (the truck's at dispatch, mine at arrival), a form to record
 * one per cold zone, and — when a zone was read out of range — the refusal of that zone's goods
 * still unconfirmed, refunded by the server as arrival losses.
 */
function ColdChainCard({
  list,
  campaignId,
  onRefused,
}: {
  list: SortingList;
  campaignId: string;
  onRefused: (res: ArrivalResult) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const zones = (['chilled', 'frozen'] as const).filter((z) => list.lines.some((l) => l.temperatureZone === z));
  const [zone, setZone] = useState<Zone>(zones[0] ?? 'chilled');
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const record = useMutation({
    mutationFn: (tenths: number) => api.post('/leader/temperature-readings', { campaignId, zone, tenths }),
    onSuccess: () => {
      setText('');
      void client.invalidateQueries({ queryKey: ['leader', 'sorting-list', campaignId] });
    },
  });
  const refuse = useMutation({
    mutationFn: (z: Zone) => api.post<ArrivalResult>('/leader/arrivals/refuse', { campaignId, zone: z }),
    onSuccess: onRefused,
  });
  if (!zones.length && !list.readings.length) return null;
  const refusable = list.breachedZones.filter((z) =>
    list.lines.some((l) => l.temperatureZone === z && l.receivedQuantity === null),
  );
  return (
    <Card className="ll-card" data-testid="cold-chain" title={t('cold.title')}>
      <p className="ll-hint">{t('cold.hint')}</p>
      {list.readings.length === 0 ? (
        <p className="ll-muted">{t('cold.none')}</p>
      ) : (
        <ul className="ll-readings">
          {list.readings.map((r) => (
            <li key={r.id} data-testid="cold-reading" data-in-range={String(r.inRange)}>
              {t(`cold.stage.${r.stage}`)} · {t(`cold.zone.${r.zone}`)} · <strong>{celsius(r.tenths)}</strong>{' '}
              <Tag color={r.inRange ? 'success' : 'danger'}>{r.inRange ? t('cold.ok') : t('cold.breach')}</Tag>
            </li>
          ))}
        </ul>
      )}
      {zones.length > 0 && list.status !== 'pending' && (
        <form
          className="ll-row"
          onSubmit={(e) => {
            e.preventDefault();
            const tenths = parseTenths(text);
            setInvalid(tenths === null);
            if (tenths !== null) record.mutate(tenths);
          }}
        >
          {zones.length > 1 && (
            <select
              aria-label={t('cold.title')}
              data-testid="cold-zone"
              value={zone}
              onChange={(e) => setZone(e.target.value as Zone)}
            >
              {zones.map((z) => (
                <option key={z} value={z}>
                  {t(`cold.zone.${z}`)}
                </option>
              ))}
            </select>
          )}
          <Input
            data-testid="cold-temperature"
            className="ll-grow"
            placeholder={t('cold.temperature')}
            aria-label={t('cold.temperature')}
            inputMode="decimal"
            value={text}
            onChange={setText}
          />
          <Button type="submit" size="small" color="primary" loading={record.isPending} data-testid="cold-record">
            {t('cold.record')}
          </Button>
        </form>
      )}
      {invalid && (
        <p className="ll-error" role="alert">
          {t('cold.invalid')}
        </p>
      )}
      {record.isError && (
        <p className="ll-error" role="alert">
          {errorText(record.error)}
        </p>
      )}
      {refusable.map((z) => (
        <div key={z} data-testid="cold-breach" style={{ marginTop: 8 }}>
          <NoticeBar color="error" wrap content={t('cold.breachNotice', { zone: t(`cold.zoneWord.${z}`) })} />
          <Button
            block
            color="danger"
            data-testid={`cold-refuse-${z}`}
            loading={refuse.isPending}
            onClick={async () => {
              const word = t(`cold.zoneWord.${z}`);
              const ok = await Dialog.confirm({
                title: t('cold.refuseTitle', { zone: word }),
                content: t('cold.refuseBody', { zone: word }),
                confirmText: t('common.confirm'),
                cancelText: t('common.cancel'),
              });
              if (ok) refuse.mutate(z);
            }}
          >
            {t('cold.refuse', { zone: t(`cold.zoneWord.${z}`) })}
          </Button>
        </div>
      ))}
      {refuse.isError && (
        <p className="ll-error" role="alert">
          {errorText(refuse.error)}
        </p>
      )}
    </Card>
  );
}
