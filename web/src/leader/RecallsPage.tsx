import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Input, NavBar, NoticeBar, Tag, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, idempotencyKey } from '../shared/api';
import { errorText } from '../shared/i18n';
import { api, type LeaderRecall, type RecallReturn } from './api';
import { dateTime } from './format';
import { TabIcon } from './icons';
import { QueryView } from './ui';

const RECALLS = ['leader', 'recalls'] as const;

/**
 * The recalls under way at my point (the home banner and the recall screen share it). The screen
 * asks again whenever it opens: the warehouse may have recorded units in the meantime.
 */
export const useLeaderRecalls = (opts: { fresh?: boolean } = {}) =>
  useQuery({
    queryKey: RECALLS,
    queryFn: () => api.get<LeaderRecall[]>('/leader/recalls'),
    refetchOnMount: opts.fresh ? 'always' : true,
  });

/** The current time, again every `ms`: a countdown that moves while the screen stays open. */
function useNow(ms = 30_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Hours and minutes to the deadline, or past it. */
function timeLeft(deadlineAt: string, now: number) {
  const ms = new Date(deadlineAt).getTime() - now;
  return {
    overdue: ms < 0,
    h: Math.floor(Math.abs(ms) / 3_600_000),
    m: Math.floor((Math.abs(ms) % 3_600_000) / 60_000),
  };
}

/**
 * 首页's red banner while a recall is under way at my point (nothing otherwise): what is recalled,
 * how many customers and units are still out, the deadline — one tap to the recall screen.
 */
export function RecallBanner() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const recalls = useLeaderRecalls();
  const now = useNow();
  const list = recalls.data ?? [];
  if (list.length === 0) return null;
  const out = list.reduce((n, r) => n + Math.max(0, r.units - r.unitsRecovered), 0);
  const customers = list.reduce((n, r) => n + r.customers, 0);
  const first = list.find((r) => r.deadlineAt);
  const late = list.some((r) => r.deadlineAt && timeLeft(r.deadlineAt, now).overdue);
  return (
    <button type="button" className="ll-recall-banner" data-testid="home-recall" onClick={() => navigate('/recalls')}>
      <span className="ll-recall-banner-title">
        <TabIcon name="alert" />
        {t('recall.banner', { subjects: list.map((r) => r.subject).join('、') })}
      </span>
      <span>
        {out > 0 ? t('recall.bannerDetail', { count: customers, customers, units: out }) : t('recall.bannerDone')}
      </span>
      {late ? (
        <strong data-testid="home-recall-overdue">{t('recall.bannerOverdue')}</strong>
      ) : (
        first?.deadlineAt && (
          <span>{t('recall.bannerDeadline', { time: dateTime(first.deadlineAt, first.timeZone) })}</span>
        )
      )}
      <span className="ll-recall-banner-action">{t('recall.bannerAction')} ›</span>
    </button>
  );
}

/**
 * 召回: every recall under way at my point — what, why, by when, how many customers and units here
 * and how many came back — and the form to record units customers brought back.
 */
export function RecallsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const recalls = useLeaderRecalls({ fresh: true });
  return (
    <>
      <NavBar onBack={() => navigate('/home')} back={t('common.back')}>
        {t('recall.title')}
      </NavBar>
      <QueryView query={recalls} isEmpty={(l) => l.length === 0} empty={t('recall.none')}>
        {(list) => (
          <div className="ll-list">
            <p className="ll-hint">{t('recall.hint')}</p>
            {list.map((r) => (
              <RecallCard key={r.id} recall={r} />
            ))}
          </div>
        )}
      </QueryView>
    </>
  );
}

function RecallCard({ recall: r }: { recall: LeaderRecall }) {
  const { t } = useTranslation();
  const now = useNow();
  const left = r.deadlineAt ? timeLeft(r.deadlineAt, now) : null;
  const out = Math.max(0, r.units - r.unitsRecovered);
  // a supplier's recall is named after the supplier: then say which products
  const named = r.products.every((p) => r.subject.includes(p));
  return (
    <Card
      className={left?.overdue ? 'll-card ll-recall ll-recall-overdue' : 'll-card ll-recall'}
      data-testid="recall-card"
      data-recall-id={r.id}
      title={<span data-testid="recall-subject">{r.subject}</span>}
      extra={
        left && (
          <Tag
            color={left.overdue ? 'danger' : left.h < 12 ? 'warning' : 'primary'}
            fill={left.overdue ? 'solid' : 'outline'}
            data-testid="recall-countdown"
            data-overdue={left.overdue ? 'true' : 'false'}
          >
            {t(left.overdue ? 'recall.overdue' : 'recall.left', { h: left.h, m: left.m })}
          </Tag>
        )
      }
    >
      <dl className="ll-recall-facts">
        {!named && (
          <>
            <dt>{t('recall.products')}</dt>
            <dd data-testid="recall-products">{r.products.join('、')}</dd>
          </>
        )}
        <dt>{t('recall.reason')}</dt>
        <dd data-testid="recall-reason">{r.reason}</dd>
        {r.deadlineAt && (
          <>
            <dt>{t('recall.deadline')}</dt>
            <dd data-testid="recall-deadline" className={left?.overdue ? 'll-neg' : undefined}>
              {t('recall.deadlineAt', { time: dateTime(r.deadlineAt, r.timeZone) })}
            </dd>
          </>
        )}
      </dl>
      <div className="ll-figures ll-recall-figures">
        <Figure label={t('recall.customers')} testId="recall-customers">
          {t('recall.customersValue', { count: r.customers })}
        </Figure>
        <Figure label={t('recall.units')} testId="recall-units">
          {t('recall.unitsValue', { count: r.units })}
        </Figure>
        <Figure label={t('recall.recovered')} testId="recall-recovered">
          {t('recall.unitsValue', { count: r.unitsRecovered })}
        </Figure>
        <Figure label={t('recall.toRecover')} testId="recall-out" warn={out > 0}>
          {t('recall.unitsValue', { count: out })}
        </Figure>
      </div>
      {out > 0 ? (
        <ReturnForm recall={r} out={out} />
      ) : (
        <p className="ll-hint ll-gap-top" data-testid="recall-all-back">
          {t('recall.allBack')}
        </p>
      )}
    </Card>
  );
}

