import { useRef } from 'react';
import { App, Button, Space, Tooltip, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../shared/i18n';
import { api, type Product } from '../api';
import { keys } from '../queries';

type Image = Product['images'][number];
const ACCEPT = 'image/jpeg,image/png,image/webp';
const MAX_BYTES = 5 * 1024 * 1024;

/** A product's pictures: upload (JPEG, PNG, WebP up to 5 MB), move left / right, delete; the first is the cover. */
export function ProductImages({ product }: { product: Product }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const done = () => Promise.all([keys.products, keys.campaigns].map((k) => qc.invalidateQueries({ queryKey: k })));
  const onError = (err: unknown) => void message.error(errorText(err));
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      for (const f of files) await api.upload(`/admin/products/${product.id}/images`, f);
    },
    onError,
    // some files may have gone in before one was refused: show what is there either way
    onSettled: done,
  });
  const reorder = useMutation({
    mutationFn: (imageIds: string[]) => api.put(`/admin/products/${product.id}/images/order`, { imageIds }),
    onSuccess: done,
    onError,
  });
  const remove = useMutation({
    mutationFn: (imageId: string) => api.del(`/admin/products/${product.id}/images/${imageId}`),
    onSuccess: done,
    onError,
  });
  const images = product.images;
  const move = (from: number, to: number) => {
    const ids = images.map((i) => i.id);
    const [id] = ids.splice(from, 1);
    ids.splice(to, 0, id);
    reorder.mutate(ids);
  };
  const pick = (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (input.current) input.current.value = '';
    const tooLarge = files.find((f) => f.size > MAX_BYTES);
    if (tooLarge) return void message.error(t('setup.images.tooLarge', { name: tooLarge.name }));
    if (files.length) upload.mutate(files);
  };
  return (
    <div data-testid="product-images">
      <Space wrap align="start">
        {images.map((image: Image, n) => (
          <div key={image.id} className="setup-image" data-testid="product-image">
            <img src={image.thumbUrl} width={96} height={96} alt={`${product.name} ${n + 1}`} />
            <div>{n === 0 ? <Typography.Text type="success">{t('setup.images.cover')}</Typography.Text> : n + 1}</div>
            <Space size={0}>
              <Tooltip title={t('setup.images.left')}>
                <Button size="small" type="text" disabled={n === 0} onClick={() => move(n, n - 1)}>
                  ‹
                </Button>
              </Tooltip>
              <Tooltip title={t('setup.images.right')}>
                <Button size="small" type="text" disabled={n === images.length - 1} onClick={() => move(n, n + 1)}>
                  ›
                </Button>
              </Tooltip>
              <Button size="small" type="link" danger onClick={() => remove.mutate(image.id)}>
                {t('setup.images.delete')}
              </Button>
            </Space>
          </div>
        ))}
      </Space>
      <div style={{ marginTop: 8 }}>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          multiple
          hidden
          onChange={(e) => pick(e.target.files)}
          data-testid="product-image-input"
        />
        <Button loading={upload.isPending} onClick={() => input.current?.click()}>
          {t('setup.images.upload')}
        </Button>{' '}
        <Typography.Text type="secondary">{t('setup.images.hint')}</Typography.Text>
      </div>
    </div>
  );
}
