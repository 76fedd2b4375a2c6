import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { yuan } from '../../shared/money';

/** What a deal costs as the card and the deal page show it: today's (or the group tier's) price, the list price struck through, the member price. */
export function DealPrice({
  deal,
}: {
  deal: { priceFen: number; listPriceFen: number; memberPriceFen?: number; currentTier?: { priceFen: number } | null };
}) {
  const { t } = useTranslation();
  return (
    <div className="shop-price-line">
      <span className="shop-price" data-testid="deal-price">
        {yuan(deal.currentTier?.priceFen ?? deal.priceFen)}
      </span>
      {deal.listPriceFen > deal.priceFen && <s className="shop-muted">{yuan(deal.listPriceFen)}</s>}
      {deal.memberPriceFen !== undefined && (
        <Tag color="#8a5a00" fill="outline">
          {t('deals.memberPrice', { price: yuan(deal.memberPriceFen) })}
        </Tag>
      )}
    </div>
  );
}
