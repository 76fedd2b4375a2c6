import { Alert, Button, Card, Form, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { usePagedList } from '../../../shared/paging';
import { LoadMore, QueryState } from '../../components/State';
import { api, type Member, type MemberPurpose, type MemberTemplate } from '../api';
import { keys, useCouponTemplates, useMemberTemplates, useSave } from '../queries';
import { dateTime, PageHead } from '../parts';
import { useRuleText } from './CouponTemplates';

const PURPOSES: MemberPurpose[] = ['monthly_pack', 'birthday', 'referral'];

/**
 * Membership settings the server exposes: which coupon templates make up the members' monthly
 * pack, the birthday coupon and the referral reward. The card's price and point rules come from
 * the server's configuration (environment), so they are not edited here.
 */
export default function Membership() {
  const { t } = useTranslation();
  const marked = useMemberTemplates();
  const templates = useCouponTemplates();
  const members = usePagedList<Member>(api, keys.members, '/admin/members');
  const ruleText = useRuleText();
  const [form] = Form.useForm<{ templateId: string; purpose: MemberPurpose }>();
  const mark = useSave(
    (v: { templateId: string; purpose: MemberPurpose }) => api.post('/admin/members/coupon-templates', v),
    [keys.memberTemplates],
  );
  const unmark = useSave(
    (m: MemberTemplate) => api.del(`/admin/members/coupon-templates/${m.purpose}/${m.templateId}`),
    [keys.memberTemplates],
  );
  // the jobs grant these to everyone eligible, so only templates without a total limit qualify
  const eligible = (templates.data ?? []).filter((c) => c.totalLimit === null);
  const templateOf = (id: string) => templates.data?.find((c) => c.id === id);

  const markedColumns: ColumnsType<MemberTemplate> = [
    {
      title: t('setup.members.purpose'),
      dataIndex: 'purpose',
      width: 160,
      render: (p: string) => <Tag color="gold">{t(`setup.members.purpose_${p}`)}</Tag>,
    },
    { title: t('setup.members.template'), dataIndex: 'name' },
    {
      title: t('setup.f.rule'),
      key: 'r',
      render: (_, m) => {
        const c = templateOf(m.templateId);
        return c ? ruleText(c) : '—';
      },
    },
    {
      title: t('setup.f.status'),
      key: 's',
      width: 100,
      render: (_, m) => {
        const c = templateOf(m.templateId);
        return c ? <Tag color={c.status === 'active' ? 'green' : 'default'}>{t(`setup.status.${c.status}`)}</Tag> : '—';
      },
    },
    {
      title: '',
      key: 'a',
      width: 110,
      render: (_, m) => (
        <Popconfirm title={t('setup.members.unmarkQ')} onConfirm={() => unmark.mutateAsync(m).catch(() => undefined)}>
          <Button type="link" danger>
            {t('setup.members.unmark')}
          </Button>
        </Popconfirm>
      ),
    },
  ];
  const memberColumns: ColumnsType<Member> = [
    { title: t('setup.f.name'), dataIndex: 'name' },
    { title: t('setup.f.phone'), dataIndex: 'phone', width: 140 },
    { title: t('setup.members.activeUntil'), dataIndex: 'activeUntil', width: 170, render: dateTime },
    {
      title: t('setup.members.tier'),
      dataIndex: 'tier',
      width: 100,
      render: (x: string) => t(`setup.members.tier_${x}`),
    },
    { title: t('setup.members.growth'), dataIndex: 'growth', width: 100, align: 'right' },
  ];

  return (
    <div data-testid="setup-membership">
      <PageHead title={t('setup.nav.membership')} />
      <Alert type="info" showIcon title={t('setup.members.configHint')} style={{ marginBottom: 16 }} />
      <Card title={t('setup.members.couponsTitle')} style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 16 }}
          onFinish={(v: { templateId: string; purpose: MemberPurpose }) =>
            mark
              .mutateAsync(v)
              .then(() => form.resetFields())
              .catch(() => undefined)
          }
        >
          <Form.Item name="purpose" rules={[{ required: true, message: t('setup.v.required') }]}>
            <Select
              style={{ width: 180 }}
              placeholder={t('setup.members.purpose')}
              options={PURPOSES.map((p) => ({ value: p, label: t(`setup.members.purpose_${p}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="templateId"
            rules={[{ required: true, message: t('setup.v.required') }]}
            extra={t('setup.members.eligibleHint')}
          >
            <Select
              style={{ width: 320 }}
              placeholder={t('setup.members.template')}
              showSearch={{ optionFilterProp: 'label' }}
              options={eligible.map((c) => ({ value: c.id, label: `${c.name}（${ruleText(c)}）` }))}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={mark.isPending}>
              {t('setup.members.mark')}
            </Button>
          </Space>
        </Form>
        <QueryState query={marked} isEmpty={(d) => d.length === 0} emptyText={t('setup.members.noneMarked')}>
          {(d) => (
            <Table<MemberTemplate>
              rowKey={(m: MemberTemplate) => `${m.purpose}:${m.templateId}`}
              dataSource={d}
              columns={markedColumns}
              pagination={false}
              size="small"
            />
          )}
        </QueryState>
      </Card>
      <Card title={t('setup.members.listTitle')}>
        <QueryState query={members.view} isEmpty={(d) => d.length === 0} emptyText={t('setup.members.noMembers')}>
          {(d) => (
            <Table<Member>
              rowKey="userId"
              dataSource={d}
              columns={memberColumns}
              pagination={false}
              footer={() => <LoadMore query={members.query} />}
              size="small"
            />
          )}
        </QueryState>
      </Card>
    </div>
  );
}
