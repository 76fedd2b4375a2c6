import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { App, Button, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/i18n';
import { useSession } from '../../shared/session';
import { api } from '../api';
import { usePagedList } from '../../shared/paging';
import { LoadMore, QueryState } from '../components/State';
import { dateTime } from '../format';
import type { ConsoleUser } from '../types';

/** Find any account and disable it (every sign-in ends at once) or enable it again. */
export default function Users() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const session = useSession(api);
  const [q, setQ] = useState('');
  const list = usePagedList<ConsoleUser>(api, ['users', q], `/admin/users${q ? `?q=${encodeURIComponent(q)}` : ''}`);
  const action = useMutation({
    mutationFn: ({ user, disable }: { user: ConsoleUser; disable: boolean }) =>
      api.post<ConsoleUser>(`/admin/users/${user.id}/${disable ? 'disable' : 'enable'}`),
    onSuccess: (_, v) => {
      void message.success(t(v.disable ? 'ops.users.disabledDone' : 'ops.users.enabledDone', { name: v.user.name }));
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const busy = (u: ConsoleUser) => action.isPending && action.variables?.user.id === u.id;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('ops.nav.users')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('ops.users.hint')}</Typography.Text>
      <Input.Search
        allowClear
        placeholder={t('ops.users.search')}
        style={{ maxWidth: 360 }}
        maxLength={50}
        onSearch={(value: string) => setQ(value.trim())}
        data-testid="users-search"
        aria-label={t('ops.users.search')}
      />
      <QueryState query={list.view} isEmpty={(d) => d.length === 0} emptyText={t('ops.users.empty')}>
        {(data) => (
          <Table<ConsoleUser>
            rowKey="id"
            dataSource={data}
            data-testid="users-table"
            pagination={false}
            footer={() => <LoadMore query={list.query} />}
            onRow={(u) => ({ 'data-testid': `user-row-${u.phone}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('ops.users.name'), dataIndex: 'name' },
              { title: t('ops.users.phone'), dataIndex: 'phone' },
              {
                title: t('ops.users.roles'),
                dataIndex: 'roles',
                render: (roles: string[]) =>
                  roles.map((r) => <Tag key={r}>{t(`ops.users.role_${r}`, { defaultValue: r })}</Tag>),
              },
              { title: t('ops.users.createdAt'), dataIndex: 'createdAt', render: dateTime },
              {
                title: t('ops.users.status'),
                dataIndex: 'disabled',
                render: (disabled: boolean) =>
                  disabled ? (
                    <Tag color="red" data-testid="user-status">
                      {t('ops.users.disabled')}
                    </Tag>
                  ) : (
                    <Tag color="green" data-testid="user-status">
                      {t('ops.users.active')}
                    </Tag>
                  ),
              },
              {
                title: t('ops.common.actions'),
                key: 'actions',
                render: (_: unknown, u: ConsoleUser) => {
                  if (u.id === session?.user.id)
                    return <Typography.Text type="secondary">{t('ops.users.you')}</Typography.Text>;
                  const disable = !u.disabled;
                  return (
                    <Popconfirm
                      title={t(disable ? 'ops.users.disableConfirm' : 'ops.users.enableConfirm', { name: u.name })}
                      okText={t(disable ? 'ops.users.disable' : 'ops.users.enable')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => action.mutate({ user: u, disable })}
                      okButtonProps={{ danger: disable, 'data-testid': 'user-action-confirm' } as ButtonProps}
                    >
                      <Button
                        size="small"
                        danger={disable}
                        loading={busy(u)}
                        data-testid={disable ? 'user-disable' : 'user-enable'}
                      >
                        {t(disable ? 'ops.users.disable' : 'ops.users.enable')}
                      </Button>
                    </Popconfirm>
                  );
                },
              },
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
}
