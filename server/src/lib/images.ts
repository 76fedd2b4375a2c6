import { createHash } from 'node:crypto';
import sharp, { type Sharp } from 'sharp';
import { AppError } from './errors.js';

/** The picture formats accepted on upload, told by their first bytes (never the file name or Content-Type). */
export type ImageFormat = 'jpeg' | 'png' | 'webp';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** the product page's picture and the deal card's, both this wide (never enlarged) */
export const DISPLAY_WIDTH = 800;
export const THUMB_WIDTH = 240;
/** a larger picture is refused before decoding: 40 megapixels is far beyond any phone photo's need */
const MAX_PIXELS = 40_000_000;

export function sniffImage(bytes: Buffer): ImageFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'webp';
  return null;
}

export interface Rendition {
  bytes: Buffer;
  width: number;
  height: number;
  /** content hash of the bytes: the stored file's name */
  hash: string;
}

export interface ProcessedImage {
  format: ImageFormat;
  display: Rendition;
  thumb: Rendition;
}

const unsupported = () =>
  new AppError('UNSUPPORTED_IMAGE', 400, 'Only JPEG, PNG and WebP pictures can be uploaded', {
    accepted: ['image/jpeg', 'image/png', 'image/webp'],
  });

/**
 * Checks an upload and makes its two WebP renditions. Decoding and re-encoding drops every piece of
 * metadata (EXIF with its GPS position, XMP, ICC, comments): sharp keeps none unless asked. The
 * EXIF orientation is applied first, so a phone photo stands the right way up without it.
 */
export async function processImage(bytes: Buffer): Promise<ProcessedImage> {
  if (bytes.length > MAX_IMAGE_BYTES)
    throw new AppError('IMAGE_TOO_LARGE', 413, 'A picture may be at most 5 MB', { maxBytes: MAX_IMAGE_BYTES });
  const format = sniffImage(bytes);
  if (!format) throw unsupported();
  const source = () => sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
  try {
    const meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
    // the bytes must decode as what they claim to be (a PNG signature on a JPEG body is refused)
    if (meta.format !== format) throw unsupported();
    const [display, thumb] = await Promise.all([
      rendition(source(), DISPLAY_WIDTH, 80),
      rendition(source(), THUMB_WIDTH, 75),
    ]);
    return { format, display, thumb };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('UNREADABLE_IMAGE', 400, 'The picture could not be read; it may be damaged or too large', {
      reason: e instanceof Error ? e.message : String(e),
    });
  }
}

async function rendition(image: Sharp, width: number, quality: number): Promise<Rendition> {
  const { data, info } = await image
    .resize({ width, withoutEnlargement: true })
    .webp({ quality, effort: 2 })
    .toBuffer({ resolveWithObject: true });
  return {
    bytes: data,
    width: info.width,
    height: info.height,
    hash: createHash('sha256').update(data).digest('hex').slice(0, 32),
  };
}
