import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../shared/api-shapes';
import { yuan } from '../../shared/money';

export type Scorecard = Answer<'/admin/supplier-scorecards'>['items'][number];

/** A share 0–1 as a percentage with one decimal (98.5%). */
export const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

/** Months ending with the current one (YYYY-MM), newest first. */
export function recentMonths(n: number, now = new Date()): string[] {
  const out: string[] = [];
  // Asia/Shanghai, like the server's "this month" for suppliers
  const local = new Date(now.getTime() + 8 * 3_600_000);
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** The columns a scorecard shows, shared by the ranking and a supplier's months. */
export function useScorecardColumns() {
  const { t } = useTranslation();
  const breach = (c: Scorecard, key: string, text: string) =>
    c.breaches.includes(key) ? <Typography type="danger">{text}</Typography> : text;
  return [
    {
      title: t('ops.suppliers.score'),
      key: 'score',
      align: 'right' as const,
      render: (_: unknown, c: Scorecard) => <strong data-testid="scorecard-score">{c.score.toFixed(1)}</strong>,
    },
    {
      title: t('ops.suppliers.fillRate'),
      key: 'fill',
      align: 'right' as const,
      render: (_: unknown, c: Scorecard) => (
        <Tooltip title={`${c.acceptedUnits} / ${c.orderedUnits}`}>{breach(c, 'fillRate', pct(c.fillRate))}</Tooltip>
      ),
    },
    {
      title: t('ops.suppliers.rejectionRate'),
      key: 'rejection',
      align: 'right' as const,
      render: (_: unknown, c: Scorecard) => (
        <Tooltip title={`${c.rejectedUnits} / ${c.acceptedUnits + c.rejectedUnits}`}>
          {breach(c, 'rejectionRate', pct(c.rejectionRate))}
        </Tooltip>
      ),
    },
    {
      title: t('ops.suppliers.onTimeRate'),
      key: 'onTime',
      align: 'right' as const,
      render: (_: unknown, c: Scorecard) => (
        <Tooltip title={`${c.onTimeOrders} / ${c.dueOrders}`}>{breach(c, 'onTimeRate', pct(c.onTimeRate))}</Tooltip>
      ),
    },
    {
      title: t('ops.suppliers.complaints'),
      key: 'complaints',
      align: 'right' as const,
      render: (_: unknown, c: Scorecard) => (
        <Tooltip
          title={
            Object.entries(c.claimsByReason)
              .map(([r, n]) => `${t(`ops.suppliers.reason_${r}`, { defaultValue: r })} ${n}`)
              .join('、') || `0 / ${c.unitsSold}`
          }
        >
          {breach(c, 'complaints', c.complaintsPerThousand.toFixed(1))}
        </Tooltip>
      ),
    },
    {
      title: t('ops.suppliers.loss'),
      key: 'loss',
      align: 'right' as const,
      render: (_: unknown, c: Scorecard) => (
        <Tooltip title={`${t('ops.suppliers.lossRate')} ${pct(c.lossRate)}`}>
          {breach(c, 'loss', `${c.lossUnits} / ${yuan(c.lossFen)}`)}
        </Tooltip>
      ),
    },
    {
      title: t('ops.suppliers.standard'),
      key: 'standard',
      render: (_: unknown, c: Scorecard) =>
        c.belowStandard ? (
          <span>
            <Tag color="red" data-testid="below-standard">
              {t('ops.suppliers.below')}
            </Tag>
            {c.rectifyBy && <small>{t('ops.suppliers.rectifyBy', { date: c.rectifyBy })}</small>}
          </span>
        ) : (
          <Tag color="green">{t('ops.suppliers.pass')}</Tag>
        ),
    },
  ];
}

function Typography({ type, children }: { type: 'danger'; children: string }) {
  return <span style={{ color: type === 'danger' ? '#cf1322' : undefined, fontWeight: 600 }}>{children}</span>;
}
