import { useState } from 'react';
import { App, Button, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { yuan } from '../../shared/money';
import { api } from '../api';
import { QueryState } from '../components/State';
import { recentMonths } from '../components/Scorecards';
import { downloadExport } from '../download';
import { dateTime } from '../format';

type Statement = Answer<'/admin/supplier-statements'>[number];

/** 供应商结算单: a month's statements per supplier and region, exported as .xlsx and marked paid once. */
export default function Settlements() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const months = recentMonths(12);
  const [period, setPeriod] = useState(months[0]!);
  const [paying, setPaying] = useState<Statement | null>(null);
  const [reference, setReference] = useState('');
  const key = ['supplier-statements', period];
  const list = useQuery({
    queryKey: key,
    queryFn: () => api.get<Statement[]>(`/admin/supplier-statements?period=${period}`),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['supplier-statements'] });
  const onError = (err: unknown) => void message.error(errorText(err));
  const drawUp = useMutation({
    mutationFn: () => api.post<Statement[]>('/admin/supplier-statements', { period }),
    onSuccess: (d) => {
      void message.success(t('ops.settlements.drawn', { n: d.length }));
      void refresh();
    },
    onError,
  });
  const pay = useMutation({
    mutationFn: (v: { st: Statement; reference: string }) =>
      api.post<Statement>(`/admin/supplier-statements/${v.st.id}/pay`, { reference: v.reference }),
    onSuccess: (_, v) => {
      void message.success(t('ops.settlements.paidDone', { amount: yuan(v.st.amountFen) }));
      setPaying(null);
      setReference('');
      void refresh();
    },
    onError: (err) => {
      onError(err);
      void refresh();
    },
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.settlements')}
      </Typography.Title>
      <Space wrap>
        <span>{t('ops.settlements.period')}</span>
        <Select
          value={period}
          onChange={setPeriod}
          style={{ width: 140 }}
          options={months.map((m) => ({ value: m, label: m }))}
          data-testid="settlement-period"
        />
        <Button type="primary" loading={drawUp.isPending} onClick={() => drawUp.mutate()} data-testid="draw-up">
          {t('ops.settlements.drawUp')}
        </Button>
      </Space>
      <Typography.Text type="secondary">{t('ops.settlements.drawUpHint')}</Typography.Text>
      <QueryState query={list} isEmpty={(d) => d.length === 0} emptyText={t('ops.settlements.empty')}>
        {(data) => (
          <Table<Statement>
            rowKey="id"
            dataSource={data}
            data-testid="statement-table"
            pagination={false}
            scroll={{ x: 'max-content' }}
            summary={(rows) => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <strong>Σ</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <strong>{yuan(rows.reduce((a, r) => a + r.amountFen, 0))}</strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
            columns={[
              { title: t('ops.settlements.supplier'), dataIndex: 'supplierName' },
              { title: t('ops.settlements.region'), dataIndex: 'regionName' },
              {
                title: t('ops.settlements.amount'),
                dataIndex: 'amountFen',
                align: 'right',
                render: (v: number) => <strong>{yuan(v)}</strong>,
              },
              { title: t('ops.settlements.lines'), dataIndex: 'lineCount', align: 'right' },
              {
                title: t('ops.settlements.status'),
                dataIndex: 'status',
                render: (v: string) => (
                  <Tag color={v === 'paid' ? 'green' : 'gold'} data-testid="statement-status">
                    {t(`ops.settlements.status_${v}`)}
                  </Tag>
                ),
              },
              { title: t('ops.settlements.reference'), dataIndex: 'paidReference', render: (v?: string) => v ?? '—' },
              { title: t('ops.settlements.paidAt'), dataIndex: 'paidAt', render: dateTime },
              {
                title: t('ops.common.actions'),
                key: 'actions',
                render: (_: unknown, st: Statement) => (
                  <Space>
                    <Button
                      size="small"
                      onClick={() =>
                        void downloadExport(`/admin/supplier-statements/${st.id}/export.xlsx`, {}).catch(onError)
                      }
                    >
                      {t('ops.settlements.export')}
                    </Button>
                    {st.status === 'open' && (
                      <Button type="primary" size="small" onClick={() => setPaying(st)} data-testid="statement-pay">
                        {t('ops.settlements.pay')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <Modal
        open={paying !== null}
        title={
          paying ? t('ops.settlements.payTitle', { name: paying.supplierName, amount: yuan(paying.amountFen) }) : ''
        }
        onCancel={() => setPaying(null)}
        okText={t('ops.settlements.pay')}
        confirmLoading={pay.isPending}
        okButtonProps={{ disabled: !reference.trim(), 'data-testid': 'statement-pay-confirm' } as never}
        onOk={() => paying && pay.mutate({ st: paying, reference: reference.trim() })}
      >
        <Input
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          placeholder={t('ops.settlements.referenceRequired')}
          maxLength={100}
          data-testid="statement-reference"
        />
      </Modal>
    </Space>
  );
}
