import { useEffect, useState } from 'react';
import type { Api } from './api';

/**
 * A private picture (a ticket's photo) as an object URL: an <img> cannot carry the bearer token,
 * so the bytes are fetched with it; the URL is released when the picture leaves the screen.
 */
export function usePrivateImage(api: Api, url: string | null): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!url) return;
    let objectUrl: string | null = null;
    let gone = false;
    void fetch(url, { headers: api.session ? { authorization: `Bearer ${api.session.token}` } : {} })
      .then((res) => (res.ok ? res.blob() : null))
      .then((blob) => {
        if (!blob || gone) return;
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      })
      .catch(() => undefined);
    return () => {
      gone = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [api, url]);
  return src;
}
