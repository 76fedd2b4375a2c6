import type { SheetLang } from '../exports/workbooks.js';
import { SEGMENT_NAMES, type Segment } from './rules.js';
import type { MemberView } from './service.js';

const excel = async () => (await import('exceljs')).default;

const WORDS = {
  'zh-CN': {
    overview: '客户分群',
    movement: '分群迁移',
    members: '分群客户',
    segment: '分群',
    customers: '客户数',
    monetary: '近365天实付(元)',
    dormant: '沉睡(≥30天)',
    from: '上周分群',
    to: '本周分群',
    none: '上周无记录',
    customer: '客户编号',
    region: '区域',
    point: '自提点',
    r: 'R',
    f: 'F',
    m: 'M',
    days: '距上次下单(天)',
    lastPaid: '最近下单日',
    frequency: '近365天订单数',
    category: '偏好品类',
    price: '价格敏感度',
    member: '付费会员',
    yes: '是',
    asOf: '数据日期',
  },
  en: {
    overview: 'Segments',
    movement: 'Movement',
    members: 'Members',
    segment: 'Segment',
    customers: 'Customers',
    monetary: 'Paid, last 365 days (yuan)',
    dormant: 'Dormant (≥30 days)',
    from: 'Last week',
    to: 'This week',
    none: 'not in last week',
    customer: 'Customer id',
    region: 'Region',
    point: 'Pickup point',
    r: 'R',
    f: 'F',
    m: 'M',
    days: 'Days since last order',
    lastPaid: 'Last order',
    frequency: 'Orders, last 365 days',
    category: 'Top category',
    price: 'Price sensitivity',
    member: 'Paid member',
    yes: 'yes',
    asOf: 'As of',
  },
} as const;

const name = (s: Segment | null, lang: SheetLang, none: string) =>
  s === null ? none : lang === 'en' ? SEGMENT_NAMES[s].en : SEGMENT_NAMES[s].zh;

function table(
  book: import('exceljs').Workbook,
  sheetName: string,
  title: string,
  header: string[],
  body: (string | number | null)[][],
) {
  const ws = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow(header).font = { bold: true };
  header.forEach((h, i) => {
    ws.getColumn(i + 1).width = Math.max(10, h.length * 2);
  });
  for (const r of body) ws.addRow(r.map((v) => v ?? ''));
}

/** The console's segment overview: counts per segment and the movement matrix since last week. */
export async function overviewWorkbook(
  o: {
    asOf: string | null;
    segments: { segment: Segment; customers: number; monetaryFen: number; dormant: number }[];
    movement: { from: Segment | null; to: Segment; customers: number }[];
  },
  lang: SheetLang,
) {
  const w = WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const title = `${w.overview} ${w.asOf} ${o.asOf ?? ''}`;
  table(
    book,
    w.overview,
    title,
    [w.segment, w.customers, w.monetary, w.dormant],
    o.segments.map((s) => [name(s.segment, lang, w.none), s.customers, s.monetaryFen / 100, s.dormant]),
  );
  table(
    book,
    w.movement,
    title,
    [w.from, w.to, w.customers],
    o.movement.map((m) => [name(m.from, lang, w.none), name(m.to, lang, w.none), m.customers]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A saved segment's customers: ids and figures, no personal data. */
export async function membersWorkbook(segmentName: string, items: MemberView[], lang: SheetLang) {
  const w = WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  table(
    book,
    w.members,
    `${w.members}: ${segmentName}`,
    [
      w.customer,
      w.region,
      w.point,
      w.segment,
      w.r,
      w.f,
      w.m,
      w.days,
      w.lastPaid,
      w.frequency,
      w.monetary,
      w.category,
      w.price,
      w.member,
      w.dormant,
    ],
    items.map((m) => [
      m.userId,
      m.regionName,
      m.pickupPointName,
      name(m.segment, lang, w.none),
      m.rScore,
      m.fScore,
      m.mScore,
      m.daysSinceLastOrder,
      m.lastPaidOn,
      m.frequency,
      m.monetaryFen / 100,
      m.topCategory,
      m.priceSensitivity,
      m.member ? w.yes : '',
      m.dormant ? w.yes : '',
    ]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
