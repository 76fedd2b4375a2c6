import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { App, Button, Checkbox, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/i18n';
import { useSession } from '../../shared/session';
import { api, consoleRoles } from '../api';
import { CONSOLE_ROLES } from '../nav';
import { usePagedList } from '../../shared/paging';
import { LoadMore, QueryState } from '../components/State';
import { dateTime } from '../format';
import type { ConsoleUser } from '../types';
import { useRegions } from '../setup/queries';

/**
 * Find any account and disable it (every sign-in ends at once) or enable it again; give a console
 * user every region or limit them to some (their next request already obeys it).
 */
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
  const regions = useRegions().data ?? [];
  const regionName = new Map(regions.map((r) => [r.id, r.name]));
  // the user whose regions are being set, every region or the chosen ones
  const [scoping, setScoping] = useState<{ user: ConsoleUser; every: boolean; chosen: string[] } | null>(null);
  const setRegions = useMutation({
    mutationFn: (v: { user: ConsoleUser; regionIds: string[] | null }) =>
      api.put<ConsoleUser>(`/admin/users/${v.user.id}/regions`, { regionIds: v.regionIds }),
    onSuccess: (_, v) => {
      void message.success(t('ops.users.regionsDone', { name: v.user.name }));
      setScoping(null);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });
  const isConsole = (u: ConsoleUser) => consoleRoles(u.roles).length > 0;
  // the user whose roles are being set, with the roles chosen so far
  const [casting, setCasting] = useState<{ user: ConsoleUser; chosen: string[] } | null>(null);
  const setRoles = useMutation({
    mutationFn: (v: { user: ConsoleUser; roles: string[] }) =>
      api.put<ConsoleUser>(`/admin/users/${v.user.id}/roles`, { roles: v.roles }),
    onSuccess: (_, v) => {
      void message.success(t('ops.users.rolesDone', { name: v.user.name }));
      setCasting(null);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (err) => void message.error(errorText(err)),
  });

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
              {
                title: t('ops.users.regions'),
                key: 'regions',
                render: (_: unknown, u: ConsoleUser) =>
                  !isConsole(u) ? null : u.regionIds === null ? (
                    <Tag data-testid="user-regions">{t('ops.users.everyRegion')}</Tag>
                  ) : (
                    <span data-testid="user-regions">
                      {u.regionIds.map((id) => (
                        <Tag key={id} color="blue">
                          {regionName.get(id) ?? id}
                        </Tag>
                      ))}
                    </span>
                  ),
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
                    <Space>
                      <Button
                        size="small"
                        data-testid="user-set-roles"
                        onClick={() => setCasting({ user: u, chosen: u.roles.filter((r) => r !== 'leader') })}
                      >
                        {t('ops.users.setRoles')}
                      </Button>
                      {isConsole(u) && (
                        <Button
                          size="small"
                          data-testid="user-set-regions"
                          onClick={() =>
                            setScoping({ user: u, every: u.regionIds === null, chosen: u.regionIds ?? [] })
                          }
                        >
                          {t('ops.users.setRegions')}
                        </Button>
                      )}
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
                    </Space>
                  );
                },
              },
            ]}
          />
        )}
      </QueryState>
      <Modal
        open={scoping !== null}
        title={scoping ? t('ops.users.regionsTitle', { name: scoping.user.name }) : ''}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setScoping(null)}
        okButtonProps={
          {
            disabled: !!scoping && !scoping.every && scoping.chosen.length === 0,
            'data-testid': 'user-regions-save',
          } as ButtonProps
        }
        confirmLoading={setRegions.isPending}
        onOk={() =>
          scoping && setRegions.mutate({ user: scoping.user, regionIds: scoping.every ? null : scoping.chosen })
        }
      >
        {scoping && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('ops.users.regionsHint')}</Typography.Text>
            <Checkbox
              checked={scoping.every}
              data-testid="user-regions-every"
              onChange={(e) => setScoping({ ...scoping, every: e.target.checked })}
            >
              {t('ops.users.everyRegion')}
            </Checkbox>
            <Select
              mode="multiple"
              style={{ width: '100%' }}
              disabled={scoping.every}
              value={scoping.every ? [] : scoping.chosen}
              placeholder={t('ops.users.chooseRegions')}
              data-testid="user-regions-select"
              aria-label={t('ops.users.chooseRegions')}
              onChange={(chosen: string[]) => setScoping({ ...scoping, chosen })}
              options={regions.map((r) => ({ value: r.id, label: r.name }))}
            />
          </Space>
        )}
      </Modal>
      <Modal
        open={casting !== null}
        title={casting ? t('ops.users.rolesTitle', { name: casting.user.name }) : ''}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setCasting(null)}
        okButtonProps={
          { disabled: !!casting && casting.chosen.length === 0, 'data-testid': 'user-roles-save' } as ButtonProps
        }
        confirmLoading={setRoles.isPending}
        onOk={() => casting && setRoles.mutate({ user: casting.user, roles: casting.chosen })}
      >
        {casting && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('ops.users.rolesHint')}</Typography.Text>
            <Checkbox.Group
              value={casting.chosen}
              data-testid="user-roles"
              onChange={(chosen) => setCasting({ ...casting, chosen: chosen as string[] })}
            >
              <Space orientation="vertical">
                {[...CONSOLE_ROLES, 'customer'].map((r) => (
                  <Checkbox key={r} value={r} data-testid={`user-role-${r}`}>
                    {t(`ops.users.role_${r}`)}
                    <Typography.Text type="secondary"> — {t(`ops.users.roleDuty_${r}`)}</Typography.Text>
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </Space>
        )}
      </Modal>
    </Space>
  );
}
