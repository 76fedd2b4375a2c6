import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCampaigns } from '../components/CampaignPicker';
import { PrintFrame } from '../components/PrintFrame';
import { QueryState } from '../components/State';
import { dateTime } from '../format';
import { useAllPurchaseOrders } from './PurchaseOrders';

/** Purchase orders on paper: one section per supplier, a signature line for the delivery. */
export default function PrintPurchaseOrders() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const campaignId = params.get('campaignId');
  const pos = useAllPurchaseOrders(campaignId);
  const campaign = useCampaigns().data?.find((c) => c.id === campaignId);
  const title = `${t('ops.print.poTitle')} · ${campaign?.title ?? ''}`;
  return (
    <PrintFrame ready={pos.isSuccess && !!campaign} title={title}>
      <h1 style={{ fontSize: 20 }}>{title}</h1>
      <p>
        {t('ops.print.pickupDate', { date: campaign?.pickupDate ?? '—' })} ·{' '}
        {t('ops.print.printedAt', { at: dateTime(new Date().toISOString()) })}
      </p>
      <QueryState query={pos} isEmpty={(d) => d.length === 0}>
        {(data) =>
          data.map((po, i) => (
            <section key={po.id} className={`print-section${i > 0 ? ' print-page-break' : ''}`} data-testid="print-po">
              <h2>{po.supplierName}</h2>
              <table>
                <thead>
                  <tr>
                    <th>{t('ops.po.product')}</th>
                    <th>{t('ops.po.unit')}</th>
                    <th className="num">{t('ops.po.packSize')}</th>
                    <th className="num">{t('ops.po.demand')}</th>
                    <th className="num">{t('ops.po.fromStock')}</th>
                    <th className="num">{t('ops.po.quantity')}</th>
                    <th className="num">{t('ops.po.accepted')}</th>
                    <th className="num">{t('ops.po.rejected')}</th>
                  </tr>
                </thead>
                <tbody>
                  {po.lines.map((l) => (
                    <tr key={l.productId}>
                      <td>{l.productName}</td>
                      <td>{l.unit}</td>
                      <td className="num">{l.packSize}</td>
                      <td className="num">{l.demandQuantity}</td>
                      <td className="num">{l.fromStockQuantity}</td>
                      <td className="num">
                        <strong>{l.quantity}</strong>
                      </td>
                      <td className="num">{l.acceptedQuantity ?? ''}</td>
                      <td className="num">{l.rejectedQuantity ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p>
                {t('ops.print.signSupplier')}＿＿＿＿＿＿　{t('ops.print.signWarehouse')}＿＿＿＿＿＿
              </p>
            </section>
          ))
        }
      </QueryState>
    </PrintFrame>
  );
}
