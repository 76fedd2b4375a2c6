import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { MediaConfig } from './config.js';
import { S3Storage } from './s3.js';

/**
 * The one home of every uploaded file: put, get and delete by key, and the URL a browser loads it
 * from. Keys are content-hashed by their callers, so a key's bytes never change and every URL can
 * be cached for a year. Browsers always load through the server (`/media/<key>`): the pages'
 * content security policy then needs no other origin, and a CDN in front caches them all the same.
 */
export interface FileStorage {
  readonly kind: 'local' | 's3';
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** the stored bytes, or null when there is no such key */
  get(key: string): Promise<StoredFile | null>;
  /** removes the key; removing a missing key is not an error */
  delete(key: string): Promise<void>;
  url(key: string): string;
}

export interface StoredFile {
  body: Buffer;
  contentType: string;
}

export const MEDIA_PREFIX = '/media/';
/**
 * Keys under this prefix are private (suppliers' licences, …): the public media route refuses them,
 * and only a console route that checks its caller reads them (decision 038).
 */
export const PRIVATE_PREFIX = 'private/';
export const isPublicKey = (key: string) => !key.startsWith(PRIVATE_PREFIX);
/** The URL of a stored key, the same for every kind of storage (served by the media route). */
export const mediaUrl = (key: string) => `${MEDIA_PREFIX}${key}`;

/** Lowercase path segments of letters, digits, `-`, `_` and `.`, never `.` or `..`: safe as a file path and an object name. */
export function isValidKey(key: string): boolean {
  return (
    key.length <= 200 &&
    /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/.test(key) &&
    !key.split('/').some((s) => s === '.' || s === '..')
  );
}

function assertKey(key: string) {
  if (!isValidKey(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
}

const TYPES: Record<string, string> = {
  webp: 'image/webp',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
};
export const contentTypeOf = (key: string) => TYPES[key.split('.').pop() ?? ''] ?? 'application/octet-stream';

/** Files in a folder on this machine (the default): one file per key, written whole then renamed into place. */
export class LocalStorage implements FileStorage {
  readonly kind = 'local' as const;
  constructor(readonly dir: string) {}

  async put(key: string, body: Buffer) {
    assertKey(key);
    const path = join(this.dir, key);
    await mkdir(dirname(path), { recursive: true });
    // a reader never sees half a file: write aside, then rename (atomic on one file system)
    const temp = `${path}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temp, body);
    await rename(temp, path);
  }

  async get(key: string): Promise<StoredFile | null> {
    if (!isValidKey(key)) return null;
    try {
      return { body: await readFile(join(this.dir, key)), contentType: contentTypeOf(key) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async delete(key: string) {
    assertKey(key);
    await rm(join(this.dir, key), { force: true });
  }

  url(key: string) {
    return mediaUrl(key);
  }
}

export function createStorage(config: MediaConfig): FileStorage {
  return config.s3 ? new S3Storage(config.s3) : new LocalStorage(config.dir);
}
