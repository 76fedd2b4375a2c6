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
