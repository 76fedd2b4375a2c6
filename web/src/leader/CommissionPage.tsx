import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Input, List, Popup, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { idempotencyKey } from '../shared/api';
import type { Answer } from '../shared/api-shapes';
import { errorText } from '../shared/i18n';
import { usePagedList } from '../shared/paging';
import { parseYuan, yuan } from '../shared/money';
import { api, type CommissionBreakdown, type Commissions, type LedgerEntry, type Withdrawal } from './api';
import { calendarDate, dateTime } from './format';
import { EmptyState, LoadMore, PageTitle, QueryView } from './ui';

/** The newest few entries answer "what did I earn today"; the rest a page at a time. */
const LEDGER_PREVIEW = 15;
const entriesOf = (c: Commissions) => c.entries;

/** 佣金: balances, withdrawal requests and the ledger. The server settles due commission on read. */
export function CommissionPage() {
  const { t } = useTranslation();
  const ledger = usePagedList<LedgerEntry, Commissions>(api, ['leader', 'commissions'], '/leader/commissions', {
    pick: entriesOf,
  });
  const withdrawals = usePagedList<Withdrawal>(api, ['leader', 'withdrawals'], '/leader/withdrawals');
  const [withdrawing, setWithdrawing] = useState(false);
  const [allEntries, setAllEntries] = useState(false);
  return (
    <>
      <PageTitle>{t('tabs.commission')}</PageTitle>
      <Rates />
      <QueryView query={ledger.view}>
        {(all) => {
          // the balances come with the first page
          const c = ledger.first!;
          const entries = leaderView(all);
          return (
            <div className="ll-list">
              <Card className="ll-card">
                <div className="ll-balances">
                  <Balance label={t('commission.pending')} fen={c.pendingFen} testId="commission-pending" />
                  <Balance
                    label={t('commission.available')}
                    fen={c.availableFen}
                    testId="commission-available"
                    strong
                  />
                  {/* the request moves the money at once; until an operator pays it out it is only under review */}
                  <Balance label={t('commission.inReview')} fen={c.inReviewFen} testId="commission-in-review" />
                  <Balance
                    label={t('commission.paidOut')}
                    fen={c.withdrawnFen - c.inReviewFen}
                    testId="commission-paid-out"
                  />
                </div>
                <Button
                  block
                  color="primary"
                  data-testid="withdraw-open"
                  disabled={c.availableFen <= 0}
                  onClick={() => setWithdrawing(true)}
                >
                  {c.availableFen > 0 ? t('commission.withdraw') : t('commission.nothing')}
                </Button>
              </Card>
              <WithdrawSheet
                visible={withdrawing}
                availableFen={c.availableFen}
                onClose={() => setWithdrawing(false)}
              />
              <List header={t('commission.withdrawals')} data-testid="withdrawals">
                <QueryView
                  query={withdrawals.view}
                  isEmpty={(w) => w.length === 0}
                  empty={t('commission.withdrawalsEmpty')}
                >
                  {(list) =>
                    list.map((w) => (
                      <List.Item
                        key={w.id}
                        data-testid="withdrawal"
                        description={dateTime(w.createdAt)}
                        extra={
                          <Tag
                            color={w.status === 'paid' ? 'success' : w.status === 'rejected' ? 'danger' : 'warning'}
                            fill="outline"
                          >
                            {t(`commission.wStatus.${w.status}`)}
                          </Tag>
                        }
                      >
                        {yuan(w.amountFen)}
                      </List.Item>
                    ))
                  }
                </QueryView>
                <LoadMore query={withdrawals.query} />
              </List>
              <Breakdown />
              <List header={t('commission.ledger')} data-testid="ledger">
                {entries.length === 0 ? (
                  <EmptyState text={t('commission.ledgerEmpty')} />
                ) : (
                  entries
                    .slice(0, allEntries ? undefined : LEDGER_PREVIEW)
                    .map((e) => <LedgerRow key={e.id} entry={e} />)
                )}
                {!allEntries && (entries.length > LEDGER_PREVIEW || ledger.query.hasNextPage) && (
                  <List.Item arrow={false} onClick={() => setAllEntries(true)} data-testid="ledger-more">
                    <span className="ll-link">{t('commission.showAll', { count: entries.length })}</span>
                  </List.Item>
                )}
                {allEntries && <LoadMore query={ledger.query} />}
              </List>
            </div>
          );
        }}
      </QueryView>
    </>
  );
}

