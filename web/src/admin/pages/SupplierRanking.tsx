import { useState } from 'react';
import { App, Alert, Button, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { api } from '../api';
import { QueryState } from '../components/State';
import { pct, recentMonths, type Scorecard, useScorecardColumns } from '../components/Scorecards';

type Ranking = Answer<'/admin/supplier-scorecards'>;
type Inbox = Answer<'/admin/alerts'>;
type Settings = Answer<'/admin/settings'>;

/**
 * 供应商排名: the month's suppliers by weighted score, below-standard flags with their deadline,
 * and the suspension proposals (two months in a row below standard) the operator confirms here.
 */
export default function SupplierRanking() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const months = recentMonths(6);
  const [month, setMonth] = useState(months[0]!);
  const ranking = useQuery({
    queryKey: ['supplier-ranking', month],
    queryFn: () => api.get<Ranking>(`/admin/supplier-scorecards?month=${month}`),
  });
  const alerts = useQuery({ queryKey: ['alerts'], queryFn: () => api.get<Inbox>('/admin/alerts') });
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api.get<Settings>('/admin/settings') });
  const setting = (key: string) =>
    settings.data?.items.find((s) => s.key === key)?.value as Record<string, number> | undefined;
  const th = setting('suppliers.scorecardThresholds');
  const weights = setting('suppliers.scorecardWeights');
  const proposals = new Map(
    (alerts.data?.items ?? [])
      .filter((a) => a.kind === 'supplier_suspension_proposed' && a.subjectId)
      .map((a) => [a.subjectId!, a]),
  );
  const confirm = useMutation({
    mutationFn: (v: { alertId: string; name: string }) =>
      api.post(`/admin/supplier-scorecards/proposals/${v.alertId}/confirm`),
    onSuccess: (_, v) => {
      void message.success(t('ops.alerts.suspended', { name: v.name }));
      for (const k of [['supplier-ranking'], ['alerts'], ['setup']]) void qc.invalidateQueries({ queryKey: k });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const columns = useScorecardColumns();

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.supplierRanking')}
      </Typography.Title>
      <Space wrap>
        <span>{t('ops.suppliers.month')}</span>
        <Select
          value={month}
          onChange={setMonth}
          style={{ width: 140 }}
          options={months.map((m) => ({ value: m, label: m }))}
          data-testid="ranking-month"
        />
        {ranking.data && (
          <Tag color={ranking.data.closed ? 'blue' : 'gold'}>
            {ranking.data.closed ? t('ops.suppliers.closed') : t('ops.suppliers.live')}
          </Tag>
        )}
      </Space>
      {ranking.data && (
        <Alert
          type="info"
          showIcon
          title={t('ops.suppliers.passScore', { score: ranking.data.passScore })}
          description={
            th && weights
              ? t('ops.suppliers.thresholds', {
                  fill: pct(th.minFillRate!),
                  rejection: pct(th.maxRejectionRate!),
                  onTime: pct(th.minOnTimeRate!),
                  complaints: th.maxComplaintsPerThousand,
                  loss: pct(th.maxLossRate!),
                  weights: Object.values(weights).join('/'),
                })
              : undefined
          }
        />
      )}
      <QueryState query={ranking} isEmpty={(d) => d.items.length === 0} emptyText={t('ops.suppliers.noData')}>
        {(data) => (
          <Table<Scorecard>
            rowKey="supplierId"
            dataSource={data.items}
            data-testid="ranking-table"
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowClassName={(c) => (c.belowStandard ? 'ops-row-warn' : '')}
            columns={[
              { title: t('ops.suppliers.rank'), dataIndex: 'rank', width: 64 },
              {
                title: t('ops.suppliers.supplier'),
                key: 'supplier',
                render: (_: unknown, c: Scorecard) => (
                  <Space size={4}>
                    {c.supplierName}
                    {c.supplierStatus === 'suspended' && <Tag color="red">{t('ops.suppliers.suspended')}</Tag>}
                  </Space>
                ),
              },
              ...columns,
              {
                title: t('ops.common.actions'),
                key: 'actions',
                render: (_: unknown, c: Scorecard) => {
                  const p = proposals.get(c.supplierId);
                  if (!p || c.supplierStatus !== 'active') return null;
                  return (
                    <Popconfirm
                      title={t('ops.alerts.suspendConfirm')}
                      okText={t('ops.suppliers.confirmSuspend')}
                      cancelText={t('common.cancel')}
                      okButtonProps={{ danger: true, 'data-testid': 'suspend-confirm' } as ButtonProps}
                      onConfirm={() => confirm.mutate({ alertId: p.id, name: c.supplierName })}
                    >
                      <Button danger size="small" loading={confirm.isPending} data-testid="suspend-proposal">
                        {t('ops.suppliers.proposal')}
                      </Button>
                    </Popconfirm>
                  );
                },
              },
            ]}
          />
        )}
      </QueryState>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
        {t('ops.suppliers.definition')}
      </Typography.Paragraph>
    </Space>
  );
}
