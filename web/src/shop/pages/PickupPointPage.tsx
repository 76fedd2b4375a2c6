import { useEffect, useState } from 'react';
import { Button, List, SearchBar, Tag, Toast } from 'antd-mobile';
import { CheckOutline, EnvironmentOutline } from 'antd-mobile-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { useMe, usePickupPoints } from '../hooks';
import { errorText } from '../../shared/i18n';
import { Screen } from '../components/Screen';
import { Query, Nothing } from '../components/State';
import { forgetLinkedPoint, linkedPoint, orderPoints } from '../linkedPoint';

function distance(m: number, t: (k: string, o?: Record<string, unknown>) => string) {
  return m < 1000 ? t('pickup.meters', { n: Math.round(m) }) : t('pickup.km', { n: (m / 1000).toFixed(1) });
}

/** 选择自提点: search by name; with the browser's location the list is sorted by distance. */
export function PickupPointPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const qc = useQueryClient();
  const me = useMe();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [pos, setPos] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [saving, setSaving] = useState<string | null>(null);
  const points = usePickupPoints(q, pos);
  // read once: choosing a point forgets the link, and the list must not jump under the finger
  const [linked] = useState(linkedPoint);

  // search as the customer types, without a request per keystroke
  useEffect(() => {
    const h = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(h);
  }, [typed]);

  function locate() {
    if (!('geolocation' in navigator)) return Toast.show({ content: t('pickup.noLocation') });
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPos({ lat: p.coords.latitude, lng: p.coords.longitude });
        setLocating(false);
      },
      () => {
        Toast.show({ content: t('pickup.noLocation') });
        setLocating(false);
      },
      { timeout: 8000, maximumAge: 600_000 },
    );
  }
  // ask once on arrival; a refusal just leaves the list unsorted
  // biome-ignore lint/correctness/useExhaustiveDependencies: once on arrival, not again when locate is re-created
  useEffect(() => {
    if ('geolocation' in navigator && navigator.permissions) {
      void navigator.permissions
        .query({ name: 'geolocation' })
        .then((s) => {
          if (s.state === 'granted') locate();
        })
        .catch(() => {});
    }
  }, []);

  async function choose(id: string) {
    setSaving(id);
    try {
      await api.put('/me/pickup-point', { pickupPointId: id });
      forgetLinkedPoint();
      await qc.invalidateQueries({ queryKey: ['me'] });
      Toast.show({ content: t('pickup.saved'), icon: 'success' });
      const next = params.get('next');
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
    } finally {
      setSaving(null);
    }
  }

  return (
    <Screen title={t('pickup.title')}>
      <div className="shop-pad shop-pickup-search">
        <SearchBar placeholder={t('pickup.search')} value={typed} onChange={setTyped} data-testid="pickup-search" />
        <Button
          size="small"
          onClick={() => {
            locate();
          }}
          loading={locating}
          data-testid="pickup-locate"
        >
          <EnvironmentOutline /> {t('pickup.nearMe')}
        </Button>
      </div>
      <Query q={points}>
        {(list) =>
          list.length === 0 ? (
            <Nothing text={t('pickup.none')} />
          ) : (
            <List>
              {orderPoints(list, [linked, me.data?.pickupPointId]).map((p) => {
                const current = me.data?.pickupPointId === p.id;
                const isLinked = linked === p.id;
                return (
                  <List.Item
                    key={p.id}
                    className={isLinked || current ? 'shop-pickup-pinned' : undefined}
                    data-testid="pickup-option"
                    data-name={p.name}
                    data-linked={isLinked || undefined}
                    onClick={() => void choose(p.id)}
                    disabled={saving !== null}
                    description={
                      <>
                        {p.address}
                        {p.leaderName ? ` · ${t('pickup.leader', { name: p.leaderName })}` : ''}
                      </>
                    }
                    extra={
                      current ? (
                        <CheckOutline color="var(--adm-color-primary)" aria-label={t('pickup.current')} />
                      ) : p.distanceM !== undefined ? (
                        <Tag fill="outline">{distance(p.distanceM, t)}</Tag>
                      ) : null
                    }
                  >
                    {p.name} {current && <Tag color="primary">{t('pickup.current')}</Tag>}{' '}
                    {isLinked && !current && (
                      <Tag color="warning" data-testid="pickup-linked">
                        {t('pickup.linked')}
                      </Tag>
                    )}
                  </List.Item>
                );
              })}
            </List>
          )
        }
      </Query>
    </Screen>
  );
}