const TRANSFERS = new Set<LedgerEntry['kind']>(['settlement', 'withdrawal', 'withdrawal_rejected']);

/**
 * The ledger is double-entry: a settlement or withdrawal moves money between two buckets in two
 * rows. A leader wants one line per event, so transfers show only the row where the money went.
 */
function leaderView(entries: LedgerEntry[]): LedgerEntry[] {
  return entries.filter((e) => !(TRANSFERS.has(e.kind) && e.amountFen < 0));
}

function LedgerRow({ entry: e }: { entry: LedgerEntry }) {
  const { t } = useTranslation();
  const transfer = TRANSFERS.has(e.kind);
  // A commission row stays in the pending bucket forever (a later settlement row moves the money),
  // so once its date has passed it must not read "pending" any more.
  const matured = e.kind === 'commission' && e.availableAt !== null && new Date(e.availableAt).getTime() <= Date.now();
  const when =
    e.kind === 'commission' && e.availableAt && e.bucket === 'pending' && !matured
      ? ` · ${t('commission.availableAt', { date: dateTime(e.availableAt) })}`
      : '';
  const state =
    e.kind === 'withdrawal'
      ? t('commission.withdrawalState')
      : transfer
        ? t('commission.movedTo', { bucket: t(`commission.${e.bucket}`) })
        : matured
          ? t('commission.availableSince', { date: dateTime(e.availableAt!) })
          : t(`commission.${e.bucket}`);
  return (
    <List.Item
      data-testid="ledger-entry"
      data-kind={e.kind}
      description={
        <>
          {dateTime(e.createdAt)} · {state}
          {when}
        </>
      }
      extra={
        <span className={transfer ? 'll-amount-plain' : e.amountFen < 0 ? 'll-neg' : 'll-pos'}>
          {!transfer && e.amountFen > 0 ? '+' : ''}
          {yuan(transfer ? Math.abs(e.amountFen) : e.amountFen)}
        </span>
      }
    >
      {t(`commission.kind.${e.kind}`)}
    </List.Item>
  );
}

/** Commission earned per day and per order (net of refunds), the last 30 days, from the ledger. */
function Breakdown() {
  const { t } = useTranslation();
  const [allOrders, setAllOrders] = useState(false);
  const query = useQuery({
    queryKey: ['leader', 'commissions', 'breakdown'],
    queryFn: () => api.get<CommissionBreakdown>('/leader/commissions/breakdown?days=30'),
  });
  return (
    <div id="breakdown" className="ll-list ll-flush">
      <QueryView query={query} isEmpty={(b) => b.days.length === 0} empty={t('commission.breakdownEmpty')}>
        {(b) => (
          <>
            <List header={t('commission.byDay')} data-testid="commission-days">
              {b.days.map((d) => (
                <List.Item
                  key={d.date}
                  data-testid="commission-day"
                  data-date={d.date}
                  description={t('commission.dayOrders', { count: d.orders })}
                  extra={<span className={d.commissionFen < 0 ? 'll-neg' : 'll-pos'}>{yuan(d.commissionFen)}</span>}
                >
                  {calendarDate(d.date)}
                </List.Item>
              ))}
            </List>
            <List header={t('commission.byOrder')} data-testid="commission-orders">
              {b.orders.slice(0, allOrders ? undefined : LEDGER_PREVIEW).map((o) => (
                <List.Item
                  key={`${o.orderId}-${o.date}`}
                  data-testid="commission-order"
                  description={calendarDate(o.date)}
                  extra={<span className={o.commissionFen < 0 ? 'll-neg' : 'll-pos'}>{yuan(o.commissionFen)}</span>}
                >
                  {o.number}
                </List.Item>
              ))}
              {!allOrders && b.orders.length > LEDGER_PREVIEW && (
                <List.Item arrow={false} onClick={() => setAllOrders(true)}>
                  <span className="ll-link">{t('commission.showAll', { count: b.orders.length })}</span>
                </List.Item>
              )}
            </List>
          </>
        )}
      </QueryView>
    </div>
  );
}

