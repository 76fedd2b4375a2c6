/** Every visible word of the set-up screens, in both languages (keys under `setup.`). */
const zh = {
  nav: {
    suppliers: '供应商', warehouses: '仓库', routes: '配送线路', pickupPoints: '自提点', leaders: '团长', products: '商品',
    campaigns: '团期与商品', fullReduction: '满减活动', coupons: '优惠券', membership: '会员设置',
  },
  saved: '已保存', nothingChanged: '没有修改', edit: '编辑', view: '查看', remove: '删除', pause: '暂停', resume: '恢复',
  optional: '选填', unlimited: '不限', days: '{{n}} 天', searchName: '按名称搜索',
  f: {
    name: '名称', status: '状态', kind: '类型', parent: '所属中心仓', warehouse: '所属仓库', route: '配送线路', address: '地址',
    leader: '团长', location: '坐标', lat: '纬度', lng: '经度', phone: '手机号', pickupPoint: '自提点', commission: '佣金比例',
    commissionPct: '佣金比例（%）', user: '用户', category: '品类', supplier: '供应商', unit: '单位', listPrice: '划线价', cost: '成本价',
    listPriceYuan: '划线价（元）', costYuan: '成本价（元）', zone: '温层', shelfLife: '保质期', shelfLifeDays: '保质期（天）', packSize: '采购箱规',
    title: '团期名称', startsAt: '开团时间', cutoffAt: '截单时间', pickupDate: '提货日期', product: '商品', dealPrice: '团购价',
    dealPriceYuan: '团购价（元）', memberPrice: '会员价', memberPriceYuan: '会员价（元）', quota: '限量', sold: '已售',
    perCustomerLimit: '每人限购', saleStartsAt: '秒杀开抢时间', groupTiers: '阶梯拼团价', tiers: '满减档位', scope: '适用范围',
    window: '活动时间', orders: '使用订单', discountGiven: '优惠金额', rule: '规则', thresholdYuan: '使用门槛（元）',
    discountYuan: '减免金额（元）', percentOff: '减免比例', maxDiscountYuan: '最高优惠（元）', validity: '有效期', limits: '限领',
    usage: '发放/使用', perCustomerCoupons: '每人限领', totalLimit: '发放总量', stackable: '可与满减同享', claimable: '领券中心可领',
  },
  v: {
    required: '请填写此项', yuan: '请输入金额，如 12.90', positive: '金额需大于 0', memberPrice: '会员价不能高于团购价',
    tiersBuyers: '阶梯人数需从 2 起逐级递增', tiersPrice: '阶梯价需逐级降低，且低于团购价', cutoffAfterStart: '截单时间需晚于开团时间',
    cutoffFuture: '截单时间需在当前时间之后', bothCoords: '纬度和经度需同时填写', discountBelowThreshold: '减免金额需小于门槛金额',
    thresholdAscending: '门槛金额需逐级递增', pickupAfterCutoff: '提货日期不能早于截单日期',
  },
  status: {
    active: '启用', suspended: '已暂停合作', inactive: '已停用', paused: '已暂停', running: '进行中', scheduled: '未开始',
  },
  kind: { central: '中心仓', grid: '网格仓' },
  zone: { ambient: '常温', chilled: '冷藏', frozen: '冷冻' },
  phase: { upcoming: '未开始', selling: '售卖中', awaiting_cutoff: '待截单', cut_off: '已截单' },
  suppliers: {
    new: '新增供应商', edit: '编辑供应商', productCount: '商品数', empty: '还没有供应商，先新增一个', statusHint: '暂停合作后，已有商品保留，但新建商品时不可选择',
  },
  warehouses: {
    new: '新增仓库', edit: '编辑仓库', empty: '还没有仓库', routeCount: '线路数', fixedHint: '仓库类型和所属中心仓创建后不能修改',
  },
  routes: { new: '新增线路', edit: '编辑线路', empty: '还没有配送线路', pointCount: '自提点数' },
  points: {
    new: '新增自提点', edit: '编辑自提点', empty: '还没有自提点', noLeader: '暂无团长', search: '按名称、地址或团长搜索',
  },
  leaders: {
    new: '任命团长', editRate: '调整佣金', editRateOf: '调整佣金：{{name}}', empty: '还没有团长', search: '按姓名、手机号或自提点搜索',
    activate: '启用', deactivate: '停用', activateQ: '确定重新启用该团长？', deactivateQ: '停用后该团长将无法处理本点订单，确定停用？',
    userHint: '输入姓名或手机号查找已注册用户', userSearch: '搜索用户', rateHint: '按提货成功的实付金额计算，调整后对之后的提货生效',
  },
  products: {
    new: '新增商品', edit: '编辑商品', empty: '还没有商品', search: '按商品名或供应商搜索', unitPh: '斤 / 盒 / 袋',
    listPriceHint: '划线价修改后立即展示；已上团的团购价不变', packHint: '采购按箱规向上取整',
  },
  categories: {
    new: '新增品类', code: '品类编码', codeHint: '小写字母开头，可含数字和下划线，创建后不能修改', codeRule: '编码格式不正确',
    nameZh: '中文名称', nameEn: '英文名称',
  },
  campaigns: {
    new: '新建团期', copy: '复制', copyTitle: '复制团期：{{title}}（商品已带入，请确认时间后创建）', editTitle: '编辑团期：{{title}}', empty: '还没有团期', search: '按团期或商品名搜索', dealCount: '商品数',
    soldUnits: '已售件数', create: '创建团期', saveHead: '保存团期信息', needDeal: '请至少添加一个商品', deals: '团购商品（{{n}}）',
    noDeals: '还没有商品，点击“添加商品”', closedHint: '该团期已截单，不能再修改', startFixed: '已开团，开团时间不能修改',
  },
  deals: {
    add: '添加商品', edit: '编辑团购商品', pickProduct: '选择商品', listPriceIs: '划线价 {{price}} / {{unit}}', removeQ: '确定从团期中移除该商品？',
    quotaHint: '不填为不限量', limitHint: '不填为不限购', flashHint: '秒杀商品在该时间开抢；不填则随团期开售',
    tiersHint: '参团人数达到档位后，所有买家按该价格结算，差价在截单时自动退回', addTier: '添加阶梯', buyers: '人',
    tierText: '{{n}}人 {{price}}', lockedHint: '该商品已开售，只能修改限量（不能低于已售数量）',
  },
  promo: {
    new: '新建满减', edit: '编辑满减', editHint: '修改只影响之后的订单，已下单的优惠不变', empty: '还没有满减活动', namePh: '如：满99减15', tiersHint: '只按满足的最高一档减免', spend: '满',
    minus: '减', addTier: '添加档位', tierText: '满{{th}}减{{d}}', wholeOrder: '全场通用', scopeHint: '不选则全场商品参与；选择品类后仅这些品类的金额计入门槛',
    pauseQ: '暂停后新订单不再享受该满减，确定暂停？', resumeQ: '确定恢复该满减活动？',
  },
  coupons: {
    new: '新建优惠券', edit: '编辑优惠券', termsFixed: '优惠规则创建后不能修改；已发放后有效期只能延长', empty: '还没有优惠券', kind_amount: '满减券', kind_percent: '折扣券', threshold: '满{{th}}', noThreshold: '无门槛',
    minus: '减{{d}}', percentOff: '减{{pct}}%', cap: '，最高减{{max}}', notStackable: '不与满减同享', claimable: '可领取',
    limits: '每人{{per}}张 / 共{{total}}张', usage: '已发{{issued}} / 已用{{used}}', grant: '发券', grantTitle: '发放优惠券：{{name}}',
    grantTo: '发给用户', grantHint: '可搜索并选择多个用户；超出每人限领的用户不会重复发放', pauseQ: '暂停后不能再领取或发放，确定暂停？',
    resumeQ: '确定恢复该优惠券？', thresholdHint: '0 表示无门槛', percentHint: '如 20 表示减免 20%（即 8 折）', totalHint: '不填为不限量',
    claimableHint: '关闭时只能由运营发放',
  },
  members: {
    configHint: '年卡价格、积分倍数和邀请奖励积分由服务器配置决定；这里设置会员相关的优惠券。',
    couponsTitle: '会员优惠券', purpose: '用途', template: '优惠券', mark: '设为会员券', noneMarked: '还没有设置会员优惠券',
    eligibleHint: '仅可选择不限发放总量的优惠券',
    purpose_monthly_pack: '月度券包', purpose_birthday: '生日券', purpose_referral: '邀请奖励券',
    listTitle: '付费会员', activeUntil: '会员有效期至', tier: '等级', growth: '成长值', noMembers: '还没有付费会员',
    tier_bronze: '铜牌', tier_silver: '银牌', tier_gold: '金牌',
    unmark: '取消', unmarkQ: '取消后不再向会员发放该券（已发放的券保留），确定取消？',
  },
};

