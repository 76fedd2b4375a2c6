import { ApiError } from '../shared/api';
import { currentLang } from '../shared/i18n';
import { api } from './api';

/**
 * Downloads an .xlsx export. A plain link cannot carry the bearer token, so the file is fetched
 * with it and handed to the browser as a blob; errors come back as ApiError like every call.
 */
export async function downloadExport(path: string, params: Record<string, string>): Promise<void> {
  const query = new URLSearchParams({ ...params, lang: currentLang() }).toString();
  const res = await fetch(`/api/v1${path}?${query}`, {
    headers: api.session ? { authorization: `Bearer ${api.session.token}` } : {},
  });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    if (res.status === 401) api.setSession(null);
    throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? res.statusText);
  }
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : 'export.xlsx';
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
