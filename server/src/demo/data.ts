/**
 * The demo's data, and the pure generators that decide who buys what. Everything here is
 * deterministic for a given seed (a small PRNG, never Math.random), so the demo is the same
 * on every machine and the unit tests can pin the generators down. No I/O in this file.
 */

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; good enough for demo data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** An index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((s, w) => s + w, 0);
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** A child generator, so adding draws in one place does not shift every later decision. */
  fork(salt: number): Rng {
    return new Rng((this.state ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0);
  }
}

export const DEMO_SEED = 20_241_111;
export const CITY = '杭州';

// ---------------------------------------------------------------- network

export interface PointSpec {
  name: string;
  address: string;
  lat: number;
  lng: number;
  leaderName: string;
}
export interface RouteSpec {
  name: string;
  points: PointSpec[];
}
export interface GridSpec {
  name: string;
  routes: RouteSpec[];
}

const POINTS: [string, string, string][] = [
  // [pickup point, address, leader]
  ['翠苑一区便利店', '西湖区翠苑街道文一西路 118 号', '王秀英'],
  ['文鼎苑水果店', '西湖区文二路 391 号', '李建华'],
  ['古荡新村菜鸟驿站', '西湖区古荡湾路 22 号', '张丽'],
  ['嘉绿苑社区超市', '西湖区嘉绿苑北区 6 幢底商', '刘芳'],
  ['西溪花园自提点', '西湖区西溪路 550 号', '陈静'],
  ['蒋村花园便利店', '西湖区蒋村街道五常大道 8 号', '杨军'],
  ['金色西溪快递柜', '西湖区金色西溪 3 幢', '赵敏'],
  ['三墩公寓生鲜店', '西湖区三墩镇振华路 128 号', '黄磊'],
  ['紫金港社区门店', '西湖区紫金港路 21 号', '周婷'],
  ['申花路便民店', '拱墅区申花路 789 号', '吴强'],
  ['钱江新城自提点', '上城区富春路 290 号', '徐娟'],
  ['四季青小区超市', '上城区四季青街道钱江路 58 号', '孙伟'],
  ['采荷新村水果店', '上城区采荷路 16 号', '胡艳'],
  ['景芳三区便利店', '上城区景芳路 77 号', '朱明'],
  ['闸弄口菜店', '上城区闸弄口新村 12 幢', '高红'],
  ['九堡家苑自提点', '上城区九堡街道九和路 66 号', '林涛'],
  ['滨江星光超市', '滨江区江南大道 228 号', '何燕'],
  ['长河社区驿站', '滨江区长河路 475 号', '郭勇'],
  ['浦沿新村便利店', '滨江区浦沿路 1088 号', '马丽娟'],
  ['东冠小区团购点', '滨江区东冠路 33 号', '罗鹏'],
];

/** 1 central warehouse, 2 grid warehouses, 4 routes, 20 pickup points (5 a route). */
export function networkSpec(): { central: string; grids: GridSpec[] } {
  const point = (i: number): PointSpec => {
    const [name, address, leaderName] = POINTS[i];
    // Spread around the city centre (30.27 N, 120.15 E), a few hundred metres apart.
    return {
      name,
      address,
      leaderName,
      lat: 30.22 + (i % 5) * 0.011 + Math.floor(i / 5) * 0.017,
      lng: 120.08 + (i % 7) * 0.013 + Math.floor(i / 5) * 0.02,
    };
  };
  const route = (name: string, first: number): RouteSpec => ({
    name,
    points: [0, 1, 2, 3, 4].map((k) => point(first + k)),
  });
  return {
    central: `${CITY}中心仓`,
    grids: [
      { name: `${CITY}城西网格仓`, routes: [route('城西一线（翠苑-古荡）', 0), route('城西二线（西溪-三墩）', 5)] },
      { name: `${CITY}城东网格仓`, routes: [route('城东一线（钱江新城-采荷）', 10), route('城东二线（滨江）', 15)] },
    ],
  };
}

