import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';
import { api } from '../api';
import { Chart } from '../components/Chart';
import { QueryState } from '../components/State';
import { downloadExport } from '../download';
import { dateTime } from '../format';

type Days = Answer<'/admin/reconciliation'>;
type Day = Days['items'][number];
type DayDetail = Answer<'/admin/reconciliation/days/{date}'>;
type Difference = DayDetail['items'][number];

const STATUS_COLOURS: Record<string, string> = { done: 'green', running: 'blue', failed: 'red', not_ready: 'gold' };
const KIND_COLOURS: Record<string, string> = {
  missing_in_linli: 'red',
  missing_at_wechat: 'volcano',
  amount_differs: 'orange',
  status_differs: 'gold',
};

/** The Beijing calendar date `days` before today: WeChat Pay bills Beijing days. */
function beijingDate(daysAgo: number) {
  const at = new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000);
  return at.toISOString().slice(0, 10);
}

/** 对账: WeChat Pay's daily trade bills matched against Linli's payments and refunds (decision 064). */
export default function Reconciliation() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [span, setSpan] = useState(30);
  const [selected, setSelected] = useState<string | null>(null);
  const [resolving, setResolving] = useState<Difference | null>(null);
  const [note, setNote] = useState('');
  const [exporting, setExporting] = useState(false);
  const to = beijingDate(1);
  const from = beijingDate(span);
  const days = useQuery({
    queryKey: ['reconciliation', from, to],
    queryFn: () => api.get<Days>(`/admin/reconciliation?from=${from}&to=${to}`),
  });
  const detail = useQuery({
    queryKey: ['reconciliation-day', selected],
    queryFn: () => api.get<DayDetail>(`/admin/reconciliation/days/${selected}`),
    enabled: selected !== null,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['reconciliation'] });
    void qc.invalidateQueries({ queryKey: ['reconciliation-day'] });
  };
  const onError = (err: unknown) => void message.error(errorText(err));
  const run = useMutation({
    mutationFn: (date: string) => api.post<Day>(`/admin/reconciliation/days/${date}/run`, {}),
    onSuccess: (d) => {
      void message.success(t('ops.reconciliation.ran', { date: d.date, n: d.differences }));
      setSelected(d.date);
      refresh();
    },
    onError: (err) => {
      onError(err);
      refresh();
    },
  });
  const resolve = useMutation({
    mutationFn: (v: { id: string; note: string }) =>
      api.post(`/admin/reconciliation/differences/${v.id}/resolve`, { note: v.note }),
    onSuccess: () => {
      void message.success(t('ops.reconciliation.resolvedDone'));
      setResolving(null);
      setNote('');
      refresh();
    },
    onError: (err) => {
      onError(err);
      refresh();
    },
  });
  async function exportXlsx() {
    setExporting(true);
    try {
      await downloadExport('/admin/reconciliation/export.xlsx', { from, to });
    } catch (err) {
      onError(err);
    } finally {
      setExporting(false);
    }
  }

  const chartDays = useMemo(() => [...(days.data?.items ?? [])].reverse(), [days.data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 56, bottom: 32, top: 56 },
      xAxis: { type: 'category', data: chartDays.map((d) => d.date) },
      yAxis: [
        { type: 'value', name: t('ops.reconciliation.chartDifferences'), minInterval: 1 },
        { type: 'value', name: '¥' },
      ],
      series: [
        {
          name: t('ops.reconciliation.chartDifferences'),
          type: 'bar',
          data: chartDays.map((d) => d.differences),
          barMaxWidth: 24,
          itemStyle: { color: '#cf1322' },
        },
        {
          name: t('ops.reconciliation.chartWechat'),
          type: 'line',
          yAxisIndex: 1,
          data: chartDays.map((d) => d.wechatPaymentFen / 100),
        },
        {
          name: t('ops.reconciliation.chartLinli'),
          type: 'line',
          yAxisIndex: 1,
          data: chartDays.map((d) => d.linliPaymentFen / 100),
        },
      ],
    }),
    [chartDays, t],
  );

  const countSum = (n: number, fen: number) => `${t('ops.reconciliation.count', { n })} / ${yuan(fen)}`;
  const runnable = Array.from({ length: 30 }, (_, i) => beijingDate(i + 1));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.reconciliation')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('ops.reconciliation.intro')}</Typography.Text>
      <QueryState query={days}>
        {(data) =>
          !data.configured ? (
            <Alert
              type="info"
              showIcon
              title={t('ops.reconciliation.notConfigured')}
              data-testid="reconciliation-off"
            />
          ) : (
            <Space orientation="vertical" size="large" style={{ width: '100%' }}>
              <Space wrap>
                <Select
                  value={span}
                  onChange={setSpan}
                  style={{ width: 140 }}
                  options={[7, 30, 90].map((d) => ({ value: d, label: t('ops.reviews.lastDays', { n: d }) }))}
                  aria-label={t('ops.reconciliation.range')}
                />
                <Select
                  placeholder={t('ops.reconciliation.runDay')}
                  style={{ width: 180 }}
                  value={null}
                  onChange={(d: string) => run.mutate(d)}
                  options={runnable.map((d) => ({ value: d, label: d }))}
                  data-testid="reconcile-day"
                />
                <Button onClick={() => void exportXlsx()} loading={exporting} data-testid="reconciliation-export">
                  {t('ops.common.exportXlsx')}
                </Button>
              </Space>
              {data.items.length > 0 && (
                <Card size="small" title={t('ops.reconciliation.chart')}>
                  <Chart
                    option={option}
                    label={t('ops.reconciliation.chart')}
                    height={260}
                    testId="reconciliation-chart"
                  />
                </Card>
              )}
              <Table<Day>
                rowKey="date"
                dataSource={data.items}
                data-testid="reconciliation-days"
                pagination={false}
                size="small"
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: t('ops.reconciliation.empty') }}
                columns={[
                  { title: t('ops.reconciliation.date'), dataIndex: 'date' },
                  {
                    title: t('ops.reconciliation.status'),
                    dataIndex: 'status',
                    render: (v: string, d: Day) => (
                      <Space size={4}>
                        <Tag color={STATUS_COLOURS[v]}>{t(`ops.reconciliation.status_${v}`)}</Tag>
                        {v === 'done' && !d.hadStatement && <Tag>{t('ops.reconciliation.noStatement')}</Tag>}
                      </Space>
                    ),
                  },
                  {
                    title: `${t('ops.reconciliation.wechat')} · ${t('ops.reconciliation.payments')}`,
                    key: 'wp',
                    align: 'right',
                    render: (_: unknown, d: Day) => countSum(d.wechatPayments, d.wechatPaymentFen),
                  },
                  {
                    title: `${t('ops.reconciliation.linli')} · ${t('ops.reconciliation.payments')}`,
                    key: 'lp',
                    align: 'right',
                    render: (_: unknown, d: Day) => countSum(d.linliPayments, d.linliPaymentFen),
                  },
                  {
                    title: `${t('ops.reconciliation.wechat')} · ${t('ops.reconciliation.refunds')}`,
                    key: 'wr',
                    align: 'right',
                    render: (_: unknown, d: Day) => countSum(d.wechatRefunds, d.wechatRefundFen),
                  },
                  {
                    title: `${t('ops.reconciliation.linli')} · ${t('ops.reconciliation.refunds')}`,
                    key: 'lr',
                    align: 'right',
                    render: (_: unknown, d: Day) => countSum(d.linliRefunds, d.linliRefundFen),
                  },
                  {
                    title: t('ops.reconciliation.differences'),
                    key: 'differences',
                    align: 'right',
                    render: (_: unknown, d: Day) =>
                      d.differences === 0 ? (
                        '0'
                      ) : (
                        <Tag color={d.unresolved ? 'red' : 'green'} data-testid="day-differences">
                          {d.differences}
                          {d.unresolved ? ` (${t('ops.reconciliation.unresolved')} ${d.unresolved})` : ''}
                        </Tag>
                      ),
                  },
                  { title: t('ops.reconciliation.fetchedAt'), dataIndex: 'fetchedAt', render: dateTime },
                  {
                    title: t('ops.reconciliation.error'),
                    dataIndex: 'error',
                    render: (v: string | null) => v ?? '—',
                  },
                  {
                    title: t('ops.common.actions'),
                    key: 'actions',
                    render: (_: unknown, d: Day) => (
                      <Space>
                        <Button size="small" onClick={() => setSelected(d.date)} data-testid="day-view">
                          {t('ops.reconciliation.view')}
                        </Button>
                        <Button
                          size="small"
                          loading={run.isPending && run.variables === d.date}
                          onClick={() => run.mutate(d.date)}
                          data-testid="day-run"
                        >
                          {t('ops.reconciliation.run')}
                        </Button>
                      </Space>
                    ),
                  },
                ]}
              />
              {selected && (
                <Card size="small" title={t('ops.reconciliation.dayTitle', { date: selected })}>
                  <QueryState
                    query={detail}
                    isEmpty={(d) => d.items.length === 0}
                    emptyText={t('ops.reconciliation.noDifferences')}
                  >
                    {(d) => (
                      <Table<Difference>
                        rowKey="id"
                        dataSource={d.items}
                        data-testid="differences"
                        pagination={false}
                        size="small"
                        scroll={{ x: 'max-content' }}
                        columns={[
                          {
                            title: t('ops.reconciliation.kind'),
                            dataIndex: 'kind',
                            render: (v: string) => (
                              <Tag color={KIND_COLOURS[v]}>{t(`ops.reconciliation.kind_${v}`)}</Tag>
                            ),
                          },
                          {
                            title: t('ops.reconciliation.subject'),
                            dataIndex: 'subject',
                            render: (v: string) => t(`ops.reconciliation.subject_${v}`),
                          },
                          {
                            title: t('ops.reconciliation.outTradeNo'),
                            dataIndex: 'outTradeNo',
                            render: (v: string) => <Typography.Text copyable>{v}</Typography.Text>,
                          },
                          {
                            title: t('ops.reconciliation.outRefundNo'),
                            dataIndex: 'outRefundNo',
                            render: (v: string | null) => v ?? '—',
                          },
                          {
                            title: t('ops.reconciliation.linliAmount'),
                            dataIndex: 'linliFen',
                            align: 'right',
                            render: (v: number | null) => (v === null ? '—' : yuan(v)),
                          },
                          {
                            title: t('ops.reconciliation.wechatAmount'),
                            dataIndex: 'wechatFen',
                            align: 'right',
                            render: (v: number | null) => (v === null ? '—' : yuan(v)),
                          },
                          {
                            title: t('ops.reconciliation.linliStatus'),
                            dataIndex: 'linliStatus',
                            render: (v: string | null) =>
                              v === null ? '—' : t(`ops.reconciliation.linli_${v}`, { defaultValue: v }),
                          },
                          {
                            title: t('ops.reconciliation.wechatStatus'),
                            dataIndex: 'wechatStatus',
                            render: (v: string | null) => v ?? '—',
                          },
                          {
                            title: t('ops.reconciliation.note'),
                            key: 'resolution',
                            render: (_: unknown, x: Difference) =>
                              x.resolvedAt ? (
                                <Space size={4} data-testid="difference-resolved">
                                  <Tag color="green">{t('ops.reconciliation.resolved')}</Tag>
                                  <span>{x.note}</span>
                                </Space>
                              ) : (
                                <Button
                                  size="small"
                                  type="primary"
                                  onClick={() => setResolving(x)}
                                  data-testid="difference-resolve"
                                >
                                  {t('ops.reconciliation.resolve')}
                                </Button>
                              ),
                          },
                        ]}
                      />
                    )}
                  </QueryState>
                </Card>
              )}
            </Space>
          )
        }
      </QueryState>
      <Modal
        open={resolving !== null}
        title={t('ops.reconciliation.resolveTitle')}
        onCancel={() => setResolving(null)}
        okText={t('ops.reconciliation.resolve')}
        confirmLoading={resolve.isPending}
        okButtonProps={{ disabled: !note.trim(), 'data-testid': 'difference-resolve-confirm' } as never}
        onOk={() => resolving && resolve.mutate({ id: resolving.id, note: note.trim() })}
      >
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('ops.reconciliation.noteRequired')}
          maxLength={500}
          rows={3}
          data-testid="difference-note"
        />
      </Modal>
    </Space>
  );
}
