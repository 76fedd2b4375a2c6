/**
 * The brand colours for code that cannot read CSS variables: antd's theme (the console) derives
 * hover and active shades from real colour values. The same values as shared/base.css.
 */
export const palette = {
  brand: '#c2410c',
  fresh: '#2f7d32',
  warning: '#b45309',
  danger: '#c62828',
  bg: '#fbf6ef',
  surface: '#fffdf9',
  text: '#2b2118',
  border: '#eadfd2',
  highContrastBrand: '#8a2c00',
} as const;