/**
 * The second city: 乌鲁木齐 keeps local business hours on its own clock (UTC+6), two hours behind
 * Beijing time, so its 23:00 cutoff is 01:00 the next day in 杭州. Smaller than 杭州: one grid
 * warehouse, 2 routes, 7 pickup points (a third), a quarter of the customers and orders.
 */
export const URUMQI = '乌鲁木齐';

const URUMQI_POINTS: [string, string, string][] = [
  ['友好北路便利店', '沙依巴克区友好北路 688 号', '王红梅'],
  ['八楼社区水果店', '沙依巴克区友好南路 120 号', '阿依古丽'],
  ['西北路菜鸟驿站', '沙依巴克区西北路 256 号', '马建国'],
  ['南湖小区超市', '水磨沟区南湖东路 39 号', '买买提江'],
  ['北京路自提点', '新市区北京南路 366 号', '李桂兰'],
  ['苏州路生鲜店', '新市区苏州东路 158 号', '古丽娜尔'],
  ['大湾社区便民店', '天山区大湾北路 211 号', '杨志刚'],
];

/** 1 central warehouse, 1 grid warehouse, 2 routes, 7 pickup points. */
export function urumqiNetworkSpec(): { central: string; grids: GridSpec[] } {
  const point = (i: number): PointSpec => {
    const [name, address, leaderName] = URUMQI_POINTS[i];
    // Around the city centre (43.82 N, 87.61 E)
    return {
      name,
      address,
      leaderName,
      lat: 43.79 + (i % 4) * 0.012 + i * 0.004,
      lng: 87.57 + (i % 3) * 0.018 + i * 0.006,
    };
  };
  return {
    central: `${URUMQI}中心仓`,
    grids: [
      {
        name: `${URUMQI}城北网格仓`,
        routes: [
          { name: '友好线（友好路-西北路）', points: [0, 1, 2].map(point) },
          { name: '南湖线（南湖-北京路-大湾）', points: [3, 4, 5, 6].map(point) },
        ],
      },
    ],
  };
}

/** A demo city: its clock, its network, its people's phone numbers, and what its shoppers buy. */
export interface CitySpec {
  name: string;
  timeZone: string;
  network: () => { central: string; grids: GridSpec[] };
  leaderPhone: (i: number) => string;
  customerPhone: (i: number) => string;
  /** customers and orders a day, against the first city's */
  share: number;
  /** the catalog's products not sold here */
  notSold: readonly string[];
  /** popularity here where it differs from the catalog's */
  popularity: Readonly<Record<string, number>>;
  personName: (rng: Rng) => string;
}

// ---------------------------------------------------------------- catalog

