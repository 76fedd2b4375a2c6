/** Every visible string of the leader app, zh-CN first; both languages complete. */
// `*_one` keys are English singulars (i18next plurals by `count`); zh repeats its only form so both share one shape.
const zh = {
  app: { title: '邻里团长' },
  tabs: { orders: '订单', arrival: '到货', verify: '核销', commission: '佣金', me: '我的' },
  login: {
    title: '团长登录', subtitle: '用团长账号登录，管理自提点的订单、到货和核销',
    phonePlaceholder: '请输入手机号', passwordPlaceholder: '请输入密码', missing: '请填写手机号和密码',
    notLeader: '该账号不是团长账号。请使用团长账号登录，或联系运营开通团长身份。', switchAccount: '换个账号登录',
  },
  campaign: {
    choose: '选择团期', none: '还没有与本自提点相关的团期',
    open: '进行中', cutOff: '已截单', pickup: '{{date}} 自提', cutoff: '{{time}} 截单', orders: '{{count}} 单', orders_one: '{{count}} 单',
    list: { pending: '待发货', dispatched: '已发货', arrived: '已到货' },
  },
  orders: {
    byCustomer: '按顾客', byProduct: '按商品', uncollected: '超期未取',
    customerOrders: '{{count}} 单 · {{units}} 件', customerOrders_one: '{{count}} 单 · {{units}} 件', units: '共 {{count}} × {{unit}}', empty: '这个团期在本自提点还没有订单',
    uncollectedEmpty: '没有超期未取的订单', uncollectedHint: '这些订单的自提日已过，货还在自提点，请提醒顾客来取。',
    pickupDate: '应于 {{date}} 自提', orderNo: '订单 {{number}}',
    summary: '{{customers}} 位顾客 · {{orders}} 单 · 待自提 {{waiting}} 单 · 已完成 {{done}} 单',
  },
  status: {
    paid: '已支付', closed: '已截单', ready: '待自提', completed: '已完成', cancelled: '已取消', pending_payment: '待支付',
  },
  line: {
    pending: '待截单', allocated: '配送中', short: '缺货', arrived: '已到货', picked_up: '已取货', refunded: '已退款',
  },
  arrival: {
    title: '到货确认', hint: '按实际收到的数量清点。少到或破损的部分会自动退款给顾客。',
    expected: '应到 {{count}} × {{unit}}', received: '实收', damaged: '破损', missing: '缺少 {{count}}',
    confirmAll: '全部确认到货', confirmOne: '只确认这一项', confirmOneTitle: '确认「{{name}}」到货？', confirmTitle: '确认全部到货？', confirmBody: '确认后无法修改。少到 {{missing}} 件、破损 {{damaged}} 件将退款给顾客。',
    done: '已确认：实收 {{received}}，缺少 {{missing}}，破损 {{damaged}}',
    result: '到货已确认，{{ready}} 单可以自提了', refunds: '已为 {{count}} 条商品退款 {{amount}}', refunds_one: '已为 {{count}} 条商品退款 {{amount}}',
    noList: '这个团期还没有截单，暂无分拣单', pending: '货物还没从仓库发出，发车后再来确认到货', allDone: '本团期的货物已全部确认到货',
  },
  verify: {
    title: '核销取货', hint: '输入顾客出示的取货码，或扫描取货码二维码', placeholder: '取货码',
    submit: '核销', scan: '扫码', scanning: '将二维码对准取景框', stopScan: '停止扫码', cameraError: '无法打开摄像头，请直接输入取货码',
    notFound: '本自提点没有这个取货码，请核对后重试', success: '核销成功', pickedUp: '已交给 {{name}}（{{phone}}）',
  },
  commission: {
    pending: '待结算', available: '可提现', withdrawn: '已提现', withdraw: '申请提现', nothing: '暂无可提现金额',
    amount: '提现金额（元）', amountInvalid: '请输入 0.01 到 {{max}} 之间的金额', requested: '提现申请已提交', ledger: '佣金明细',
    withdrawals: '提现记录', ledgerEmpty: '还没有佣金记录', showAll: '查看全部 {{count}} 条', movedTo: '转入{{bucket}}', withdrawalsEmpty: '还没有提现记录', availableAt: '{{date}} 可提现', availableSince: '{{date}} 起可提现',
    kind: { commission: '取货佣金', settlement: '结算', reversal: '退款冲回', withdrawal: '提现', withdrawal_rejected: '提现退回' },
    wStatus: { requested: '审核中', paid: '已打款', rejected: '已驳回' },
  },
  me: {
    point: '我的自提点', address: '地址', rate: '佣金比例', poster: '一键开团（分享海报）', settings: '设置', language: '语言 / Language',
    logoutConfirm: '确定退出登录吗？',
  },
  poster: {
    brand: '邻里团购 · 今日好物', title: '一键开团', pickDeal: '选择要分享的商品', noDeals: '现在没有进行中的团购', cutoff: '{{time}} 截单',
    pickupAt: '自提点：{{name}}', scanToBuy: '扫码下单', listPrice: '原价', save: '保存图片', share: '分享', shareText: '{{name}} 团购价 {{price}}，快来下单！',
    drawing: '正在生成海报…', saved: '图片已保存',
  },
  fmt: { dateTime: '{{month}}月{{day}}日 {{hh}}:{{mm}}', date: '{{month}}月{{day}}日' },
};

type Strings = typeof zh;