const en: typeof zh = {
  nav: {
    suppliers: 'Suppliers', warehouses: 'Warehouses', routes: 'Delivery routes', pickupPoints: 'Pickup points', leaders: 'Leaders', products: 'Products',
    campaigns: 'Campaigns & deals', fullReduction: 'Spend & save', coupons: 'Coupons', membership: 'Membership',
  },
  saved: 'Saved', nothingChanged: 'Nothing changed', edit: 'Edit', view: 'View', remove: 'Remove', pause: 'Pause', resume: 'Resume',
  optional: 'Optional', unlimited: 'Unlimited', days: '{{n}} days', searchName: 'Search by name',
  f: {
    name: 'Name', status: 'Status', kind: 'Kind', parent: 'Central warehouse', warehouse: 'Warehouse', route: 'Route', address: 'Address',
    leader: 'Leader', location: 'Location', lat: 'Latitude', lng: 'Longitude', phone: 'Phone', pickupPoint: 'Pickup point', commission: 'Commission',
    commissionPct: 'Commission (%)', user: 'User', category: 'Category', supplier: 'Supplier', unit: 'Unit', listPrice: 'List price', cost: 'Cost',
    listPriceYuan: 'List price (¥)', costYuan: 'Cost (¥)', zone: 'Temperature', shelfLife: 'Shelf life', shelfLifeDays: 'Shelf life (days)', packSize: 'Pack size',
    title: 'Title', startsAt: 'Selling starts', cutoffAt: 'Cutoff', pickupDate: 'Pickup date', product: 'Product', dealPrice: 'Deal price',
    dealPriceYuan: 'Deal price (¥)', memberPrice: 'Member price', memberPriceYuan: 'Member price (¥)', quota: 'Quota', sold: 'Sold',
    perCustomerLimit: 'Limit per customer', saleStartsAt: 'Flash sale opens', groupTiers: 'Group-tier prices', tiers: 'Tiers', scope: 'Applies to',
    window: 'Runs', orders: 'Orders', discountGiven: 'Discount given', rule: 'Rule', thresholdYuan: 'Minimum spend (¥)',
    discountYuan: 'Amount off (¥)', percentOff: 'Percent off', maxDiscountYuan: 'Maximum discount (¥)', validity: 'Valid', limits: 'Limits',
    usage: 'Issued / used', perCustomerCoupons: 'Per customer', totalLimit: 'Total coupons', stackable: 'Stacks with spend & save', claimable: 'In the claim centre',
  },
  v: {
    required: 'Required', yuan: 'Enter an amount such as 12.90', positive: 'The amount must be above 0', memberPrice: 'The member price must not exceed the deal price',
    tiersBuyers: 'Tier buyer counts start at 2 and must rise', tiersPrice: 'Tier prices must fall, all below the deal price', cutoffAfterStart: 'The cutoff must be after the start',
    cutoffFuture: 'The cutoff must be in the future', bothCoords: 'Enter both latitude and longitude', discountBelowThreshold: 'The amount off must be below the minimum spend',
    thresholdAscending: 'Minimum spends must rise from tier to tier', pickupAfterCutoff: 'The pickup date cannot be before the cutoff day',
  },
  status: {
    active: 'Active', suspended: 'Suspended', inactive: 'Inactive', paused: 'Paused', running: 'Running', scheduled: 'Scheduled',
  },
  kind: { central: 'Central', grid: 'Grid' },
  zone: { ambient: 'Ambient', chilled: 'Chilled', frozen: 'Frozen' },
  phase: { upcoming: 'Upcoming', selling: 'Selling', awaiting_cutoff: 'Awaiting cutoff', cut_off: 'Cut off' },
  suppliers: {
    new: 'New supplier', edit: 'Edit supplier', productCount: 'Products', empty: 'No suppliers yet — add one first', statusHint: 'A suspended supplier keeps its products but cannot be chosen for new ones',
  },
  warehouses: {
    new: 'New warehouse', edit: 'Edit warehouse', empty: 'No warehouses yet', routeCount: 'Routes', fixedHint: 'Kind and central warehouse cannot change after creation',
  },
  routes: { new: 'New route', edit: 'Edit route', empty: 'No delivery routes yet', pointCount: 'Pickup points' },
  points: {
    new: 'New pickup point', edit: 'Edit pickup point', empty: 'No pickup points yet', noLeader: 'No leader', search: 'Search name, address or leader',
  },
  leaders: {
    new: 'Appoint leader', editRate: 'Commission', editRateOf: 'Commission of {{name}}', empty: 'No leaders yet', search: 'Search name, phone or pickup point',
    activate: 'Activate', deactivate: 'Deactivate', activateQ: 'Activate this leader again?', deactivateQ: 'The leader will no longer handle this point’s orders. Deactivate?',
    userHint: 'Type a name or phone to find a registered user', userSearch: 'Search users', rateHint: 'Paid value of picked-up lines; a change applies to later pickups',
  },
  products: {
    new: 'New product', edit: 'Edit product', empty: 'No products yet', search: 'Search product or supplier', unitPh: 'jin / box / bag',
    listPriceHint: 'Shown at once; deal prices in campaigns stay as they are', packHint: 'Purchase orders round up to whole packs',
  },
  categories: {
    new: 'New category', code: 'Code', codeHint: 'Lowercase letter first, then letters, digits or _; cannot change later', codeRule: 'This code is not valid',
    nameZh: 'Chinese name', nameEn: 'English name',
  },
  campaigns: {
    new: 'New campaign', copy: 'Copy', copyTitle: 'Copy of {{title}} (deals copied — check the times, then create)', editTitle: 'Edit campaign: {{title}}', empty: 'No campaigns yet', search: 'Search campaign or product', dealCount: 'Deals',
    soldUnits: 'Units sold', create: 'Create campaign', saveHead: 'Save campaign details', needDeal: 'Add at least one deal', deals: 'Deals ({{n}})',
    noDeals: 'No deals yet — click “Add deal”', closedHint: 'This campaign is cut off and can no longer be edited', startFixed: 'Already selling: the start time is fixed',
  },
  deals: {
    add: 'Add deal', edit: 'Edit deal', pickProduct: 'Choose a product', listPriceIs: 'List price {{price}} / {{unit}}', removeQ: 'Remove this deal from the campaign?',
    quotaHint: 'Empty: unlimited', limitHint: 'Empty: no limit', flashHint: 'A flash deal opens at this time; empty: with the campaign',
    tiersHint: 'When enough buyers join, everyone pays the tier price; the difference is refunded at cutoff', addTier: 'Add tier', buyers: 'buyers',
    tierText: '{{n}} buyers {{price}}', lockedHint: 'This deal is on sale: only its quota can change (not below units sold)',
  },
  promo: {
    new: 'New spend & save', edit: 'Edit spend & save', editHint: 'Changes apply to later orders; placed orders keep their discount', empty: 'No spend & save promotions yet', namePh: 'e.g. ¥15 off ¥99', tiersHint: 'Only the highest tier reached applies', spend: 'Spend',
    minus: 'save', addTier: 'Add tier', tierText: 'spend {{th}} save {{d}}', wholeOrder: 'Whole order', scopeHint: 'Empty: every product counts; with categories only their amount counts',
    pauseQ: 'New orders will not get this discount. Pause?', resumeQ: 'Resume this promotion?',
  },
  coupons: {
    new: 'New coupon', edit: 'Edit coupon', termsFixed: 'The discount terms are fixed; once issued, the validity can only be extended', empty: 'No coupons yet', kind_amount: 'Amount off', kind_percent: 'Percent off', threshold: 'Spend {{th}}', noThreshold: 'No minimum',
    minus: 'save {{d}}', percentOff: '{{pct}}% off', cap: ', at most {{max}}', notStackable: 'No spend & save', claimable: 'Claimable',
    limits: '{{per}} each / {{total}} total', usage: '{{issued}} issued / {{used}} used', grant: 'Grant', grantTitle: 'Grant coupon: {{name}}',
    grantTo: 'Users', grantHint: 'Search and pick several users; nobody gets more than the per-customer limit', pauseQ: 'It can no longer be claimed or granted. Pause?',
    resumeQ: 'Resume this coupon?', thresholdHint: '0 means no minimum', percentHint: 'e.g. 20 means 20% off', totalHint: 'Empty: unlimited',
    claimableHint: 'Off: only operators grant it',
  },
  members: {
    configHint: 'The annual card price, point multipliers and referral points come from the server configuration; here you choose the members’ coupons.',
    couponsTitle: 'Member coupons', purpose: 'Purpose', template: 'Coupon', mark: 'Use for members', noneMarked: 'No member coupons yet',
    eligibleHint: 'Only coupons without a total limit qualify',
    purpose_monthly_pack: 'Monthly pack', purpose_birthday: 'Birthday coupon', purpose_referral: 'Referral reward',
    listTitle: 'Paid members', activeUntil: 'Member until', tier: 'Tier', growth: 'Growth', noMembers: 'No paid members yet',
    tier_bronze: 'Bronze', tier_silver: 'Silver', tier_gold: 'Gold',
    unmark: 'Stop', unmarkQ: 'Members will no longer get this coupon (coupons already granted stay). Stop?',
  },
};

export const setupStrings: { 'zh-CN': Record<string, unknown>; en: Record<string, unknown> } = {
  'zh-CN': { setup: zh },
  en: { setup: en },
};
