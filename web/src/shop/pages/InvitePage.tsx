import { lazy, Suspense } from 'react';
import { Button, Card, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useMe } from '../hooks';
import { Screen } from '../components/Screen';
import { Query } from '../components/State';
import { shopEvents } from '../events';

const Qr = lazy(() => import('../components/Qr'));

async function copy(text: string) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // older phones and non-secure pages have no clipboard API: fall back to a selection copy
    const el = document.createElement('textarea');
    el.value = text;
    el.setAttribute('readonly', '');
    el.style.position = 'fixed';
    el.style.opacity = '0';
    document.body.appendChild(el);
    el.select();
    const ok = document.execCommand('copy');
    el.remove();
    return ok;
  }
}

/** 邀请好友: the invite code and a link (with QR code) that opens registration with the code filled in. */
export default function InvitePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Screen title={t('invite.title')}>
      <Query q={me}>
        {(m) => {
          const link = `${window.location.origin}/shop/register?invite=${encodeURIComponent(m.inviteCode)}`;
          return (
            <Card className="shop-invite">
              <p>{t('invite.pitch')}</p>
              <div className="shop-muted">{t('invite.code')}</div>
              <div className="shop-code" data-testid="invite-code">
                {m.inviteCode}
              </div>
              <Suspense fallback={<div style={{ height: 200 }} />}>
                <Qr text={link} size={200} label={t('invite.qrLabel')} />
              </Suspense>
              <div className="shop-invite-link" data-testid="invite-link">
                {link}
              </div>
              <Button
                block
                color="primary"
                data-testid="copy-invite"
                onClick={() =>
                  void copy(link).then((ok) =>
                    Toast.show({ content: ok ? t('invite.copied') : t('invite.copyFailed') }),
                  )
                }
              >
                {t('invite.copy')}
              </Button>
              {'share' in navigator && (
                <Button
                  block
                  className="shop-mt"
                  onClick={() => {
                    shopEvents.track('shared', { page: 'invite' });
                    void navigator
                      .share({ title: t('app.name'), text: t('invite.shareText'), url: link })
                      .catch(() => {});
                  }}
                >
                  {t('invite.share')}
                </Button>
              )}
            </Card>
          );
        }}
      </Query>
    </Screen>
  );
}