function Balance({ label, fen, testId, strong }: { label: string; fen: number; testId: string; strong?: boolean }) {
  return (
    <div className={strong ? 'll-balance ll-balance-main' : 'll-balance'}>
      <span className="ll-muted">{label}</span>
      <span className="ll-amount" data-testid={testId}>
        {yuan(fen)}
      </span>
    </div>
  );
}

/**
 * One Idempotency-Key per opened sheet: a double tap or a retry after a timeout returns the
 * first request instead of withdrawing twice.
 */
function WithdrawSheet({
  visible,
  availableFen,
  onClose,
}: {
  visible: boolean;
  availableFen: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [key, setKey] = useState(idempotencyKey);
  const amount = parseYuan(text || (availableFen / 100).toFixed(2));
  const valid = amount !== null && amount >= 1 && amount <= availableFen;
  const withdraw = useMutation({
    mutationFn: (amountFen: number) =>
      api.post<Withdrawal>('/leader/withdrawals', { amountFen }, { 'Idempotency-Key': key }),
    onSuccess: () => {
      Toast.show({ icon: 'success', content: t('commission.requested') });
      setText('');
      setKey(idempotencyKey());
      void client.invalidateQueries({ queryKey: ['leader'] });
      onClose();
    },
  });
  return (
    <Popup visible={visible} onMaskClick={onClose} bodyClassName="ll-sheet">
      <h2>{t('commission.withdraw')}</h2>
      <p className="ll-muted">
        {t('commission.available')} {yuan(availableFen)}
      </p>
      <label className="ll-field">
        <span>{t('commission.amount')}</span>
        <Input
          data-testid="withdraw-amount"
          inputMode="decimal"
          value={text}
          placeholder={(availableFen / 100).toFixed(2)}
          onChange={(v: string) => {
            setText(v);
            setKey(idempotencyKey());
          }}
          clearable
        />
      </label>
      {!valid && (
        <p className="ll-error" role="alert">
          {t('commission.amountInvalid', { max: yuan(availableFen) })}
        </p>
      )}
      {withdraw.isError && (
        <p className="ll-error" role="alert" data-testid="withdraw-error">
          {errorText(withdraw.error)}
        </p>
      )}
      <Button
        block
        color="primary"
        data-testid="withdraw-submit"
        disabled={!valid}
        loading={withdraw.isPending}
        onClick={() => {
          if (amount !== null) withdraw.mutate(amount);
        }}
      >
        {t('common.submit')}
      </Button>
      <Button block fill="none" onClick={onClose}>
        {t('common.cancel')}
      </Button>
    </Popup>
  );
}

type Plan = Answer<'/leader/commission-plan'>;

/** 我的佣金比例: the rate per product category for orders placed now (the plan's, or the flat rate everywhere). */
function Rates() {
  const { t, i18n } = useTranslation();
  const plan = useQuery({
    queryKey: ['leader', 'commission-plan'],
    queryFn: () => api.get<Plan>('/leader/commission-plan'),
  });
  const p = plan.data;
  if (!p) return null;
  const pct = (bps: number) => `${bps / 100}%`;
  return (
    <Card
      className="ll-card"
      title={t('rates.title')}
      extra={<span className="ll-muted">{p.planName ? t('rates.plan', { name: p.planName }) : t('rates.flat')}</span>}
      data-testid="commission-rates"
    >
      <div className="ll-rates">
        {p.categories.map((c) => (
          <Tag key={c.code} color={c.bps > p.defaultBps ? 'success' : 'default'} data-testid={`rate-${c.code}`}>
            {i18n.language === 'en' ? c.nameEn : c.nameZh} {pct(c.bps)}
          </Tag>
        ))}
      </div>
      <p className="ll-hint ll-gap-top">{t('rates.note')}</p>
    </Card>
  );
}