/** `12月5日 邻里团购`, with the city's name for every region but the default one */
export function campaignTitle(date: string, city?: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${city ? `${city} ` : ''}邻里团购`;
}

export const SUPPLIERS = ['绿源果蔬合作社', '鲜果时光果业', '牧鲜肉禽食品', '康乳乳业', '百家粮油日化商贸'] as const;

export type Zone = 'ambient' | 'chilled' | 'frozen';

export interface ProductSpec {
  name: string;
  category: string;
  supplier: number;
  unit: string;
  listPriceFen: number;
  priceFen: number;
  costFen: number;
  temperatureZone: Zone;
  shelfLifeDays: number;
  packSize: number;
  /** relative popularity within the catalog (Pareto-ish: a few items sell most) */
  popularity: number;
  /** the one city that sells it (local specialities); every city when absent */
  only?: string;
}

type Row = [
  name: string,
  unit: string,
  list: number,
  price: number,
  zone: Zone,
  shelf: number,
  pack: number,
  popularity: number,
];

const CATALOG: Record<string, { supplier: number; rows: Row[] }> = {
  fresh: {
    supplier: 0,
    rows: [
      ['本地小青菜', '500g/把', 450, 290, 'chilled', 2, 1, 9],
      ['西红柿', '500g', 499, 339, 'ambient', 5, 10, 8],
      ['土豆', '1kg/袋', 599, 399, 'ambient', 20, 10, 6],
      ['黄瓜', '500g', 450, 299, 'chilled', 4, 10, 5],
      ['西兰花', '1颗/约400g', 590, 390, 'chilled', 4, 1, 5],
      ['大白菜', '1颗/约2kg', 690, 459, 'ambient', 7, 1, 4],
      ['胡萝卜', '1kg/袋', 499, 329, 'ambient', 14, 10, 3],
      ['新鲜香菇', '250g/盒', 690, 459, 'chilled', 4, 1, 3],
      ['菠菜', '500g/把', 590, 390, 'chilled', 2, 1, 3],
      ['甜玉米', '3根/袋', 1290, 890, 'chilled', 4, 1, 4],
      ['小番茄', '500g/盒', 990, 690, 'chilled', 5, 1, 5],
    ],
  },
  fruit: {
    supplier: 1,
    rows: [
      ['红富士苹果', '2.5kg/箱', 3990, 2690, 'ambient', 20, 1, 9],
      ['海南香蕉', '1.5kg', 1590, 990, 'ambient', 5, 1, 8],
      ['赣南脐橙', '2.5kg/箱', 3990, 2790, 'ambient', 20, 1, 6],
      ['丹东草莓', '500g/盒', 3990, 2990, 'chilled', 3, 1, 6],
      ['阳光玫瑰葡萄', '1kg/串', 3980, 2790, 'chilled', 7, 1, 5],
      ['麒麟西瓜', '1个/约3kg', 3290, 2290, 'ambient', 10, 1, 5],
      ['砂糖橘', '2.5kg/箱', 3590, 2490, 'ambient', 15, 1, 6],
      ['智利车厘子 J级', '1kg/盒', 9990, 6990, 'chilled', 7, 1, 4],
      ['徐香猕猴桃', '12枚/盒', 3290, 2290, 'ambient', 15, 1, 3],
      ['贵妃芒果', '2.5kg/箱', 4590, 3190, 'ambient', 7, 1, 3],
      ['秭归脐橙', '5kg/箱', 5990, 3990, 'ambient', 20, 1, 2],
    ],
  },
  meat_eggs: {
    supplier: 2,
    rows: [
      ['土鸡蛋', '30枚/盒', 3990, 2690, 'ambient', 20, 1, 7],
      ['鲜鸡蛋', '10枚/盒', 1290, 890, 'ambient', 20, 1, 5],
      ['冷鲜猪五花肉', '500g/盒', 2990, 2290, 'chilled', 4, 1, 5],
      ['精品猪小排', '500g/盒', 3990, 2990, 'chilled', 4, 1, 4],
      ['猪前腿肉', '500g/盒', 2490, 1890, 'chilled', 4, 1, 3],
      ['三黄鸡', '1只/约1.2kg', 4990, 3690, 'chilled', 3, 1, 3],
      ['冷鲜鸡翅中', '500g/盒', 3290, 2490, 'chilled', 4, 1, 3],
      ['澳洲牛腩', '500g/袋', 5990, 4590, 'frozen', 180, 1, 2],
      ['内蒙古羊肉卷', '500g/袋', 4990, 3690, 'frozen', 180, 1, 2],
    ],
  },
  seafood: {
    supplier: 2,
    rows: [
      ['鲜活鲈鱼', '1条/约500g', 3290, 2490, 'chilled', 1, 1, 2],
      ['冷冻黑虎虾', '500g/盒', 4990, 3590, 'frozen', 180, 1, 2],
      ['舟山带鱼段', '500g/袋', 3590, 2690, 'frozen', 180, 1, 1],
    ],
  },
  dairy: {
    supplier: 3,
    rows: [
      ['鲜牛奶', '950ml/盒', 1590, 1190, 'chilled', 7, 12, 6],
      ['纯牛奶', '250ml×12盒/箱', 5990, 4490, 'ambient', 180, 1, 3],
      ['原味酸奶', '100g×8杯/组', 1990, 1390, 'chilled', 21, 1, 4],
      ['希腊酸奶', '135g/杯', 690, 490, 'chilled', 21, 6, 2],
      ['全麦吐司', '400g/袋', 1290, 890, 'ambient', 5, 1, 3],
      ['儿童奶酪棒', '20支/袋', 4990, 3590, 'chilled', 90, 1, 2],
      ['手撕面包', '500g/袋', 1590, 990, 'ambient', 7, 1, 2],
    ],
  },
  grain_oil: {
    supplier: 4,
    rows: [
      ['东北大米', '5kg/袋', 4990, 3690, 'ambient', 365, 1, 3],
      ['五常稻花香大米', '5kg/袋', 8990, 6990, 'ambient', 365, 1, 1],
      ['压榨花生油', '5L/桶', 9990, 7990, 'ambient', 540, 1, 1],
      ['非转基因大豆油', '5L/桶', 6990, 5490, 'ambient', 540, 1, 1],
      ['中筋面粉', '5kg/袋', 2990, 2290, 'ambient', 270, 1, 1],
      ['鸡蛋挂面', '1kg/袋', 1290, 890, 'ambient', 365, 1, 2],
      ['特级生抽', '500ml/瓶', 1290, 890, 'ambient', 540, 1, 2],
      ['山西老陈醋', '500ml/瓶', 990, 690, 'ambient', 720, 1, 1],
    ],
  },
  snacks: {
    supplier: 4,
    rows: [
      ['每日坚果', '30袋/盒', 12900, 8990, 'ambient', 180, 1, 1],
      ['原味薯片', '104g/罐', 890, 590, 'ambient', 270, 1, 1],
    ],
  },
  daily: {
    supplier: 4,
    rows: [
      ['原木抽纸', '24包/提', 4990, 3290, 'ambient', 1080, 1, 3],
      ['薰衣草洗衣液', '3kg/瓶', 5990, 3990, 'ambient', 1080, 1, 2],
      ['柠檬洗洁精', '1.5kg/瓶', 1990, 1290, 'ambient', 1080, 1, 1],
      ['加厚垃圾袋', '5卷/组', 1290, 790, 'ambient', 1080, 1, 2],
      ['美白牙膏', '3支装', 3990, 2490, 'ambient', 1080, 1, 1],
      ['厨房湿巾', '80抽/包', 1290, 790, 'ambient', 1080, 1, 1],
      ['食品保鲜袋', '2卷/组', 990, 590, 'ambient', 1080, 1, 1],
    ],
  },
};

/** Sold only in 乌鲁木齐: what its shoppers come for, from the same suppliers. */
const URUMQI_CATALOG: Record<string, { supplier: number; rows: Row[] }> = {
  fresh: { supplier: 0, rows: [['皮牙子（洋葱）', '1kg/袋', 450, 299, 'ambient', 30, 10, 5]] },
  fruit: {
    supplier: 1,
    rows: [
      ['哈密瓜', '1个/约2kg', 3990, 2790, 'ambient', 10, 1, 8],
      ['阿克苏冰糖心苹果', '5kg/箱', 6990, 4990, 'ambient', 30, 1, 6],
      ['库尔勒香梨', '2.5kg/箱', 3990, 2790, 'ambient', 20, 1, 5],
    ],
  },
  meat_eggs: {
    supplier: 2,
    rows: [
      ['新疆羊后腿肉', '1kg/袋', 8990, 6990, 'chilled', 4, 1, 6],
      ['手抓饭羊排', '1kg/袋', 9990, 7690, 'frozen', 180, 1, 3],
    ],
  },
  dairy: {
    supplier: 3,
    rows: [
      ['新疆馕', '5个/袋', 2500, 1800, 'ambient', 5, 1, 7],
      ['新疆老酸奶', '180g×6杯/组', 2990, 2190, 'chilled', 21, 1, 5],
    ],
  },
  snacks: {
    supplier: 4,
    rows: [
      ['吐鲁番葡萄干', '500g/袋', 2990, 1990, 'ambient', 365, 1, 3],
      ['若羌灰枣', '1kg/袋', 4590, 3290, 'ambient', 365, 1, 3],
    ],
  },
};

/**
 * About 70 products; fruit is sold under the fresh (果蔬) category. Cost is ~68 % of the deal
 * price. The products only one city sells name it in `only`.
 */
export function catalogSpec(): ProductSpec[] {
  const products: ProductSpec[] = [];
  const groups = [
    ...Object.entries(CATALOG).map(([group, g]) => ({ group, ...g, only: undefined })),
    ...Object.entries(URUMQI_CATALOG).map(([group, g]) => ({ group, ...g, only: URUMQI })),
  ];
  for (const { group, supplier, rows, only } of groups) {
    for (const [name, unit, list, price, zone, shelf, pack, popularity] of rows) {
      products.push({
        ...(only ? { only } : {}),
        name,
        unit,
        category: group === 'fruit' ? 'fresh' : group,
        supplier,
        listPriceFen: list,
        priceFen: price,
        costFen: Math.round((price * 68) / 100),
        temperatureZone: zone,
        shelfLifeDays: shelf,
        packSize: pack,
        popularity,
      });
    }
  }
  return products;
}

// ---------------------------------------------------------------- people

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = [
  '秀英',
  '桂英',
  '秀兰',
  '玉兰',
  '丽',
  '敏',
  '静',
  '燕',
  '艳',
  '娟',
  '霞',
  '芳',
  '婷',
  '雪',
  '梅',
  '琳',
  '洁',
  '慧',
  '伟',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '杰',
  '涛',
  '明',
  '超',
  '刚',
  '平',
  '辉',
  '鹏',
  '华',
  '飞',
  '浩',
  '宇',
  '晨',
  '欣怡',
  '子涵',
  '雨桐',
];
const NICK = ['阿姨', '姐', '大姐', '叔', '师傅', '老师', '妈妈'];

/** A plausible display name: a full name, or how neighbours address each other (王阿姨, 小李). */
export function personName(rng: Rng): string {
  const surname = rng.pick([...SURNAMES]);
  const style = rng.next();
  if (style < 0.7) return surname + rng.pick(GIVEN);
  if (style < 0.85) return surname + rng.pick(NICK);
  return (rng.chance(0.5) ? '小' : '老') + surname;
}

/** Uyghur and Kazakh given names, written as 乌鲁木齐's neighbours write them. */
const URUMQI_GIVEN = [
  '古丽',
  '阿依古丽',
  '热依拉',
  '迪丽娜尔',
  '帕提古丽',
  '努尔兰',
  '艾尔肯',
  '阿不都',
  '买买提',
  '吐尔逊',
  '热合曼',
  '再努尔',
];

/** Names in 乌鲁木齐: a quarter Uyghur or Kazakh given names, the rest as anywhere else. */
export function urumqiPersonName(rng: Rng): string {
  return rng.chance(0.25) ? rng.pick(URUMQI_GIVEN) : personName(rng);
}

/**
 * Demo phone numbers: 杭州's leaders 1390000xxxx and customers 1391xxxxxxx, 乌鲁木齐's leaders
 * 1390001xxxx and customers 1392xxxxxxx, staff 137xxxxxxxx.
 */
export const leaderPhone = (i: number) => `1390000${String(i + 1).padStart(4, '0')}`;
export const customerPhone = (i: number) => `1391${String(i + 1).padStart(7, '0')}`;
export const urumqiLeaderPhone = (i: number) => `1390001${String(i + 1).padStart(4, '0')}`;
export const urumqiCustomerPhone = (i: number) => `1392${String(i + 1).padStart(7, '0')}`;

/** The demo's cities, the first in the default region. */
export const CITIES: readonly CitySpec[] = [
  {
    name: CITY,
    timeZone: 'Asia/Shanghai',
    network: networkSpec,
    leaderPhone,
    customerPhone,
    share: 1,
    notSold: [],
    popularity: {},
    personName,
  },
  {
    name: URUMQI,
    timeZone: 'Asia/Urumqi',
    network: urumqiNetworkSpec,
    leaderPhone: urumqiLeaderPhone,
    customerPhone: urumqiCustomerPhone,
    share: 1 / 4,
    // 杭州's own greens and its coastal fish do not travel 4,000 km
    notSold: ['本地小青菜', '鲜活鲈鱼', '舟山带鱼段'],
    popularity: { 内蒙古羊肉卷: 5, 澳洲牛腩: 3, 赣南脐橙: 3, 海南香蕉: 6, 鲜牛奶: 5 },
    personName: urumqiPersonName,
  },
];

/** The products a city sells, with its own popularity. */
export function cityCatalog(city: CitySpec, products: readonly ProductSpec[] = catalogSpec()): ProductSpec[] {
  return products
    .filter((p) => (p.only === undefined || p.only === city.name) && !city.notSold.includes(p.name))
    .map((p) => ({ ...p, popularity: city.popularity[p.name] ?? p.popularity }));
}
export const WAREHOUSE_PHONE = '13700000001';
/** The second city's own operator: a console account limited to that city (decision 029). */
export const CITY_OPERATOR = { phone: '13700000002', name: '乌鲁木齐运营 阿力木' };
/** The console's other teams (decision 057), one account each, every region. */
export const STAFF_ACCOUNTS = [
  { role: 'operations', phone: '13700000003', name: '运营 小林', note: '运营 operations: deals, marketing, leaders' },
  { role: 'buyer', phone: '13700000004', name: '采购 老陈', note: '采购选品 buyer: products, suppliers, quality' },
  { role: 'finance', phone: '13700000005', name: '财务 王姐', note: '财务 finance: payables, withdrawals, costs' },
  {
    role: 'service_supervisor',
    phone: '13700000006',
    name: '客服主管 李娜',
    note: '客服主管 service supervisor',
  },
  { role: 'service_agent', phone: '13700000007', name: '客服 小美', note: '客服 service agent: after-sales' },
] as const;
export const DEMO_ADMIN = { phone: '13800000000', password: 'linli-admin' };
export const DEMO_PASSWORD = 'linli-demo';

/**
 * How often each customer shops: a heavy-tailed weight (a few regulars order most days, many
 * order now and then), like the repurchase curves of real group-buying communities.
 */
export function customerActivity(rng: Rng, count: number): number[] {
  return Array.from({ length: count }, () => 1 / (1 - rng.next() * 0.97) ** 0.9 - 0.9);
}

/** `count` distinct indexes drawn by weight without replacement (Efraimidis–Spirakis keys). */
export function sampleWeighted(rng: Rng, weights: readonly number[], count: number): number[] {
  const keyed = weights.map((w, i) => ({ i, key: w > 0 ? rng.next() ** (1 / w) : -1 }));
  keyed.sort((a, b) => b.key - a.key);
  return keyed
    .slice(0, Math.min(count, weights.length))
    .filter((k) => k.key >= 0)
    .map((k) => k.i);
}

// ---------------------------------------------------------------- deals and baskets

export interface DealSpec {
  /** index into the product list */
  product: number;
  priceFen: number;
  memberPriceFen?: number;
  quota?: number;
  perCustomerLimit?: number;
}

/**
 * A day's deals: the best sellers are on sale every day, the rest rotate. Some deals are
 * extra cheap for the day with a small quota and a per-customer limit (the traffic drivers),
 * some have a member price.
 */
export function dealsForDay(
  rng: Rng,
  products: readonly ProductSpec[],
  count: number,
  opts: { ordersPerDay: number },
): DealSpec[] {
  const staples = products
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.popularity >= 5)
    .map(({ i }) => i);
  const others = products.map((_, i) => i).filter((i) => !staples.includes(i));
  const chosen = [
    ...staples,
    ...sampleWeighted(
      rng,
      others.map((i) => products[i].popularity),
      Math.max(0, count - staples.length),
    ).map((k) => others[k]),
  ];
  return chosen
    .sort((a, b) => a - b)
    .map((i) => {
      const p = products[i];
      const deal: DealSpec = { product: i, priceFen: p.priceFen };
      const roll = rng.next();
      if (roll < 0.12) {
        // 爆款: about 15 % off the deal price, limited stock, 2 per customer
        deal.priceFen = roundPrice((p.priceFen * 85) / 100);
        deal.quota = Math.max(10, Math.round((opts.ordersPerDay * (0.2 + rng.next() * 0.3)) / 5) * 5);
        deal.perCustomerLimit = 2;
      } else if (roll < 0.35) {
        deal.memberPriceFen = roundPrice((p.priceFen * 92) / 100);
      } else if (roll < 0.42) {
        deal.perCustomerLimit = 5;
      }
      return deal;
    });
}

/** Prices end in 0 or 9 fen-wise the way shelf prices do (e.g. 24.90, 8.99 → 8.90). */
export function roundPrice(fen: number): number {
  return Math.max(90, Math.floor(fen / 10) * 10);
}

export interface BasketLine {
  deal: number;
  quantity: number;
}

/** How many deals a basket holds (1–4) and how many units of each (1–3). */
const BASKET_SIZE = [0.38, 0.34, 0.19, 0.09];
const QUANTITY = [0.68, 0.24, 0.08];

/**
 * One customer's basket from the day's deals: 1–4 distinct deals drawn by popularity (fresh
 * produce weighted up — it is what people come for, and > 60 % of GMV in the sources),
 * 1–3 units each, never above a deal's per-customer limit.
 */
export function generateBasket(rng: Rng, deals: readonly DealSpec[], products: readonly ProductSpec[]): BasketLine[] {
  const weights = deals.map((d) => {
    const p = products[d.product];
    const categoryBoost = p.category === 'fresh' ? 1.8 : 1;
    return p.popularity ** 1.3 * categoryBoost * (d.quota ? 1.5 : 1);
  });
  const size = 1 + rng.weighted(BASKET_SIZE);
  return sampleWeighted(rng, weights, size).map((deal) => {
    const quantity = 1 + rng.weighted(QUANTITY);
    return { deal, quantity: Math.min(quantity, deals[deal].perCustomerLimit ?? quantity) };
  });
}

/** Orders on a day: a slow growth trend, busier weekends, ±10 % noise. `dayOfWeek` 0 = Sunday. */
export function ordersOnDay(rng: Rng, base: number, dayIndex: number, days: number, dayOfWeek: number): number {
  const trend = 0.85 + (0.3 * dayIndex) / Math.max(1, days - 1);
  const weekend = dayOfWeek === 0 || dayOfWeek === 6 ? 1.2 : 1;
  return Math.max(1, Math.round(base * trend * weekend * (0.9 + rng.next() * 0.2)));
}

/**
 * When orders come in over an order day (07:00–23:00 local): share of the day's orders in
 * each hour, with the lunch-break and evening peaks group-buying chats see.
 */
export const ORDER_HOURS: [hour: number, weight: number][] = [
  [7, 3],
  [8, 5],
  [9, 6],
  [10, 5],
  [11, 6],
  [12, 8],
  [13, 6],
  [14, 4],
  [15, 4],
  [16, 5],
  [17, 6],
  [18, 8],
  [19, 10],
  [20, 12],
  [21, 11],
  [22, 6],
];

/** When customers collect (09:00–21:00 the next day): after work is busiest. */
export const PICKUP_HOURS: [hour: number, weight: number][] = [
  [9, 6],
  [10, 8],
  [11, 7],
  [12, 6],
  [13, 4],
  [14, 4],
  [15, 5],
  [16, 7],
  [17, 10],
  [18, 12],
  [19, 10],
  [20, 6],
];

/**
 * The minute of the day (from midnight) at which fraction `q` (0..1) of the day's events
 * has happened, for an hourly profile: the inverse of its cumulative distribution.
 */
export function minuteAtQuantile(profile: readonly [number, number][], q: number): number {
  const total = profile.reduce((s, [, w]) => s + w, 0);
  let target = Math.min(Math.max(q, 0), 1) * total;
  for (const [hour, w] of profile) {
    if (target <= w) return hour * 60 + (w === 0 ? 0 : (target / w) * 60);
    target -= w;
  }
  const [lastHour] = profile[profile.length - 1];
  return lastHour * 60 + 60;
}
