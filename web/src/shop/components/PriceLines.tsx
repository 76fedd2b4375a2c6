import { List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { yuan } from '../../shared/money';

export interface Priced {
  subtotalFen: number;
  memberDiscountFen: number;
  fullReductionFen: number;
  couponFen: number;
  pointsUsed: number;
  pointsFen: number;
  totalFen: number;
}

/**
 * Every discount line exactly as the server priced it. Nothing is added up here: the subtotal is
 * already at member price (the member saving is shown for information) and the total is the server's.
 */
export function PriceLines({ priced, totalLabel }: { priced: Priced; totalLabel?: string }) {
  const { t } = useTranslation();
  return (
    <List className="shop-price-lines" data-testid="price-lines">
      <List.Item extra={yuan(priced.subtotalFen)}>{t('price.subtotal')}</List.Item>
      {priced.memberDiscountFen > 0 && (
        <List.Item
          extra={<span data-testid="line-member">{yuan(priced.memberDiscountFen)}</span>}
          description={t('price.memberNote')}
        >
          {t('price.member')}
        </List.Item>
      )}
      {priced.fullReductionFen > 0 && (
        <List.Item
          extra={
            <span className="shop-discount" data-testid="line-full-reduction">
              −{yuan(priced.fullReductionFen)}
            </span>
          }
        >
          {t('price.fullReduction')}
        </List.Item>
      )}
      {priced.couponFen > 0 && (
        <List.Item
          extra={
            <span className="shop-discount" data-testid="line-coupon">
              −{yuan(priced.couponFen)}
            </span>
          }
        >
          {t('price.coupon')}
        </List.Item>
      )}
      {priced.pointsFen > 0 && (
        <List.Item
          extra={
            <span className="shop-discount" data-testid="line-points">
              −{yuan(priced.pointsFen)}
            </span>
          }
        >
          {t('price.points', { n: priced.pointsUsed })}
        </List.Item>
      )}
      <List.Item
        extra={
          <b className="shop-price" data-testid="line-total">
            {yuan(priced.totalFen)}
          </b>
        }
      >
        {totalLabel ?? t('price.total')}
      </List.Item>
    </List>
  );
}
