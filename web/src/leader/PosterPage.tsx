import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, List, NavBar, TextArea, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { yuan } from '../shared/money';
import { api, type ActiveCampaign, type Deal } from './api';
import { dateTime } from './format';
import { useLeaderProfile } from './MePage';
import { canvasToBlob, drawPoster, jielongText, POSTER_MAX_DEALS, shopLink, type PosterDeal } from './poster';
import { QueryView } from './ui';

interface Chosen {
  campaign: ActiveCampaign;
  deal: Deal;
}

/**
 * 今日海报: tick several open deals, get one poster image (long-press to save or forward) and the
 * 接龙 text to paste into the neighbourhood's WeChat group.
 */
export function PosterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const profile = useLeaderProfile();
  // the deals of my point's city: a poster must lead to deals my customers can order here
  const pointId = profile.data?.pickupPoint.id;
  const campaigns = useQuery({
    queryKey: ['campaigns', 'active', pointId],
    queryFn: () => api.get<ActiveCampaign[]>(`/campaigns/active?pickupPointId=${encodeURIComponent(pointId!)}`),
    enabled: !!pointId,
  });
  const [picked, setPicked] = useState<string[]>([]);
  const [made, setMade] = useState<Chosen[] | null>(null);
  const all = useMemo(
    () => (campaigns.data ?? []).flatMap((campaign) => campaign.items.map((deal) => ({ campaign, deal }))),
    [campaigns.data],
  );
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  return (
    <>
      <NavBar onBack={() => (made ? setMade(null) : navigate('/home'))} back={t('common.back')}>
        {t('home.poster')}
      </NavBar>
      {made ? (
        <QueryView query={profile}>
          {(p) => <Poster chosen={made} pointId={p.pickupPoint.id} pointName={p.pickupPoint.name} />}
        </QueryView>
      ) : (
        <QueryView query={campaigns} isEmpty={(c) => c.every((x) => x.items.length === 0)} empty={t('poster.noDeals')}>
          {(list) => (
            <>
              <p className="ll-hint ll-pad-x">{t('poster.pickDeals', { max: POSTER_MAX_DEALS })}</p>
              {list
                .filter((c) => c.items.length > 0)
                .map((c) => (
                  <List key={c.id} header={`${c.title} · ${t('poster.cutoff', { time: dateTime(c.cutoffAt) })}`}>
                    {c.items.map((d) => (
                      <List.Item
                        key={d.id}
                        data-testid="poster-deal"
                        data-picked={picked.includes(d.id) ? 'true' : 'false'}
                        onClick={() => toggle(d.id)}
                        prefix={<Checkbox checked={picked.includes(d.id)} aria-label={d.name} />}
                        extra={<span className="ll-price">{yuan(d.priceFen)}</span>}
                        description={d.listPriceFen > d.priceFen ? <s>{yuan(d.listPriceFen)}</s> : undefined}
                      >
                        {d.name}
                      </List.Item>
                    ))}
                  </List>
                ))}
              <div className="ll-list">
                <Button
                  block
                  color="primary"
                  data-testid="poster-make"
                  disabled={picked.length === 0}
                  onClick={() => setMade(picked.map((id) => all.find((x) => x.deal.id === id)!).filter(Boolean))}
                >
                  {t('poster.make', { count: picked.length })}
                </Button>
              </div>
            </>
          )}
        </QueryView>
      )}
    </>
  );
}

function Poster({ chosen, pointId, pointName }: { chosen: Chosen[]; pointId: string; pointName: string }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [image, setImage] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const deals: PosterDeal[] = chosen.map(({ deal }) => ({
    name: deal.name,
    unit: deal.unit,
    priceFen: deal.priceFen,
    listPriceFen: deal.listPriceFen,
  }));
  // one deal: straight to it; several: the shop at my point, where they all are
  const url = shopLink(location.origin, pointId, chosen.length === 1 ? chosen[0].deal.id : undefined);
  const firstCutoff = chosen.map((c) => c.campaign.cutoffAt).sort()[0];
  const cutoff = t('poster.cutoffFirst', { time: dateTime(firstCutoff) });
  const text = jielongText(deals, {
    head: t('poster.jl.head', { brand: t('poster.brand') }),
    point: t('poster.jl.point', { name: pointName }),
    cutoff,
    line: (n, d) =>
      t('poster.jl.line', { n, name: d.name, price: yuan(d.priceFen), unit: d.unit }) +
      (d.listPriceFen > d.priceFen ? t('poster.jl.listPrice', { price: yuan(d.listPriceFen) }) : ''),
    order: t('poster.jl.order', { url }),
    format: t('poster.jl.format'),
    example: t('poster.jl.example', { name: deals[0].name }),
  });
  const key = JSON.stringify([deals, url, cutoff, pointName]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for everything drawn (deals, url, cutoff, point)
  useEffect(() => {
    if (!canvas.current) return;
    const c = canvas.current;
    setImage(null);
    drawPoster(c, {
      deals,
      url,
      text: {
        brand: t('poster.brand'),
        cutoff,
        pickupAt: t('poster.pickupAt', { name: pointName }),
        scanToBuy: t('poster.scanToBuy'),
        listPrice: t('poster.listPrice'),
        more: t('poster.more', { count: deals.length - POSTER_MAX_DEALS }),
      },
    }).then(
      // an <img> rather than the canvas: WeChat's and the phone's long-press menu (save, send) only works on images
      () => setImage(c.toDataURL('image/png')),
      () => setFailed(true),
    );
  }, [key, t]);

  const fileName = `linli-${new Date().toISOString().slice(0, 10)}.png`;
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
    try {
      if (navigator.canShare?.({ files: [file] })) await navigator.share({ files: [file], text });
      else await navigator.share({ title: t('poster.brand'), text, url });
    } catch {
      // The leader closed the share sheet: nothing to report.
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      Toast.show({ icon: 'success', content: t('poster.copied') });
    } catch {
      // No clipboard permission (e.g. an in-app browser): the text stays selectable in the box.
      Toast.show({ content: t('poster.copyFailed') });
    }
  };
  return (
    <div className="ll-list">
      {!image && !failed && <p className="ll-state">{t('poster.drawing')}</p>}
      {failed && (
        <p className="ll-error" role="alert">
          {t('errors.UNKNOWN')}
        </p>
      )}
      <canvas ref={canvas} hidden data-testid="poster-canvas" />
      {image && (
        <>
          <img
            src={image}
            className="ll-poster"
            data-testid="poster-image"
            alt={deals.map((d) => `${d.name} ${yuan(d.priceFen)}`).join('，')}
          />
          <p className="ll-hint">{t('poster.imageHint')}</p>
        </>
      )}
      <div className="ll-actions">
        <Button block color="primary" data-testid="poster-save" disabled={!image} onClick={() => void save()}>
          {t('poster.save')}
        </Button>
        {'share' in navigator && (
          <Button block data-testid="poster-share" disabled={!image} onClick={() => void share()}>
            {t('poster.share')}
          </Button>
        )}
      </div>
      <section className="ll-card ll-jielong" aria-labelledby="jielong-title">
        <h2 id="jielong-title">{t('poster.jielong')}</h2>
        <TextArea data-testid="jielong-text" value={text} readOnly autoSize={{ minRows: 6, maxRows: 16 }} />
        <Button block color="success" data-testid="jielong-copy" onClick={() => void copy()}>
          {t('poster.copy')}
        </Button>
      </section>
    </div>
  );
}
