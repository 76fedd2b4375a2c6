import { useState } from 'react';
import { Button, Modal, Table, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../shared/api-shapes';
import { api } from '../api';

export type DemandForecast = Answer<'/admin/forecast/demand'>;
type ProductForecast = DemandForecast['products'][number];

/**
 * The demand forecast of a campaign's day for its deals' products: the day is the business day of
 * its cutoff in its region, or the day before pickup when no cutoff of its own is set (the
 * region's cutoff time applies then).
 */
export function useDemandForecast(
  regionId: string | undefined,
  target: { cutoffAt?: string | null; pickupDate?: string | null },
  productIds: string[],
) {
  const ids = [...new Set(productIds)].sort();
  const when = target.cutoffAt
    ? `cutoffAt=${encodeURIComponent(target.cutoffAt)}`
    : target.pickupDate
      ? `day=${dayBefore(target.pickupDate)}`
      : '';
  return useQuery({
    queryKey: ['forecast', regionId, when, ids],
    queryFn: () =>
      api.get<DemandForecast>(
        `/admin/forecast/demand?regionId=${regionId}&${when}${ids.map((id) => `&productId=${id}`).join('')}`,
      ),
    enabled: !!regionId && !!when && ids.length > 0,
    staleTime: 60_000,
  });
}

const dayBefore = (day: string) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** The deal's suggested quota (the forecast summed over the points), and its points on demand. */
export function SuggestedQuota({
  forecast,
  productId,
  name,
}: {
  forecast: DemandForecast | undefined;
  productId: string;
  name: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const p = forecast?.products.find((x) => x.productId === productId);
  if (!forecast || !p) return <Typography.Text type="secondary">—</Typography.Text>;
  if (p.basis === 'none') return <Typography.Text type="secondary">{t('forecast.noHistory')}</Typography.Text>;
  return (
    <>
      <Tooltip title={t('forecast.columnHint', { day: forecast.day })}>
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => setOpen(true)}
          data-testid="suggested-quota"
          data-product={productId}
        >
          {p.suggestedQuota}
        </Button>
      </Tooltip>
      {open && <PointsModal forecast={forecast} product={p} name={name} onClose={() => setOpen(false)} />}
    </>
  );
}

function PointsModal({
  forecast,
  product,
  name,
  onClose,
}: {
  forecast: DemandForecast;
  product: ProductForecast;
  name: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const points = useQuery({
    queryKey: ['forecast', forecast.regionId, forecast.day, product.productId, 'points'],
    queryFn: () =>
      api.get<DemandForecast>(
        `/admin/forecast/demand?regionId=${forecast.regionId}&day=${forecast.day}&productId=${product.productId}&points=true`,
      ),
  });
  const rows = (points.data?.products[0]?.points ?? []).filter((p) => p.units > 0);
  return (
    <Modal open title={t('forecast.pointsTitle', { name, day: forecast.day })} onCancel={onClose} footer={null}>
      <Typography.Paragraph type="secondary">
        {t('forecast.total', { units: product.units, quota: product.suggestedQuota })}
      </Typography.Paragraph>
      <Table
        rowKey="pickupPointId"
        size="small"
        loading={points.isPending}
        pagination={false}
        dataSource={rows}
        data-testid="forecast-points"
        scroll={{ y: 360 }}
        columns={[
          { title: t('forecast.point'), dataIndex: 'name' },
          { title: t('forecast.units'), dataIndex: 'units', align: 'right', render: (u: number) => u.toFixed(1) },
        ]}
      />
    </Modal>
  );
}
