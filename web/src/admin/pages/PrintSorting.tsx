import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCampaigns } from '../components/CampaignPicker';
import { PrintFrame } from '../components/PrintFrame';
import { QueryState } from '../components/State';
import { dateTime } from '../format';
import { useSortingLists } from './Sorting';

/** Sorting lists on paper: one page per pickup point (it travels with the crates), leader signs on arrival. */
export default function PrintSorting() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const campaignId = params.get('campaignId');
  const lists = useSortingLists(campaignId);
  const campaign = useCampaigns().data?.find((c) => c.id === campaignId);
  const title = `${t('ops.print.sortingTitle')} · ${campaign?.title ?? ''}`;
  return (
    <PrintFrame ready={lists.isSuccess && !!campaign} title={title}>
      <QueryState query={lists} isEmpty={(d) => d.length === 0}>
        {(data) =>
          data.map((sl, i) => (
            <section
              key={sl.id}
              className={`print-section${i > 0 ? ' print-page-break' : ''}`}
              data-testid="print-sorting"
            >
              <h1 style={{ fontSize: 20 }}>{title}</h1>
              <p>
                {t('ops.print.pickupDate', { date: campaign?.pickupDate ?? '—' })} · {sl.warehouseName} · {sl.routeName}{' '}
                · {t('ops.print.printedAt', { at: dateTime(new Date().toISOString()) })}
              </p>
              <h2>{sl.pickupPointName}</h2>
              <table>
                <thead>
                  <tr>
                    <th>{t('ops.sorting.zone')}</th>
                    <th>{t('ops.po.product')}</th>
                    <th>{t('ops.po.unit')}</th>
                    <th className="num">{t('ops.sorting.toSort')}</th>
                    <th className="num">{t('ops.print.checked')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sl.lines.map((l) => (
                    <tr key={l.productId}>
                      <td>{t(`ops.zone.${l.temperatureZone}`, { defaultValue: l.temperatureZone })}</td>
                      <td>{l.productName}</td>
                      <td>{l.unit}</td>
                      <td className="num">
                        <strong>{l.quantity}</strong>
                      </td>
                      <td className="num">□</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p>
                {t('ops.print.signSorter')}＿＿＿＿＿＿　{t('ops.print.signLeader')}＿＿＿＿＿＿
              </p>
            </section>
          ))
        }
      </QueryState>
    </PrintFrame>
  );
}
