import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './api';

// i18n.ts reads the language from localStorage and marks <html lang>; the unit tests run in node.
const store = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  },
  document: { documentElement: { lang: '' } },
});

let mod: typeof import('./i18n');
beforeAll(async () => {
  mod = await import('./i18n');
  mod.initI18n({ 'zh-CN': {}, en: {} });
});

describe('errorText', () => {
  it('puts known codes in words in both languages', async () => {
    mod.switchLang('zh-CN');
    expect(mod.errorText(new ApiError(500, 'INTERNAL', 'Something went wrong on our side'))).toBe(
      '服务器出错了，请稍后重试',
    );
    mod.switchLang('en');
    expect(mod.errorText(new ApiError(500, 'INTERNAL', 'x'))).toBe('Something went wrong on our side — please retry');
  });
  it('never shows the English message of an unknown code in Chinese, nor a proxy error in English', () => {
    mod.switchLang('zh-CN');
    expect(mod.errorText(new ApiError(409, 'SOMETHING_NEW', 'Some English sentence'))).toBe('出错了，请稍后重试');
    mod.switchLang('en');
    expect(mod.errorText(new ApiError(409, 'SOMETHING_NEW', 'Some English sentence'))).toBe('Some English sentence');
    expect(mod.errorText(new ApiError(502, 'HTTP_502', 'Bad Gateway'))).toBe('Something went wrong — please retry');
  });
});
