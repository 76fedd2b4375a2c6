import { pinyin } from 'pinyin-pro';

/** What search matches a product name by besides its characters: toneless pinyin and its initials. */
export interface NameKeys {
  namePinyin: string;
  nameInitials: string;
}

/** Lower case, letters and digits only: the form both a name's keys and a typed query are compared in. */
export const latinKey = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * 有机西红柿 500g → youjixihongshi500g, yjxhs500g. Characters other than Chinese are kept as they
 * are (lower case), so a brand or a weight in the name is matched however it is typed.
 */
export function nameKeys(name: string): NameKeys {
  const options = { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true } as const;
  return {
    namePinyin: latinKey(pinyin(name, options).join('')),
    nameInitials: latinKey(pinyin(name, { ...options, pattern: 'first' }).join('')),
  };
}

/** A query typed in pinyin or initials: Latin letters (and digits), spaces and apostrophes only, with a letter. */
export const pinyinQuery = (q: string): string | null =>
  /^[a-zA-Z0-9\s']+$/.test(q) && /[a-zA-Z]/.test(q) ? latinKey(q) : null;
