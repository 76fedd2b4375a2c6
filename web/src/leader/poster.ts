import { yuan } from '../shared/money';

/**
 * The share poster (一键开团): a 750×1200 picture a leader posts in the neighbourhood group —
 * deal name, price, the list price struck through, cutoff, the pickup point and a QR code to
 * the shop with the point and the deal preselected. Drawn on a canvas so it can be saved as PNG.
 */
export const POSTER_W = 750;
export const POSTER_H = 1200;

export interface PosterInput {
  dealName: string;
  unit: string;
  priceFen: number;
  listPriceFen: number;
  url: string;
  text: { cutoff: string; pickupAt: string; scanToBuy: string; listPrice: string; brand: string };
}

export function shopLink(origin: string, pickupPointId: string, campaignItemId: string): string {
  return `${origin}/shop/?point=${encodeURIComponent(pickupPointId)}&item=${encodeURIComponent(campaignItemId)}`;
}

const FONT = '-apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

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

export async function drawPoster(canvas: HTMLCanvasElement, input: PosterInput): Promise<void> {
  // The QR library is only needed here: load it when a poster is drawn, not with the app.
  const QRCode = await import('qrcode');
  const qr = await QRCode.toCanvas(input.url, { width: 280, margin: 1, errorCorrectionLevel: 'M' });

  canvas.width = POSTER_W;
  canvas.height = POSTER_H;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas unavailable');

  const bg = ctx.createLinearGradient(0, 0, 0, POSTER_H);
  bg.addColorStop(0, '#ff6a3d');
  bg.addColorStop(1, '#ff9a3d');
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, POSTER_W, POSTER_H);

  ctx.fillStyle = '#fff';
  ctx.textBaseline = 'top';
  ctx.font = `bold 44px ${FONT}`;
  ctx.fillText(input.text.brand, 48, 48);

  // The white card with the deal.
  ctx.fillStyle = '#fff';
  roundRect(ctx, 40, 130, POSTER_W - 80, POSTER_H - 170, 28);
  ctx.fill();

  ctx.fillStyle = '#222';
  ctx.font = `bold 56px ${FONT}`;
  let y = 180;
  for (const line of wrap(ctx, input.dealName, POSTER_W - 160, 2)) {
    ctx.fillText(line, 80, y);
    y += 72;
  }

  y += 20;
  ctx.fillStyle = '#e4393c';
  ctx.font = `bold 96px ${FONT}`;
  const price = yuan(input.priceFen);
  ctx.fillText(price, 80, y);
  const priceWidth = ctx.measureText(price).width;
  ctx.font = `36px ${FONT}`;
  ctx.fillStyle = '#e4393c';
  ctx.fillText(`/${input.unit}`, 80 + priceWidth + 8, y + 48);

  if (input.listPriceFen > input.priceFen) {
    y += 120;
    ctx.fillStyle = '#999';
    ctx.font = `36px ${FONT}`;
    const list = `${input.text.listPrice} ${yuan(input.listPriceFen)}`;
    ctx.fillText(list, 80, y);
    const w = ctx.measureText(list).width;
    ctx.strokeStyle = '#999';
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(76, y + 20);
    ctx.lineTo(84 + w, y + 20);
    ctx.stroke();
  }

  y += 80;
  ctx.fillStyle = '#444';
  ctx.font = `34px ${FONT}`;
  ctx.fillText(input.text.cutoff, 80, y);
  y += 54;
  for (const line of wrap(ctx, input.text.pickupAt, POSTER_W - 160, 2)) {
    ctx.fillText(line, 80, y);
    y += 48;
  }

  const qrY = POSTER_H - 120 - 280 - 60;
  ctx.drawImage(qr, (POSTER_W - 280) / 2, qrY, 280, 280);
  ctx.fillStyle = '#666';
  ctx.font = `32px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.fillText(input.text.scanToBuy, POSTER_W / 2, qrY + 300);
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
