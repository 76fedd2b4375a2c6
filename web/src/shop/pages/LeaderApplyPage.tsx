import { useState } from 'react';
import { Button, ImageUploader, type ImageUploadItem, Input, Result, Selector, TextArea, Toast } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { api } from '../api';
import { Screen } from '../components/Screen';
import { Failed, Loading } from '../components/State';
import { photoUpload } from '../../shared/photo-upload';

type Application = Answer<'/me/leader-applications'>[number];
type City = Answer<'/leader-applications/cities'>[number];

/**
 * 申请当团长: name, city and address, shop or home, experience and a photo of the place (the
 * phone is the account's); afterwards the latest application's status, a rejection's reason.
 */
export default function LeaderApplyPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mine = useQuery({
    queryKey: ['me', 'leader-applications'],
    queryFn: () => api.get<Application[]>('/me/leader-applications'),
  });
  const cities = useQuery({
    queryKey: ['leader-application-cities'],
    queryFn: () => api.get<City[]>('/leader-applications/cities'),
  });
  const [again, setAgain] = useState(false);
  const [name, setName] = useState('');
  const [regionId, setRegionId] = useState<string>();
  const [address, setAddress] = useState('');
  const [placeKind, setPlaceKind] = useState<'shop' | 'home'>('home');
  const [experience, setExperience] = useState('');
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [busy, setBusy] = useState(false);
  const latest = mine.data?.[0];
  const city = regionId ?? cities.data?.[0]?.id;

  const upload = photoUpload(api, '/me/leader-application-photos');

  async function submit() {
    setBusy(true);
    try {
      await api.post('/me/leader-applications', {
        name: name.trim(),
        regionId: city,
        address: address.trim(),
        placeKind,
        experience: experience.trim(),
        photoId: photos[0] ? String(photos[0].key) : undefined,
      });
      Toast.show({ icon: 'success', content: t('apply.sent') });
      setAgain(false);
      await qc.invalidateQueries({ queryKey: ['me', 'leader-applications'] });
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
    } finally {
      setBusy(false);
    }
  }

  const ready = name.trim() && city && address.trim().length >= 4 && experience.trim() && photos.length > 0;
  return (
    <Screen title={t('apply.title')}>
      {mine.isLoading || cities.isLoading ? (
        <Loading />
      ) : mine.error || cities.error ? (
        <Failed error={mine.error ?? cities.error} onRetry={() => void mine.refetch()} />
      ) : latest && !(latest.status === 'rejected' && again) ? (
        <Status app={latest} onAgain={() => setAgain(true)} />
      ) : (
        <div className="shop-review-form" data-testid="apply-form">
          <p className="shop-muted">{t('apply.intro')}</p>
          <Input
            placeholder={t('apply.name')}
            value={name}
            onChange={setName}
            maxLength={40}
            data-testid="apply-name"
          />
          <Selector
            options={(cities.data ?? []).map((c) => ({ label: c.name, value: c.id }))}
            value={city ? [city] : []}
            onChange={(v) => v[0] && setRegionId(v[0])}
            data-testid="apply-city"
          />
          <Input
            placeholder={t('apply.address')}
            value={address}
            onChange={setAddress}
            maxLength={200}
            data-testid="apply-address"
          />
          <Selector
            options={[
              { label: t('apply.shop'), value: 'shop' },
              { label: t('apply.home'), value: 'home' },
            ]}
            value={[placeKind]}
            onChange={(v) => v[0] && setPlaceKind(v[0] as 'shop' | 'home')}
            data-testid="apply-place"
          />
          <TextArea
            placeholder={t('apply.experience')}
            value={experience}
            onChange={setExperience}
            maxLength={1000}
            rows={4}
            showCount
            data-testid="apply-experience"
          />
          <p className="shop-muted">{t('apply.photo')}</p>
          <ImageUploader
            value={photos}
            onChange={setPhotos}
            upload={upload}
            maxCount={1}
            accept="image/jpeg,image/png,image/webp"
            data-testid="apply-photo"
          />
          <p className="shop-muted">{t('apply.phoneNote')}</p>
          <Button
            block
            color="primary"
            size="large"
            loading={busy}
            disabled={!ready}
            onClick={() => void submit()}
            data-testid="apply-submit"
          >
            {t('apply.submit')}
          </Button>
        </div>
      )}
    </Screen>
  );
}

function Status({ app, onAgain }: { app: Application; onAgain: () => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="apply-status" data-status={app.status}>
      <Result
        status={app.status === 'approved' ? 'success' : app.status === 'rejected' ? 'error' : 'waiting'}
        title={t(`apply.${app.status}`)}
        description={
          app.status === 'rejected'
            ? t('apply.rejectedBecause', { reason: app.rejectReason })
            : app.status === 'approved'
              ? t('apply.approvedAt', { point: app.pickupPointName ?? '' })
              : t('apply.pendingNote')
        }
      />
      {app.status === 'rejected' && (
        <Button block onClick={onAgain} data-testid="apply-again">
          {t('apply.again')}
        </Button>
      )}
    </div>
  );
}
