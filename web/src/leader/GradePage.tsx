import { useQuery } from '@tanstack/react-query';
import { Card, List, NavBar, ProgressBar, Tag } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type LeaderGrade, type Leaderboard } from './api';
import { QueryView } from './ui';

type Grade = LeaderGrade['grade'];
type Check = NonNullable<LeaderGrade['next']>['checks'][number];
const GRADE_COLORS: Record<Grade, string> = {
  trainee: '#8c8c8c',
  bronze: '#b06c2c',
  silver: '#8a9bb0',
  gold: '#d4a017',
};
const bpsPct = (bps: number) => `${bps / 100}%`;
const yuanWhole = (fen: number) => Math.floor(fen / 100).toLocaleString();

function CheckRow({ c }: { c: Check }) {
  const { t } = useTranslation();
  const money = c.key === 'gmvFen';
  const rate = c.key === 'complaintBps' || c.key === 'timelyBps';
  const show = (v: number) => (money ? yuanWhole(v) : rate ? bpsPct(v) : String(v));
  const progress = c.bound === 'min' ? (c.need > 0 ? Math.min(100, (c.have / c.need) * 100) : 100) : c.met ? 100 : 0;
  return (
    <List.Item
      data-testid={`check-${c.key}`}
      extra={<Tag color={c.met ? 'success' : 'default'}>{c.met ? '✓' : '…'}</Tag>}
      description={<ProgressBar percent={progress} />}
    >
      {t(`grade.checks.${c.key}`, { have: show(c.have), need: show(c.need) })}
    </List.Item>
  );
}

/** 我的等级: the grade I have, the rules, what the next grade needs, and this month's ranking. */
export function GradePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const grade = useQuery({ queryKey: ['leader', 'grade'], queryFn: () => api.get<LeaderGrade>('/leader/grade') });
  const board = useQuery({
    queryKey: ['leader', 'leaderboard'],
    queryFn: () => api.get<Leaderboard>('/leader/leaderboard'),
  });
  const name = (g: Grade) => t(`grade.names.${g}`);
  return (
    <>
      <NavBar onBack={() => navigate('/me')}>{t('grade.title')}</NavBar>
      <QueryView query={grade}>
        {(g) => (
          <>
            <Card className="ll-card" data-testid="my-grade">
              <div style={{ fontSize: 13, color: '#666' }}>{t('grade.current')}</div>
              <div style={{ fontSize: 28, fontWeight: 600, color: GRADE_COLORS[g.grade] }}>
                {name(g.grade)}{' '}
                <span style={{ fontSize: 13, color: '#888', fontWeight: 400 }}>
                  {g.gradedMonth ? t('grade.forMonth', { month: g.gradedMonth }) : t('grade.notYet')}
                </span>
              </div>
              <div>{t('grade.bonus', { pct: bpsPct(g.bonusBps[g.grade]) })}</div>
            </Card>
            {g.next ? (
              <List header={t('grade.next', { grade: name(g.next.grade) })} data-testid="next-grade">
                {g.next.checks.map((c) => (
                  <CheckRow key={c.key} c={c} />
                ))}
              </List>
            ) : (
              <div className="ll-pad">{t('grade.top')}</div>
            )}
            {g.keep && (
              <List header={t('grade.keep')}>
                {g.keep.map((c) => (
                  <CheckRow key={c.key} c={c} />
                ))}
              </List>
            )}
            <List header={t('grade.rules')} data-testid="grade-rules">
              {(['bronze', 'silver', 'gold'] as const).map((k) => (
                <List.Item key={k}>
                  {t('grade.rule', {
                    grade: name(k),
                    gmv: yuanWhole(g.thresholds[k].gmvFen),
                    customers: g.thresholds[k].activeCustomers,
                    complaint: bpsPct(g.thresholds[k].maxComplaintBps),
                    timely: bpsPct(g.thresholds[k].minTimelyBps),
                    bonus: bpsPct(g.bonusBps[k]),
                  })}
                </List.Item>
              ))}
            </List>
            {g.history.length > 0 && (
              <List header={t('grade.history')}>
                {g.history.map((h) => (
                  <List.Item key={h.month} extra={h.bonusFen ? `+¥${(h.bonusFen / 100).toFixed(2)}` : ''}>
                    {h.month} · {name(h.grade)}
                  </List.Item>
                ))}
              </List>
            )}
          </>
        )}
      </QueryView>
      <QueryView query={board}>
        {(b) => (
          <List
            header={`${t('grade.board')} · ${b.myRank ? t('grade.myRank', { rank: b.myRank, count: b.leaders }) : ''}`}
            data-testid="leaderboard"
          >
            {b.items.map((x) => (
              <List.Item
                key={`${x.rank}-${x.name}-${x.me}`}
                prefix={<strong>#{x.rank}</strong>}
                extra={`¥${yuanWhole(x.gmvFen)}`}
                style={x.me ? { background: '#fff7e6' } : undefined}
              >
                {x.name} · {x.pickupPointName}
              </List.Item>
            ))}
          </List>
        )}
      </QueryView>
    </>
  );
}
