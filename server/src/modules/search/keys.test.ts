import { describe, expect, it } from 'vitest';
import { nameKeys, pinyinQuery } from './keys.js';

describe('search keys', () => {
  it('gives a name its toneless pinyin and initials, keeping Latin and digits', () => {
    expect(nameKeys('有机西红柿 500g')).toEqual({ namePinyin: 'youjixihongshi500g', nameInitials: 'yjxhs500g' });
    expect(nameKeys('绿豆')).toEqual({ namePinyin: 'lvdou', nameInitials: 'ld' });
    expect(nameKeys('Fuji 苹果')).toEqual({ namePinyin: 'fujipingguo', nameInitials: 'fujipg' });
  });

  it('reads a query as pinyin only when it is Latin with a letter', () => {
    expect(pinyinQuery("xi'hong shi")).toBe('xihongshi');
    expect(pinyinQuery('XHS')).toBe('xhs');
    expect(pinyinQuery('西红柿')).toBeNull();
    expect(pinyinQuery('500')).toBeNull();
    expect(pinyinQuery('xi红')).toBeNull();
  });
});
