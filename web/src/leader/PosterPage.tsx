import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, List, NavBar, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { yuan } from '../shared/money';
import { api, type ActiveCampaign, type Deal } from './api';
import { dateTime } from './format';
import { useLeaderProfile } from './MePage';
import { canvasToBlob, drawPoster, shopLink } from './poster';
import { QueryView } from './ui';

/** 一键开团: pick an open deal, get a poster with a QR code to it at my point, save or share it. */
export function PosterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const profile = useLeaderProfile();
  // the deals of my point's city: a poster must lead to a deal my customers can order here
  const pointId = profile.data?.pickupPoint.id;
  const campaigns = useQuery({
    queryKey: ['campaigns', 'active', pointId],
    queryFn: () => api.get<ActiveCampaign[]>(`/campaigns/active?pickupPointId=${encodeURIComponent(pointId!)}`),
    enabled: !!pointId,
  });
  const [chosen, setChosen] = useState<{ campaign: ActiveCampaign; deal: Deal } | null>(null);
  return (
    <>
      <NavBar onBack={() => (chosen ? setChosen(null) : navigate('/me'))} back={t('common.back')}>
        {t('poster.title')}
      </NavBar>
      {chosen ? (
        <QueryView query={profile}>
          {(p) => (
            <Poster
              campaign={chosen.campaign}
              deal={chosen.deal}
              pointId={p.pickupPoint.id}
              pointName={p.pickupPoint.name}
            />
          )}
        </QueryView>
      ) : (
        <QueryView query={campaigns} isEmpty={(c) => c.every((x) => x.items.length === 0)} empty={t('poster.noDeals')}>
          {(list) => (
            <>
              <p className="ll-hint ll-pad-x">{t('poster.pickDeal')}</p>
              {list
                .filter((c) => c.items.length > 0)
                .map((c) => (
                  <List key={c.id} header={`${c.title} · ${t('poster.cutoff', { time: dateTime(c.cutoffAt) })}`}>
                    {c.items.map((d) => (
                      <List.Item
                        key={d.id}
                        data-testid="poster-deal"
                        onClick={() => setChosen({ campaign: c, deal: d })}
                        extra={<span className="ll-price">{yuan(d.priceFen)}</span>}
                        description={d.listPriceFen > d.priceFen ? <s>{yuan(d.listPriceFen)}</s> : undefined}
                      >
                        {d.name}
                      </List.Item>
                    ))}
                  </List>
                ))}
            </>
          )}
        </QueryView>
      )}
    </>
  );
}

function Poster({
  campaign,
  deal,
  pointId,
  pointName,
}: {
  campaign: ActiveCampaign;
  deal: Deal;
  pointId: string;
  pointName: string;
}) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!canvas.current) return;
    setReady(false);
    drawPoster(canvas.current, {
      dealName: deal.name,
      unit: deal.unit,
      priceFen: deal.priceFen,
      listPriceFen: deal.listPriceFen,
      url: shopLink(location.origin, pointId, deal.id),
      text: {
        brand: t('poster.brand'),
        cutoff: t('poster.cutoff', { time: dateTime(campaign.cutoffAt) }),
        pickupAt: t('poster.pickupAt', { name: pointName }),
        scanToBuy: t('poster.scanToBuy'),
        listPrice: t('poster.listPrice'),
      },
    }).then(
      () => setReady(true),
      () => setFailed(true),
    );
  }, [campaign, deal, pointId, pointName, t]);

  const fileName = `linli-${deal.name}.png`;
  const save = async () => {
    const blob = await canvasToBlob(canvas.current!);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    Toast.show({ content: t('poster.saved') });
  };
  const share = async () => {
    const file = new File([await canvasToBlob(canvas.current!)], fileName, { type: 'image/png' });
    const text = t('poster.shareText', { name: deal.name, price: yuan(deal.priceFen) });
    const url = shopLink(location.origin, pointId, deal.id);
    try {
      if (navigator.canShare?.({ files: [file] })) await navigator.share({ files: [file], text });
      else await navigator.share({ title: deal.name, text, url });
    } catch {
      // The leader closed the share sheet: nothing to report.
    }
  };
  return (
    <div className="ll-list">
      {!ready && !failed && <p className="ll-state">{t('poster.drawing')}</p>}
      {failed && (
        <p className="ll-error" role="alert">
          {t('errors.UNKNOWN')}
        </p>
      )}
      <canvas
        ref={canvas}
        className="ll-poster"
        data-testid="poster-canvas"
        data-ready={ready ? 'true' : 'false'}
        role="img"
        aria-label={`${deal.name} ${yuan(deal.priceFen)}`}
      />
      <div className="ll-actions">
        <Button
          block
          color="primary"
          size="large"
          data-testid="poster-save"
          disabled={!ready}
          onClick={() => void save()}
        >
          {t('poster.save')}
        </Button>
        {'share' in navigator && (
          <Button block size="large" data-testid="poster-share" disabled={!ready} onClick={() => void share()}>
            {t('poster.share')}
          </Button>
        )}
      </div>
    </div>
  );
}
