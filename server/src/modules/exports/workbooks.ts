import type ExcelJS from 'exceljs';
import type { PurchaseOrderView, SortingListView } from '../fulfillment/service.js';

/** exceljs weighs ~19 MB once loaded: load it when the first sheet is asked for, not at start. */
const excel = async () => (await import('exceljs')).default;

/**
 * The warehouse's printable documents as .xlsx: one row per line, with the names people read
 * and the ids machines match, so a sheet can be filtered and summed in any spreadsheet program.
 */
export type SheetLang = 'zh-CN' | 'en';

const WORDS = {
  'zh-CN': {
    poSheet: '采购单',
    sortSheet: '分拣单',
    campaign: '团购活动',
    supplier: '供应商',
    product: '商品',
    unit: '单位',
    packSize: '规格(件/箱)',
    demand: '订单需求',
    fromStock: '库存抵扣',
    quantity: '采购数量',
    accepted: '实收',
    rejected: '拒收',
    status: '状态',
    warehouse: '仓库',
    route: '线路',
    point: '自提点',
    zone: '温层',
    ordered: '订购数量',
    toSort: '应分拣',
    received: '团长签收',
    poId: '采购单号',
    productId: '商品编号',
    pointId: '自提点编号',
    open: '待收货',
    receivedStatus: '已收货',
    pending: '待分拣',
    dispatched: '已发车',
    arrived: '已到货',
    ambient: '常温',
    chilled: '冷藏',
    frozen: '冷冻',
  },
  en: {
    poSheet: 'Purchase orders',
    sortSheet: 'Sorting lists',
    campaign: 'Campaign',
    supplier: 'Supplier',
    product: 'Product',
    unit: 'Unit',
    packSize: 'Pack size',
    demand: 'Ordered by customers',
    fromStock: 'From stock',
    quantity: 'To buy',
    accepted: 'Accepted',
    rejected: 'Rejected',
    status: 'Status',
    warehouse: 'Warehouse',
    route: 'Route',
    point: 'Pickup point',
    zone: 'Temperature',
    ordered: 'Ordered',
    toSort: 'To sort',
    received: 'Received by leader',
    poId: 'PO id',
    productId: 'Product id',
    pointId: 'Pickup point id',
    open: 'Awaiting delivery',
    receivedStatus: 'Received',
    pending: 'To sort',
    dispatched: 'Dispatched',
    arrived: 'Arrived',
    ambient: 'Ambient',
    chilled: 'Chilled',
    frozen: 'Frozen',
  },
} as const;

type Words = (typeof WORDS)[SheetLang];
const word = (w: Words, key: string) => (w as Record<string, string>)[key] ?? key;
const statusWord = (w: Words, status: string) => word(w, status === 'received' ? 'receivedStatus' : status);

function sheet(
  book: ExcelJS.Workbook,
  name: string,
  title: string,
  columns: { header: string; key: string; width: number }[],
) {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([title]).font = { bold: true, size: 13 };
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
    ws.getColumn(i + 1).key = c.key;
  });
  return ws;
}