function Figure({
  label,
  testId,
  warn,
  children,
}: {
  label: string;
  testId: string;
  warn?: boolean;
  children: React.ReactNode;
}) {
  return (
    <div className="ll-count">
      <span>{label}</span>
      <strong className={warn ? 'll-amount ll-neg' : 'll-amount'} data-testid={testId}>
        {children}
      </strong>
    </div>
  );
}

/**
 * One business key per entered number: a double tap, or a retry after a timeout, sends the same
 * key and the server records the units once; a new number, or the next return after a success,
 * gets a new key.
 */
function ReturnForm({ recall: r, out }: { recall: LeaderRecall; out: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [key, setKey] = useState(idempotencyKey);
  const [recorded, setRecorded] = useState<RecallReturn | null>(null);
  const units = /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
  const valid = units !== null && units >= 1 && units <= out;
  const save = useMutation({
    mutationFn: (n: number) =>
      api.post<RecallReturn>(`/leader/recalls/${r.id}/returns`, { units: n, businessKey: key }),
    onSuccess: (res) => {
      setText('');
      setKey(idempotencyKey());
      setRecorded(res);
      Toast.show({
        icon: 'success',
        content: t('recall.recorded', { recovered: res.unitsRecovered, units: res.units }),
      });
      client.setQueryData<LeaderRecall[]>(RECALLS, (list) =>
        list?.map((x) => (x.id === r.id ? { ...x, units: res.units, unitsRecovered: res.unitsRecovered } : x)),
      );
      void client.invalidateQueries({ queryKey: RECALLS });
    },
    // another record (the warehouse's, or another device's) may have changed what is left
    onError: () => void client.invalidateQueries({ queryKey: RECALLS }),
  });
  return (
    <form
      className="ll-recall-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid && !save.isPending) save.mutate(units);
      }}
    >
      {recorded && !save.isError && (
        <NoticeBar
          color="success"
          wrap
          data-testid="recall-recorded"
          content={t('recall.recorded', { recovered: recorded.unitsRecovered, units: recorded.units })}
        />
      )}
      <label className="ll-field">
        <span>{t('recall.recordLabel')}</span>
        <div className="ll-verify-form">
          <Input
            data-testid="recall-return-units"
            className="ll-grow"
            type="number"
            inputMode="numeric"
            min={1}
            max={out}
            value={text}
            placeholder={t('recall.recordPlaceholder', { max: out })}
            onChange={(v: string) => {
              setText(v);
              setKey(idempotencyKey());
              save.reset();
            }}
          />
          <Button
            type="submit"
            color="danger"
            data-testid="recall-return-submit"
            disabled={!valid}
            loading={save.isPending}
          >
            {t('recall.record')}
          </Button>
        </div>
      </label>
      {text.trim() !== '' && !valid && !save.isError && (
        <p className="ll-error" role="alert" data-testid="recall-return-invalid">
          {t('recall.unitsInvalid', { max: out })}
        </p>
      )}
      {save.isError && (
        <p className="ll-error" role="alert" data-testid="recall-return-error">
          {refusal(save.error, t)}
        </p>
      )}
    </form>
  );
}

/** The server's refusals of a return, in words (the shared texts speak of purchase limits). */
function refusal(err: unknown, t: TFunction): string {
  if (!(err instanceof ApiError)) return errorText(err);
  const details = (err.details ?? {}) as { soldUnits?: number; recoveredUnits?: number };
  switch (err.code) {
    case 'LIMIT_EXCEEDED': {
      const sold = details.soldUnits ?? 0;
      const recovered = details.recoveredUnits ?? 0;
      return t('recall.tooMany', { sold, recovered, left: Math.max(0, sold - recovered) });
    }
    case 'NOT_FOUND':
      return t('recall.notHere');
    case 'INVALID_STATE':
      return t('recall.notActive');
    default:
      return errorText(err);
  }
}