const en: Strings = {
  app: { title: 'Linli Leader' },
  tabs: { orders: 'Orders', arrival: 'Arrival', verify: 'Pickup', commission: 'Earnings', me: 'Me' },
  login: {
    title: 'Leader sign-in', subtitle: 'Sign in with your leader account to manage orders, arrivals and pickups at your point',
    phonePlaceholder: 'Mobile number', passwordPlaceholder: 'Password', missing: 'Enter your phone and password',
    notLeader: 'This account is not a leader account. Sign in with a leader account, or ask the operator to appoint you.', switchAccount: 'Use another account',
  },
  campaign: {
    choose: 'Choose a campaign', none: 'No campaigns concern your point yet',
    open: 'Open', cutOff: 'Cut off', pickup: 'pickup {{date}}', cutoff: 'closes {{time}}', orders: '{{count}} orders', orders_one: '{{count}} order',
    list: { pending: 'Not dispatched', dispatched: 'On its way', arrived: 'Arrived' },
  },
  orders: {
    byCustomer: 'By customer', byProduct: 'By product', uncollected: 'Uncollected',
    customerOrders: '{{count}} orders · {{units}} items', customerOrders_one: '{{count}} order · {{units}} items', units: '{{count}} × {{unit}} in all', empty: 'No orders at your point in this campaign yet',
    uncollectedEmpty: 'No overdue orders', uncollectedHint: 'Their pickup day has passed and the goods are still at your point — remind these customers.',
    pickupDate: 'due {{date}}', orderNo: 'Order {{number}}',
    summary: 'Customers {{customers}} · orders {{orders}} · ready for pickup {{waiting}} · completed {{done}}',
  },
  status: {
    paid: 'Paid', closed: 'Cut off', ready: 'Ready', completed: 'Completed', cancelled: 'Cancelled', pending_payment: 'Unpaid',
  },
  line: {
    pending: 'Before cutoff', allocated: 'On its way', short: 'Out of stock', arrived: 'Arrived', picked_up: 'Picked up', refunded: 'Refunded',
  },
  arrival: {
    title: 'Confirm arrival', hint: 'Count what actually arrived. Missing or damaged units are refunded to customers automatically.',
    expected: '{{count}} × {{unit}} expected', received: 'Received', damaged: 'Damaged', missing: '{{count}} missing',
    confirmAll: 'Confirm all', confirmOne: 'Confirm this one', confirmOneTitle: 'Confirm arrival of {{name}}?', confirmTitle: 'Confirm arrival of everything?', confirmBody: 'This cannot be changed. {{missing}} missing and {{damaged}} damaged units will be refunded.',
    done: 'Confirmed: {{received}} received, {{missing}} missing, {{damaged}} damaged',
    result: 'Arrival confirmed — orders ready for pickup: {{ready}}', refunds: '{{count}} lines refunded, {{amount}} in all', refunds_one: '{{count}} line refunded, {{amount}}',
    noList: 'This campaign is not cut off yet — no sorting list', pending: 'The goods have not left the warehouse yet — confirm once they are dispatched', allDone: 'Everything of this campaign has been confirmed',
  },
  verify: {
    title: 'Verify pickup', hint: 'Type the code the customer shows, or scan its QR code', placeholder: 'Pickup code',
    submit: 'Verify', scan: 'Scan', scanning: 'Point the camera at the QR code', stopScan: 'Stop scanning', cameraError: 'The camera is unavailable — type the code instead',
    notFound: 'Code not found at your point — check it and try again', success: 'Picked up', pickedUp: 'Handed to {{name}} ({{phone}})',
  },
  commission: {
    pending: 'Pending', available: 'Available', withdrawn: 'Withdrawn', withdraw: 'Withdraw', nothing: 'Nothing to withdraw yet',
    amount: 'Amount (yuan)', amountInvalid: 'Enter an amount from 0.01 to {{max}}', requested: 'Withdrawal requested', ledger: 'Commission ledger',
    withdrawals: 'Withdrawals', ledgerEmpty: 'No commission yet', showAll: 'Show all {{count}}', movedTo: 'to {{bucket}}', withdrawalsEmpty: 'No withdrawals yet', availableAt: 'available {{date}}', availableSince: 'available since {{date}}',
    kind: { commission: 'Pickup commission', settlement: 'Settled', reversal: 'Refund reversal', withdrawal: 'Withdrawal', withdrawal_rejected: 'Withdrawal returned' },
    wStatus: { requested: 'Under review', paid: 'Paid out', rejected: 'Rejected' },
  },
  me: {
    point: 'My pickup point', address: 'Address', rate: 'Commission rate', poster: 'Share a deal (poster)', settings: 'Settings', language: '语言 / Language',
    logoutConfirm: 'Sign out now?',
  },
  poster: {
    brand: 'Linli · today\'s deal', title: 'Share a deal', pickDeal: 'Choose a deal to share', noDeals: 'No deals are open right now', cutoff: 'closes {{time}}',
    pickupAt: 'Pickup: {{name}}', scanToBuy: 'Scan to order', listPrice: 'List price', save: 'Save image', share: 'Share', shareText: '{{name}} for {{price}} — order now!',
    drawing: 'Drawing the poster…', saved: 'Image saved',
  },
  fmt: { dateTime: '{{month}}/{{day}} {{hh}}:{{mm}}', date: '{{month}}/{{day}}' },
};

export const strings = { 'zh-CN': zh, en };