export async function purchaseOrdersWorkbook(
  campaignTitle: string,
  pos: PurchaseOrderView[],
  lang: SheetLang,
): Promise<Buffer> {
  const w = WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const ws = sheet(book, w.poSheet, `${w.campaign}: ${campaignTitle}`, [
    { header: w.supplier, key: 'supplier', width: 22 },
    { header: w.product, key: 'product', width: 26 },
    { header: w.unit, key: 'unit', width: 8 },
    { header: w.packSize, key: 'packSize', width: 10 },
    { header: w.demand, key: 'demand', width: 12 },
    { header: w.fromStock, key: 'fromStock', width: 12 },
    { header: w.quantity, key: 'quantity', width: 12 },
    { header: w.accepted, key: 'accepted', width: 10 },
    { header: w.rejected, key: 'rejected', width: 10 },
    { header: w.status, key: 'status', width: 12 },
    { header: w.poId, key: 'poId', width: 38 },
    { header: w.productId, key: 'productId', width: 38 },
  ]);
  const sorted = [...pos].sort(
    (a, b) => a.supplierName.localeCompare(b.supplierName, 'zh-CN') || a.id.localeCompare(b.id),
  );
  for (const po of sorted) {
    for (const l of po.lines) {
      ws.addRow({
        supplier: po.supplierName,
        product: l.productName,
        unit: l.unit,
        packSize: l.packSize,
        demand: l.demandQuantity,
        fromStock: l.fromStockQuantity,
        quantity: l.quantity,
        accepted: l.acceptedQuantity ?? '',
        rejected: l.rejectedQuantity ?? '',
        status: statusWord(w, po.status),
        poId: po.id,
        productId: l.productId,
      });
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function sortingListsWorkbook(
  campaignTitle: string,
  lists: SortingListView[],
  lang: SheetLang,
): Promise<Buffer> {
  const w = WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const ws = sheet(book, w.sortSheet, `${w.campaign}: ${campaignTitle}`, [
    { header: w.warehouse, key: 'warehouse', width: 16 },
    { header: w.route, key: 'route', width: 16 },
    { header: w.point, key: 'point', width: 24 },
    { header: w.zone, key: 'zone', width: 8 },
    { header: w.product, key: 'product', width: 26 },
    { header: w.unit, key: 'unit', width: 8 },
    { header: w.ordered, key: 'ordered', width: 10 },
    { header: w.toSort, key: 'quantity', width: 10 },
    { header: w.received, key: 'received', width: 12 },
    { header: w.status, key: 'status', width: 10 },
    { header: w.pointId, key: 'pointId', width: 38 },
    { header: w.productId, key: 'productId', width: 38 },
  ]);
  for (const sl of lists) {
    for (const l of sl.lines) {
      ws.addRow({
        warehouse: sl.warehouseName,
        route: sl.routeName,
        point: sl.pickupPointName,
        zone: word(w, l.temperatureZone),
        product: l.productName,
        unit: l.unit,
        ordered: l.orderedQuantity,
        quantity: l.quantity,
        received: l.receivedQuantity ?? '',
        status: statusWord(w, sl.status),
        pointId: sl.pickupPointId,
        productId: l.productId,
      });
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const STATEMENT_WORDS = {
  'zh-CN': {
    sheet: '结算单',
    title: '供应商结算单',
    supplier: '供应商',
    region: '区域',
    period: '结算期间',
    status: '状态',
    open: '待付款',
    paid: '已付款',
    paidReference: '付款凭证号',
    paidAt: '付款时间',
    total: '应付合计(元)',
    date: '日期',
    kind: '类型',
    receipt: '收货',
    return: '退供应商',
    campaign: '团购活动',
    warehouse: '仓库',
    product: '商品',
    unit: '单位',
    units: '数量',
    unitCost: '单价(元)',
    amount: '金额(元)',
    reason: '原因',
    poId: '采购单号',
    productId: '商品编号',
  },
  en: {
    sheet: 'Statement',
    title: 'Supplier settlement statement',
    supplier: 'Supplier',
    region: 'Region',
    period: 'Period',
    status: 'Status',
    open: 'Open',
    paid: 'Paid',
    paidReference: 'Payment reference',
    paidAt: 'Paid at',
    total: 'Total payable (CNY)',
    date: 'Date',
    kind: 'Kind',
    receipt: 'Received',
    return: 'Returned to supplier',
    campaign: 'Campaign',
    warehouse: 'Warehouse',
    product: 'Product',
    unit: 'Unit',
    units: 'Units',
    unitCost: 'Unit cost (CNY)',
    amount: 'Amount (CNY)',
    reason: 'Reason',
    poId: 'PO id',
    productId: 'Product id',
  },
} as const;

export interface StatementSheet {
  supplierName: string;
  regionName: string;
  period: string;
  status: 'open' | 'paid';
  amountFen: number;
  paidReference: string | null;
  paidAt: string | null;
  lines: {
    occurredAt: string;
    kind: 'receipt' | 'return';
    campaignTitle: string;
    warehouseName: string;
    productName: string;
    unit: string;
    units: number;
    unitCostFen: number;
    amountFen: number;
    reason: string | null;
    purchaseOrderId: string;
    productId: string;
  }[];
}

/**
 * A supplier's settlement statement: a heading with the totals, then one row per payable. Money in
 * yuan as numbers with two decimals (the fen are exact: every amount is an integer of fen / 100),
 * so the sheet sums; the total row is a formula over the rows and equals the stored total.
 */
export async function statementWorkbook(st: StatementSheet, lang: SheetLang): Promise<Buffer> {
  const w = STATEMENT_WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const ws = book.addWorksheet(w.sheet, { views: [{ state: 'frozen', ySplit: 7 }] });
  ws.addRow([w.title]).font = { bold: true, size: 13 };
  ws.addRow([w.supplier, st.supplierName, w.region, st.regionName]);
  ws.addRow([w.period, st.period, w.status, st.status === 'paid' ? w.paid : w.open]);
  ws.addRow([w.paidReference, st.paidReference ?? '', w.paidAt, st.paidAt ?? '']);
  ws.addRow([w.total, st.amountFen / 100]);
  ws.addRow([]);
  const columns = [
    { header: w.date, width: 12 },
    { header: w.kind, width: 12 },
    { header: w.campaign, width: 22 },
    { header: w.warehouse, width: 14 },
    { header: w.product, width: 24 },
    { header: w.unit, width: 8 },
    { header: w.units, width: 8 },
    { header: w.unitCost, width: 10 },
    { header: w.amount, width: 12 },
    { header: w.reason, width: 20 },
    { header: w.poId, width: 38 },
    { header: w.productId, width: 38 },
  ];
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  const first = 8;
  for (const l of st.lines) {
    const row = ws.addRow([
      l.occurredAt.slice(0, 10),
      l.kind === 'receipt' ? w.receipt : w.return,
      l.campaignTitle,
      l.warehouseName,
      l.productName,
      l.unit,
      l.units,
      l.unitCostFen / 100,
      l.amountFen / 100,
      l.reason ?? '',
      l.purchaseOrderId,
      l.productId,
    ]);
    row.getCell(8).numFmt = '0.00';
    row.getCell(9).numFmt = '0.00';
  }
  const last = first + st.lines.length - 1;
  const total = ws.addRow(['', '', '', '', '', '', '', w.total, null]);
  total.getCell(9).value = {
    formula: st.lines.length ? `ROUND(SUM(I${first}:I${last}),2)` : '0',
    result: st.amountFen / 100,
  };
  total.getCell(9).numFmt = '0.00';
  total.font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

const RECALL_WORDS = {
  'zh-CN': {
    sheet: '召回明细',
    recall: '召回',
    point: '自提点',
    leader: '团长',
    customer: '顾客',
    phone: '手机号',
    product: '商品',
    units: '召回件数',
    quantity: '购买件数',
    notified: '已通知',
    refunded: '已退款',
    refundedYuan: '退款金额(元)',
    orderId: '订单号',
    yes: '是',
    no: '否',
  },
  en: {
    sheet: 'Recall',
    recall: 'Recall',
    point: 'Pickup point',
    leader: 'Leader',
    customer: 'Customer',
    phone: 'Phone',
    product: 'Product',
    units: 'Recalled units',
    quantity: 'Units bought',
    notified: 'Notified',
    refunded: 'Refunded',
    refundedYuan: 'Refunded (yuan)',
    orderId: 'Order id',
    yes: 'yes',
    no: 'no',
  },
} as const;

/** A recall's affected lines: one row per order line (phones as the caller may see them). */
export async function recallWorkbook(
  title: string,
  lines: {
    orderId: string;
    customerName: string;
    phone: string;
    pickupPointName: string;
    leaderName: string | null;
    productName: string;
    units: number;
    quantity: number;
    refundedFen: number;
    refunded: boolean;
    notified: boolean;
  }[],
  lang: SheetLang,
): Promise<Buffer> {
  const w = RECALL_WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const ws = sheet(book, w.sheet, `${w.recall}: ${title}`, [
    { header: w.point, key: 'point', width: 22 },
    { header: w.leader, key: 'leader', width: 12 },
    { header: w.customer, key: 'customer', width: 14 },
    { header: w.phone, key: 'phone', width: 14 },
    { header: w.product, key: 'product', width: 24 },
    { header: w.units, key: 'units', width: 10 },
    { header: w.quantity, key: 'quantity', width: 10 },
    { header: w.notified, key: 'notified', width: 8 },
    { header: w.refunded, key: 'refunded', width: 8 },
    { header: w.refundedYuan, key: 'refundedYuan', width: 12 },
    { header: w.orderId, key: 'orderId', width: 38 },
  ]);
  for (const l of lines) {
    ws.addRow({
      point: l.pickupPointName,
      leader: l.leaderName ?? '',
      customer: l.customerName,
      phone: l.phone,
      product: l.productName,
      units: l.units,
      quantity: l.quantity,
      notified: l.notified ? w.yes : w.no,
      refunded: l.refunded ? w.yes : w.no,
      refundedYuan: l.refundedFen / 100,
      orderId: l.orderId,
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const QUALITY_WORDS = {
  'zh-CN': {
    sheet: '到货质量',
    title: '到货品质达标率',
    target: '目标',
    week: '周(周一)',
    route: '线路',
    dispatched: '发出明细',
    good: '完好到货',
    damaged: '破损',
    missing: '缺件',
    breached: '温度超标',
    rate: '达标率',
    routeId: '线路编号',
  },
  en: {
    sheet: 'Arrival quality',
    title: 'Arrival quality rate',
    target: 'Target',
    week: 'Week (Monday)',
    route: 'Route',
    dispatched: 'Lines dispatched',
    good: 'Arrived intact',
    damaged: 'Damaged',
    missing: 'Missing',
    breached: 'Temperature breach',
    rate: 'Rate',
    routeId: 'Route id',
  },
} as const;

/** The arrival-quality report (decision 042): one row per route and week, the rate as a percentage cell. */
export async function arrivalQualityWorkbook(
  period: string,
  targetBps: number,
  rows: {
    routeId: string;
    routeName: string;
    week: string;
    dispatchedLines: number;
    goodLines: number;
    damagedLines: number;
    missingLines: number;
    breachedLines: number;
    rateBps: number | null;
  }[],
  lang: SheetLang,
): Promise<Buffer> {
  const w = QUALITY_WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const ws = sheet(book, w.sheet, `${w.title} ${period} (${w.target} ${(targetBps / 100).toFixed(2)}%)`, [
    { header: w.week, key: 'week', width: 14 },
    { header: w.route, key: 'route', width: 18 },
    { header: w.dispatched, key: 'dispatched', width: 12 },
    { header: w.good, key: 'good', width: 12 },
    { header: w.damaged, key: 'damaged', width: 10 },
    { header: w.missing, key: 'missing', width: 10 },
    { header: w.breached, key: 'breached', width: 12 },
    { header: w.rate, key: 'rate', width: 10 },
    { header: w.routeId, key: 'routeId', width: 38 },
  ]);
  for (const r of rows) {
    ws.addRow({
      week: r.week,
      route: r.routeName,
      dispatched: r.dispatchedLines,
      good: r.goodLines,
      damaged: r.damagedLines,
      missing: r.missingLines,
      breached: r.breachedLines,
      rate: r.rateBps === null ? '' : r.rateBps / 10_000,
      routeId: r.routeId,
    });
  }
  ws.getColumn('rate').numFmt = '0.00%';
  return Buffer.from(await book.xlsx.writeBuffer());
}

const LOSS_WORDS = {
  'zh-CN': {
    sheet: '损耗率',
    title: '损耗率（报废 + 到货破损 + 收货拒收）/ 收货件数',
    week: '周（周一）',
    warehouse: '仓库',
    category: '品类',
    product: '商品',
    received: '收货件数',
    rejected: '收货拒收',
    damaged: '到货破损',
    writtenOff: '报废',
    expired: '其中过期',
    lost: '损耗件数',
    rate: '损耗率 %',
    stockReceived: '入库存件数',
    stockRate: '线上库存损耗率 %',
    over: '超限',
    yes: '是',
  },
  en: {
    sheet: 'Loss rate',
    title: 'Loss rate (written off + damaged on arrival + rejected at receiving) / units received',
    week: 'Week (Monday)',
    warehouse: 'Warehouse',
    category: 'Category',
    product: 'Product',
    received: 'Units received',
    rejected: 'Rejected at receiving',
    damaged: 'Damaged on arrival',
    writtenOff: 'Written off',
    expired: 'of which expired',
    lost: 'Units lost',
    rate: 'Loss rate %',
    stockReceived: 'Units into stock',
    stockRate: 'Online stock loss rate %',
    over: 'Over limit',
    yes: 'yes',
  },
} as const;

export interface LossSheetRow {
  week: string;
  warehouseName: string | null;
  category: string | null;
  productName: string | null;
  received: number;
  rejected: number;
  damaged: number;
  writtenOff: number;
  expired: number;
  lost: number;
  lossRateBps: number | null;
  stockReceived: number;
  stockLossRateBps: number | null;
  overLimit: boolean;
  overOnlineLimit: boolean;
}

/** The loss-rate report as shown in the console: one row per week and warehouse, category or product. */
export async function lossWorkbook(rowsIn: LossSheetRow[], by: 'warehouse' | 'category' | 'product', lang: SheetLang) {
  const w = LOSS_WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const dim =
    by === 'warehouse'
      ? [{ header: w.warehouse, key: 'warehouse', width: 18 }]
      : by === 'category'
        ? [{ header: w.category, key: 'category', width: 14 }]
        : [
            { header: w.category, key: 'category', width: 14 },
            { header: w.product, key: 'product', width: 24 },
          ];
  const ws = sheet(book, w.sheet, w.title, [
    { header: w.week, key: 'week', width: 12 },
    ...dim,
    { header: w.received, key: 'received', width: 10 },
    { header: w.rejected, key: 'rejected', width: 10 },
    { header: w.damaged, key: 'damaged', width: 10 },
    { header: w.writtenOff, key: 'writtenOff', width: 10 },
    { header: w.expired, key: 'expired', width: 10 },
    { header: w.lost, key: 'lost', width: 10 },
    { header: w.rate, key: 'rate', width: 10 },
    { header: w.stockReceived, key: 'stockReceived', width: 12 },
    { header: w.stockRate, key: 'stockRate', width: 14 },
    { header: w.over, key: 'over', width: 8 },
  ]);
  const pct = (bps: number | null) => (bps === null ? '' : bps / 100);
  for (const r of rowsIn) {
    ws.addRow({
      week: r.week,
      warehouse: r.warehouseName ?? '',
      category: r.category ?? '',
      product: r.productName ?? '',
      received: r.received,
      rejected: r.rejected,
      damaged: r.damaged,
      writtenOff: r.writtenOff,
      expired: r.expired,
      lost: r.lost,
      rate: pct(r.lossRateBps),
      stockReceived: r.stockReceived,
      stockRate: pct(r.stockLossRateBps),
      over: r.overLimit || r.overOnlineLimit ? w.yes : '',
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const REVIEW_WORDS = {
  'zh-CN': {
    sheet: '评价报表',
    title: '评价：条数（含已隐藏）、平均星级、差评（1–2 星）、带图、已隐藏',
    product: '商品',
    supplier: '供应商',
    reviews: '评价数',
    average: '平均星级',
    low: '差评',
    withPhotos: '带图',
    hidden: '已隐藏',
  },
  en: {
    sheet: 'Reviews',
    title: 'Reviews: count (hidden included), average stars, low (1–2 stars), with photos, hidden',
    product: 'Product',
    supplier: 'Supplier',
    reviews: 'Reviews',
    average: 'Average stars',
    low: 'Low',
    withPhotos: 'With photos',
    hidden: 'Hidden',
  },
} as const;

export async function reviewsWorkbook(
  rowsIn: { name: string; reviews: number; average: number | null; low: number; withPhotos: number; hidden: number }[],
  by: 'product' | 'supplier',
  lang: SheetLang,
) {
  const w = REVIEW_WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const ws = sheet(book, w.sheet, w.title, [
    { header: w[by], key: 'name', width: 24 },
    { header: w.reviews, key: 'reviews', width: 10 },
    { header: w.average, key: 'average', width: 12 },
    { header: w.low, key: 'low', width: 8 },
    { header: w.withPhotos, key: 'withPhotos', width: 8 },
    { header: w.hidden, key: 'hidden', width: 8 },
  ]);
  for (const r of rowsIn) ws.addRow({ ...r, average: r.average ?? '' });
  return Buffer.from(await book.xlsx.writeBuffer());
}

const SERVICE_WORDS = {
  'zh-CN': {
    sheet: '客服时效',
    title: '客服时效：首次响应与解决用时（分钟，中位数 / 90 分位）、时效内占比、满意度',
    team: '处理组',
    agent: '客服',
    tickets: '工单数',
    open: '未解决',
    firstMedian: '首次响应中位数',
    firstP90: '首次响应 P90',
    firstWithin: '响应达标率',
    resolveMedian: '解决用时中位数',
    resolveP90: '解决用时 P90',
    resolveWithin: '结案达标率',
    rated: '评价数',
    rating: '满意度',
    reasonsSheet: '退货原因',
    reasonsTitle: '售后申请的退货原因：申请数、件数、已退款（元）与各原因的申请数',
    product: '商品',
    supplier: '供应商',
    claims: '申请数',
    units: '件数',
    refunded: '已退款（元）',
    reason_quality: '质量问题',
    reason_description_mismatch: '描述不符',
    reason_logistics_delay: '物流延迟',
    reason_missing: '缺件',
    reason_wrong_item: '发错商品',
    reason_other: '其他',
  },
  en: {
    sheet: 'Service times',
    title:
      'Service times: first response and resolution (minutes, median / 90th percentile), share within SLA, satisfaction',
    team: 'Team',
    agent: 'Agent',
    tickets: 'Tickets',
    open: 'Open',
    firstMedian: 'First response median',
    firstP90: 'First response P90',
    firstWithin: 'Responded within SLA',
    resolveMedian: 'Resolution median',
    resolveP90: 'Resolution P90',
    resolveWithin: 'Closed within SLA',
    rated: 'Rated',
    rating: 'Satisfaction',
    reasonsSheet: 'Return reasons',
    reasonsTitle: 'Return reasons of after-sales claims: claims, units, refunded (yuan) and claims per reason',
    product: 'Product',
    supplier: 'Supplier',
    claims: 'Claims',
    units: 'Units',
    refunded: 'Refunded (yuan)',
    reason_quality: 'Quality',
    reason_description_mismatch: 'Not as described',
    reason_logistics_delay: 'Logistics delay',
    reason_missing: 'Missing',
    reason_wrong_item: 'Wrong item',
    reason_other: 'Other',
  },
} as const;

interface ClockFigures {
  medianMinutes: number | null;
  p90Minutes: number | null;
  withinSla: number | null;
}

export async function serviceWorkbook(
  rowsIn: {
    key: string;
    name: string | null;
    tickets: number;
    open: number;
    firstResponse: ClockFigures;
    resolution: ClockFigures;
    rated: number;
    averageRating: number | null;
  }[],
  by: 'team' | 'agent',
  lang: SheetLang,
  teamName: (team: string) => string,
) {
  const w = SERVICE_WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const ws = sheet(book, w.sheet, w.title, [
    { header: w[by], key: 'name', width: 16 },
    { header: w.tickets, key: 'tickets', width: 8 },
    { header: w.open, key: 'open', width: 8 },
    { header: w.firstMedian, key: 'firstMedian', width: 12 },
    { header: w.firstP90, key: 'firstP90', width: 12 },
    { header: w.firstWithin, key: 'firstWithin', width: 12 },
    { header: w.resolveMedian, key: 'resolveMedian', width: 12 },
    { header: w.resolveP90, key: 'resolveP90', width: 12 },
    { header: w.resolveWithin, key: 'resolveWithin', width: 12 },
    { header: w.rated, key: 'rated', width: 8 },
    { header: w.rating, key: 'rating', width: 8 },
  ]);
  const share = (v: number | null) => (v === null ? '' : `${Math.round(v * 1000) / 10}%`);
  for (const r of rowsIn)
    ws.addRow({
      name: by === 'team' ? teamName(r.key) : (r.name ?? r.key),
      tickets: r.tickets,
      open: r.open,
      firstMedian: r.firstResponse.medianMinutes ?? '',
      firstP90: r.firstResponse.p90Minutes ?? '',
      firstWithin: share(r.firstResponse.withinSla),
      resolveMedian: r.resolution.medianMinutes ?? '',
      resolveP90: r.resolution.p90Minutes ?? '',
      resolveWithin: share(r.resolution.withinSla),
      rated: r.rated,
      rating: r.averageRating ?? '',
    });
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function returnReasonsWorkbook(
  rowsIn: { name: string; claims: number; units: number; refundedFen: number; byReason: Record<string, number> }[],
  by: 'product' | 'supplier',
  reasons: readonly string[],
  lang: SheetLang,
) {
  const w = SERVICE_WORDS[lang] as Record<string, string>;
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const ws = sheet(book, w.reasonsSheet, w.reasonsTitle, [
    { header: w[by], key: 'name', width: 24 },
    { header: w.claims, key: 'claims', width: 8 },
    { header: w.units, key: 'units', width: 8 },
    { header: w.refunded, key: 'refunded', width: 12 },
    ...reasons.map((r) => ({ header: w[`reason_${r}`] ?? r, key: r, width: 10 })),
  ]);
  for (const r of rowsIn)
    ws.addRow({ ...r.byReason, name: r.name, claims: r.claims, units: r.units, refunded: r.refundedFen / 100 });
  return Buffer.from(await book.xlsx.writeBuffer());
}
const TRAINING_WORDS = {
  'zh-CN': {
    sheet: '培训',
    title: '团长培训结果',
    course: '课程',
    leader: '团长',
    point: '自提点',
    attempts: '答题次数',
    best: '最高分',
    passed: '通过',
    passedAt: '通过时间',
    yes: '是',
    no: '否',
  },
  en: {
    sheet: 'Training',
    title: 'Leader training results',
    course: 'Course',
    leader: 'Leader',
    point: 'Pickup point',
    attempts: 'Attempts',
    best: 'Best score',
    passed: 'Passed',
    passedAt: 'Passed at',
    yes: 'yes',
    no: 'no',
  },
} as const;

/** Who took which leader course: per course and leader, attempts, best score and when first passed (decision 061). */
export async function trainingWorkbook(
  rowsIn: {
    courseTitle: string;
    leaderName: string;
    pickupPointName: string;
    attempts: number;
    bestScore: number;
    passed: boolean;
    passedAt: string | null;
  }[],
  lang: SheetLang,
) {
  const w = TRAINING_WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const ws = sheet(book, w.sheet, w.title, [
    { header: w.course, key: 'course', width: 24 },
    { header: w.leader, key: 'leader', width: 14 },
    { header: w.point, key: 'point', width: 22 },
    { header: w.attempts, key: 'attempts', width: 10 },
    { header: w.best, key: 'best', width: 10 },
    { header: w.passed, key: 'passed', width: 8 },
    { header: w.passedAt, key: 'passedAt', width: 22 },
  ]);
  for (const r of rowsIn)
    ws.addRow({
      course: r.courseTitle,
      leader: r.leaderName,
      point: r.pickupPointName,
      attempts: r.attempts,
      best: r.bestScore,
      passed: r.passed ? w.yes : w.no,
      passedAt: r.passedAt ?? '',
    });
  return Buffer.from(await book.xlsx.writeBuffer());
}

const INCIDENT_WORDS = {
  'zh-CN': {
    sheet: '受影响订单',
    incident: '事故',
    orderNo: '订单号',
    customer: '顾客',
    phone: '手机号',
    route: '线路',
    point: '自提点',
    pickupDate: '提货日',
    paidYuan: '实付(元)',
    placedAt: '下单时间',
    compensated: '已通知补偿',
    orderId: '订单编号',
    yes: '是',
    no: '否',
  },
  en: {
    sheet: 'Affected orders',
    incident: 'Incident',
    orderNo: 'Order',
    customer: 'Customer',
    phone: 'Phone',
    route: 'Route',
    point: 'Pickup point',
    pickupDate: 'Pickup day',
    paidYuan: 'Paid (yuan)',
    placedAt: 'Placed',
    compensated: 'Compensated',
    orderId: 'Order id',
    yes: 'yes',
    no: 'no',
  },
} as const;

/** An incident's affected orders: one row per order (phones masked), whether its customer was compensated. */
export async function incidentOrdersWorkbook(
  title: string,
  orders: {
    orderId: string;
    orderNo: string;
    customerName: string;
    customerPhone: string;
    routeName: string | null;
    pickupPointName: string | null;
    pickupDate: string | null;
    totalFen: number;
    placedAt: string;
    compensated: boolean;
  }[],
  lang: SheetLang,
): Promise<Buffer> {
  const w = INCIDENT_WORDS[lang];
  const book = new (await excel()).Workbook();
  book.creator = 'Linli';
  const ws = sheet(book, w.sheet, `${w.incident}: ${title}`, [
    { header: w.orderNo, key: 'orderNo', width: 12 },
    { header: w.customer, key: 'customer', width: 14 },
    { header: w.phone, key: 'phone', width: 14 },
    { header: w.route, key: 'route', width: 16 },
    { header: w.point, key: 'point', width: 22 },
    { header: w.pickupDate, key: 'pickupDate', width: 12 },
    { header: w.paidYuan, key: 'paidYuan', width: 10 },
    { header: w.placedAt, key: 'placedAt', width: 22 },
    { header: w.compensated, key: 'compensated', width: 10 },
    { header: w.orderId, key: 'orderId', width: 38 },
  ]);
  for (const o of orders) {
    ws.addRow({
      orderNo: o.orderNo,
      customer: o.customerName,
      phone: o.customerPhone,
      route: o.routeName ?? '',
      point: o.pickupPointName ?? '',
      pickupDate: o.pickupDate ?? '',
      paidYuan: o.totalFen / 100,
      placedAt: o.placedAt,
      compensated: o.compensated ? w.yes : w.no,
      orderId: o.orderId,
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
