import { useState } from 'react';
import { Button, ImageUploader, type ImageUploadItem, TextArea, Toast } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../shared/api-shapes';
import { errorText } from '../../shared/i18n';
import { api } from '../api';
import { Screen } from '../components/Screen';
import { StarPicker } from '../../shared/StarPicker';
import { Failed, Loading } from '../components/State';
import { photoUpload } from '../../shared/photo-upload';

type Order = Answer<'/orders/{id}'>;

const MAX_PHOTOS = 6;

/** 评价: stars, a few words and up to 6 photos for one product of a picked-up order. */
export default function ReviewPage() {
  const { t } = useTranslation();
  const { id = '', lineId = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const order = useQuery({ queryKey: ['order', id], queryFn: () => api.get<Order>(`/orders/${id}`) });
  const [rating, setRating] = useState(5);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [busy, setBusy] = useState(false);
  const line = order.data?.lines.find((l) => l.id === lineId);

  const upload = photoUpload(api, '/me/review-photos');

  async function submit() {
    setBusy(true);
    try {
      const done = await api.post<{ pointsAwarded: number }>(`/orders/${id}/review`, {
        rating,
        text: text.trim() || undefined,
        orderLineId: lineId,
        photoIds: photos.map((p) => String(p.key)),
      });
      await queryClient.invalidateQueries({ queryKey: ['order-reviews', id] });
      Toast.show({
        icon: 'success',
        content: done.pointsAwarded > 0 ? t('reviews.thanksPoints', { n: done.pointsAwarded }) : t('reviews.thanks'),
      });
      navigate(`/orders/${id}`, { replace: true });
    } catch (err) {
      Toast.show({ content: errorText(err), icon: 'fail' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen title={t('reviews.write')}>
      {order.isLoading ? (
        <Loading />
      ) : order.error || !line ? (
        <Failed error={order.error ?? new Error(t('reviews.noLine'))} onRetry={() => void order.refetch()} />
      ) : (
        <div className="shop-review-form" data-testid="review-form">
          <h3>{line.productName}</h3>
          <StarPicker value={rating} onChange={setRating} legend={t('reviews.stars')} testId="review-rating" />
          <TextArea
            placeholder={t('reviews.placeholder')}
            value={text}
            onChange={setText}
            maxLength={1000}
            rows={4}
            showCount
            data-testid="review-text"
          />
          <ImageUploader
            value={photos}
            onChange={setPhotos}
            upload={upload}
            maxCount={MAX_PHOTOS}
            accept="image/jpeg,image/png,image/webp"
            data-testid="review-photos"
          />
          <p className="shop-muted">{t('reviews.photosHint', { n: MAX_PHOTOS })}</p>
          <Button
            block
            color="primary"
            size="large"
            loading={busy}
            onClick={() => void submit()}
            data-testid="review-submit"
          >
            {t('reviews.submit')}
          </Button>
        </div>
      )}
    </Screen>
  );
}
