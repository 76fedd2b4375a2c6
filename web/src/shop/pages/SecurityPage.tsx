import { useState } from 'react';
import { Button, Dialog, Form, Input, List, Toast } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { errorText } from '../../shared/i18n';
import type { Answer } from '../../shared/api-shapes';
import { api } from '../api';
import { Screen } from '../components/Screen';
import { date } from '../format';
import { useMe } from '../hooks';
import { SmsCodeField } from './AuthPages';

type LinkedWechat = Answer<'/me/wechat'>[number];

/** The WeChat accounts linked to this account (openids masked), each with its unlink button. */
function LinkedWechatList() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const linked = useQuery({ queryKey: ['me-wechat'], queryFn: () => api.get<LinkedWechat[]>('/me/wechat') });
  async function unlink(l: LinkedWechat) {
    const ok = await Dialog.confirm({
      content: t('security.unlinkConfirm'),
      confirmText: t('security.unlink'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    try {
      await api.del(`/me/wechat/${encodeURIComponent(l.appId)}`);
      Toast.show({ content: t('security.unlinked'), icon: 'success' });
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
    }
    await qc.invalidateQueries({ queryKey: ['me-wechat'] });
  }
  const appName = (l: LinkedWechat) =>
    l.app === 'officialAccount'
      ? t('security.wechatOfficialAccount')
      : l.app === 'miniProgram'
        ? t('security.wechatMiniProgram')
        : t('security.wechatOther', { appId: l.appId });
  return (
    <List header={t('security.wechatTitle')} data-testid="wechat-linked">
      {linked.data?.length === 0 && <List.Item>{t('security.wechatNone')}</List.Item>}
      {linked.data?.map((l) => (
        <List.Item
          key={l.appId}
          data-testid={`wechat-linked-${l.app}`}
          description={`${l.openid} · ${t('security.wechatLinkedAt', { date: date(l.linkedAt, i18n.language) })}`}
          extra={
            <Button
              size="small"
              color="danger"
              fill="outline"
              onClick={() => void unlink(l)}
              data-testid="wechat-unlink"
            >
              {t('security.unlink')}
            </Button>
          }
        >
          {l.nickname ? `${l.nickname} · ${appName(l)}` : appName(l)}
        </List.Item>
      ))}
    </List>
  );
}

/**
 * 账号安全: change the password (other devices are signed out) — or, for an account made by WeChat
 * sign-in, set a first one with a code sent to its phone — the linked WeChat, or sign out on every
 * device.
 */
export default function SecurityPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useMe();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  // until the profile is read, the usual form: nearly every account has a password
  const setsFirst = me.data?.hasPassword === false;

  async function change(v: { oldPassword?: string; smsCode?: string; newPassword: string }) {
    setBusy(true);
    try {
      await api.post(
        '/auth/password',
        setsFirst
          ? { smsCode: v.smsCode, newPassword: v.newPassword }
          : { oldPassword: v.oldPassword, newPassword: v.newPassword },
      );
      form.resetFields();
      Toast.show({ content: t(setsFirst ? 'security.set' : 'security.changed'), icon: 'success' });
      await qc.invalidateQueries({ queryKey: ['me'] });
    } catch (err) {
      const field =
        err instanceof ApiError && err.code === 'VALIDATION_FAILED'
          ? (err.details as { field?: string } | undefined)?.field
          : undefined;
      Toast.show({
        content:
          field === 'oldPassword'
            ? t('security.wrongOld')
            : field === 'smsCode'
              ? t('security.wrongCode')
              : errorText(err),
        icon: 'fail',
      });
    } finally {
      setBusy(false);
    }
  }

  async function everywhere() {
    const ok = await Dialog.confirm({
      content: t('security.everywhereConfirm'),
      confirmText: t('security.everywhere'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    try {
      await api.post('/auth/logout-all');
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
      return;
    }
    // this device's session ended too
    await api.logout().catch(() => {});
    qc.clear();
    navigate('/', { replace: true });
  }

  return (
    <Screen title={t('security.title')}>
      <Form
        form={form}
        layout="vertical"
        onFinish={change}
        footer={
          <Button block type="submit" color="primary" loading={busy} data-testid="password-submit">
            {t(setsFirst ? 'security.setAction' : 'security.change')}
          </Button>
        }
      >
        <Form.Header>{t(setsFirst ? 'security.setTitle' : 'security.changeTitle')}</Form.Header>
        {setsFirst ? (
          <>
            <p className="shop-pad shop-muted" data-testid="password-none">
              {t('security.noPassword', { phone: me.data?.phone })}
            </p>
            {/* the code goes to the account's own phone */}
            <Form.Item name="phone" initialValue={me.data?.phone} hidden>
              <Input />
            </Form.Item>
            <SmsCodeField form={form} purpose="password" />
          </>
        ) : (
          <Form.Item
            name="oldPassword"
            label={t('security.oldPassword')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input type="password" autoComplete="current-password" data-testid="password-old" />
          </Form.Item>
        )}
        <Form.Item
          name="newPassword"
          label={t('security.newPassword')}
          rules={[{ required: true, min: 8, message: t('auth.passwordRule') }]}
        >
          <Input type="password" autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
      </Form>
      <p className="shop-pad shop-muted">{t('security.changeHint')}</p>
      <LinkedWechatList />
      <div className="shop-pad">
        <Button block color="danger" fill="outline" onClick={() => void everywhere()} data-testid="logout-all">
          {t('security.everywhere')}
        </Button>
      </div>
    </Screen>
  );
}
