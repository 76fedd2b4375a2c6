import { yuan } from '../shared/money';

export const POSTER_W = 750;
/** Deals drawn on one poster; the rest are named in a line and reachable through the QR code. */
export const POSTER_MAX_DEALS = 6;

export interface PosterDeal {
  name: string;
  unit: string;
  priceFen: number;
  listPriceFen: number;
}

export interface PosterInput {
  deals: PosterDeal[];
  url: string;
  text: { brand: string; cutoff: string; pickupAt: string; scanToBuy: string; listPrice: string; more: string };
}

export function shopLink(origin: string, pickupPointId: string, campaignItemId?: string): string {
  const item = campaignItemId ? `&item=${encodeURIComponent(campaignItemId)}` : '';
  return `${origin}/shop/?point=${encodeURIComponent(pickupPointId)}${item}`;
}

export interface JielongText {
  head: string;
  point: string;
  cutoff: string;
  line: (n: number, deal: PosterDeal) => string;
  order: string;
  format: string;
  example: string;
}

/**
 * The 接龙 text a leader pastes into the WeChat group: a numbered list of the deals, where to
 * collect, when ordering closes, the link, and the reply format neighbours copy and extend.
 */
export function jielongText(deals: PosterDeal[], text: JielongText): string {
  return [
    text.head,
    text.point,
    text.cutoff,
    '',
    ...deals.map((d, i) => text.line(i + 1, d)),
    '',
    text.order,
    text.format,
    text.example,
  ].join('\n');
}

const FONT = '-apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
const ROW = 132;

/** Splits text into lines that fit maxWidth (character by character: Chinese has no spaces). */
function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (ctx.measureText(line + ch).width > maxWidth && line) {
      lines.push(line);
      line = ch;
      if (lines.length === maxLines) break;
    } else {
      line += ch;
    }
  }
  if (lines.length < maxLines && line) lines.push(line);
  else if (lines.length === maxLines && line) lines[maxLines - 1] = lines[maxLines - 1].slice(0, -1) + '…';
  return lines;
}

/** The poster's height for a number of deals: a row each, with the header and the QR code around them. */
export function posterHeight(dealCount: number): number {
  return 300 + Math.min(dealCount, POSTER_MAX_DEALS) * ROW + (dealCount > POSTER_MAX_DEALS ? 56 : 0) + 470;
}

/**
 * The daily poster (今日团购): the deals with price and list price, cutoff, pickup point and a QR
 * code to the shop at the point. Drawn on a canvas so it becomes one PNG the leader can
 * long-press, save or forward.
 */
export async function drawPoster(canvas: HTMLCanvasElement, input: PosterInput): Promise<void> {
  // The QR library is only needed here: load it when a poster is drawn, not with the app.
  const QRCode = await import('qrcode');
  const qr = await QRCode.toCanvas(input.url, { width: 280, margin: 1, errorCorrectionLevel: 'M' });
  const shown = input.deals.slice(0, POSTER_MAX_DEALS);
  const height = posterHeight(input.deals.length);

  canvas.width = POSTER_W;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas unavailable');

  // warm orange to fresh green: the brand's grocery colours
  const bg = ctx.createLinearGradient(0, 0, 0, height);
  bg.addColorStop(0, '#e8590c');
  bg.addColorStop(1, '#f59f00');
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, POSTER_W, height);

  ctx.fillStyle = '#fff';
  ctx.textBaseline = 'top';
  ctx.font = `bold 48px ${FONT}`;
  ctx.fillText(input.text.brand, 48, 44);
  ctx.font = `32px ${FONT}`;
  ctx.fillText(input.text.cutoff, 48, 108);

  ctx.fillStyle = '#fffaf3';
  roundRect(ctx, 32, 170, POSTER_W - 64, height - 202, 28);
  ctx.fill();

  let y = 200;
  for (const [i, deal] of shown.entries()) {
    if (i > 0) {
      ctx.strokeStyle = '#f1e4d3';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(64, y - 14);
      ctx.lineTo(POSTER_W - 64, y - 14);
      ctx.stroke();
    }
    ctx.fillStyle = '#2b2118';
    ctx.font = `bold 40px ${FONT}`;
    ctx.fillText(wrap(ctx, `${i + 1}. ${deal.name}`, POSTER_W - 360, 1)[0] ?? '', 64, y);
    ctx.textAlign = 'right';
    ctx.fillStyle = '#c2410c';
    ctx.font = `bold 52px ${FONT}`;
    ctx.fillText(yuan(deal.priceFen), POSTER_W - 64, y - 4);
    ctx.fillStyle = '#6f6357';
    ctx.font = `28px ${FONT}`;
    ctx.fillText(`/${deal.unit}`, POSTER_W - 64, y + 58);
    ctx.textAlign = 'left';
    if (deal.listPriceFen > deal.priceFen) {
      const list = `${input.text.listPrice} ${yuan(deal.listPriceFen)}`;
      ctx.fillStyle = '#6f6357';
      ctx.font = `28px ${FONT}`;
      ctx.fillText(list, 64, y + 58);
      const w = ctx.measureText(list).width;
      ctx.strokeStyle = '#6f6357';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(62, y + 74);
      ctx.lineTo(66 + w, y + 74);
      ctx.stroke();
    }
    y += ROW;
  }
  if (input.deals.length > POSTER_MAX_DEALS) {
    ctx.fillStyle = '#2f7d32';
    ctx.font = `bold 32px ${FONT}`;
    ctx.fillText(input.text.more, 64, y);
    y += 56;
  }

  ctx.fillStyle = '#2b2118';
  ctx.font = `32px ${FONT}`;
  for (const line of wrap(ctx, input.text.pickupAt, POSTER_W - 128, 2)) {
    ctx.fillText(line, 64, y + 8);
    y += 46;
  }

  const qrY = height - 80 - 280 - 40;
  ctx.drawImage(qr, (POSTER_W - 280) / 2, qrY, 280, 280);
  ctx.fillStyle = '#4a3f35';
  ctx.font = `32px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.fillText(input.text.scanToBuy, POSTER_W / 2, qrY + 296);
  ctx.textAlign = 'left';
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

export function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'),
  );
}
