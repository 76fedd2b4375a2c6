/** Money is integer fen everywhere; only the display turns it into ¥ with two decimals. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses what an operator types ("12.5", "¥3") into fen; null when it is not an amount. */
export function parseYuan(text: string): number | null {
  const m = /^\s*¥?\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
