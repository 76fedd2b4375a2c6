/** The shop's own words, zh-CN first; the common ones (errors, generic buttons) come from shared/i18n. */
const zh = {
  app: { name: '邻里优选' },
  tabs: { deals: '首页', cart: '购物车', orders: '订单', me: '我的', label: '主导航' },
  deals: {
    all: '全部', days: '{{n}}天', none: '今天暂时没有团购，明天再来看看吧', signInForPickup: '登录后选择自提点，开始团购 ›',
    pickupAt: '自提点', choosePickup: '请选择自提点', sharedPoint: '团长邀请你在「{{name}}」自提', useSharedPoint: '改到这里自提', change: '切换', cutoffIn: '距截单', pickupDate: '{{date}} 到店自提',
    flash: '秒杀', group: '拼团', limit: '每人限购{{n}}件', memberPrice: '会员价 {{price}}', notOpen: '即将开抢', soldOut: '已抢光',
    add: '加入购物车', opensIn: '距开抢', stock: '剩余 {{remaining}} / 共 {{quota}} 件', buyers: '已有 {{n}} 人参团',
    nextTier: '再 {{n}} 人购买，全员降到 {{price}}', bestTier: '已达最低价', tierRefund: '截单后按最终价自动退差价',
  },
  cart: {
    title: '购物车', gone: '{{n}} 件商品已下架或团购已结束', removeGone: '移除', empty: '购物车是空的', goShopping: '去逛逛',
    quantity: '数量', checkout: '去结算', signInToPrice: '登录后查看优惠价格', choosePickupToPrice: '选择自提点后查看优惠价格',
    fillHint: '再买 {{missing}}，满 {{threshold}} 可减 {{discount}}', fillGo: '去凑单 ›', estimated: '预计实付',
  },
  price: {
    subtotal: '商品金额', member: '会员价已省', memberNote: '已计入商品金额', fullReduction: '满减', coupon: '优惠券',
    points: '积分抵扣（{{n}} 积分）', total: '实付',
  },
  checkout: {
    title: '确认订单', pickup: '自提信息', items: '商品', coupon: '优惠券', noCoupon: '不使用优惠券',
    notStackable: '该优惠券不能与满减同享，已按优惠券计算', couponUnusable: '这张优惠券不满足使用条件（如未达到使用门槛），请换一张或不使用', points: '积分', pointsRule: '100 积分抵 1 元，最多抵订单的一半',
    usePoints: '使用积分（可用 {{n}}）', submit: '提交订单并支付',
  },
  coupon: { percent: '{{zhe}}折', cap: '最多减{{cap}}', amount: '满{{threshold}}减{{off}}', noThreshold: '无门槛减{{off}}' },
  status: { pending_payment: '待支付', paid: '已支付', cancelled: '已取消', closed: '备货中', ready: '待提货', completed: '已完成' },
  lineStatus: { pending: '待备货', allocated: '已配货', short: '缺货已退款', arrived: '已到店', picked_up: '已提货', refunded: '已退款' },
  orders: {
    title: '我的订单', none: '还没有订单', membership: '付费会员年卡',
    filter: { all: '全部', unpaid: '待支付', toPickUp: '待提货', completed: '已完成', cancelled: '已取消' },
  },
  order: {
    title: '订单详情', cancelConfirm: '确定取消这个订单吗？', cancelPaidConfirm: '取消后将全额退款，确定取消吗？', cancelled: '订单已取消',
    payWithin: '请在此时间内支付', pickupCode: '提货码', qrLabel: '提货码二维码', showCode: '到自提点出示提货码或二维码',
    pickupAt: '自提点', paidAt: '支付时间', lines: '商品', lineRefunded: '已退 {{amount}}', paid: '实付', due: '应付', refunded: '已退款',
    paymentReturned: '订单已取消，您支付的 {{amount}} 已原路退回',
    refunds: '退款/售后', pay: '去支付', aftersales: '申请售后', cancel: '取消订单',
  },
  refundKind: { cancel: '取消退款', shortage: '缺货退款', arrival_loss: '到货短少', aftersales: '售后', price_adjustment: '拼团退差价' },
  reason: {
    quality: '质量问题', missing: '少件/漏发', wrong_item: '发错商品', other: '其他', customer_cancelled: '用户取消', group_tier: '拼团差价',
    shortage: '缺货', damaged: '运输损坏',
  },
  refundStatus: { requested: '处理中', refunded: '已退款', rejected: '已驳回' },
  aftersales: {
    title: '申请售后', nothing: '没有可申请售后的商品（提货后 48 小时内可申请）', sent: '已提交，预计退款 {{amount}}', lines: '选择商品',
    paid: '实付 {{amount}}', reason: '售后原因', notePlaceholder: '补充说明（选填）', rule: '退款金额由系统按商品实付金额计算，不超过实付金额。',
  },
  me: {
    checkedIn: '签到成功，获得 {{n}} 积分（连续 {{days}} 天）', alreadyCheckedIn: '今天已签到（连续 {{days}} 天）',
    memberUntil: '会员至 {{date}}', checkIn: '签到', points: '积分', coupons: '优惠券', couponsUsable: '可用优惠券', services: '我的服务', pickupPoint: '我的自提点',
    pointsHistory: '积分明细', messages: '消息', membership: '付费会员', invite: '邀请好友', settings: '设置', language: '语言 Language',
    security: '账号安全',
  },
  security: {
    title: '账号安全', changeTitle: '修改密码', oldPassword: '当前密码', newPassword: '新密码（至少 8 位）', change: '修改密码',
    changed: '密码已修改，其他设备上的登录已退出', wrongOld: '当前密码不正确',
    changeHint: '修改密码后，其他手机和电脑上的登录会立即退出。',
    everywhere: '退出所有设备', everywhereConfirm: '退出所有设备上的登录（包括本机）？之后需要重新登录。',
  },
  tier: { bronze: '铜牌会员', silver: '银牌会员', gold: '金牌会员' },
  auth: {
    tagline: '今天下单，明天到小区自提', phoneRule: '请输入 11 位手机号', passwordRequired: '请输入密码', noAccount: '还没有账号？',
    register: '注册', browse: '先逛逛', phoneTaken: '该手机号已注册，请直接登录', registerTitle: '注册邻里优选',
    invited: '好友邀请码 {{code}} 已填好', name: '昵称', nameRule: '请输入昵称', passwordRule: '密码至少 8 位', inviteCode: '邀请码（选填）',
    haveAccount: '已有账号？',
    smsCode: '短信验证码', smsCodeRule: '请输入 6 位验证码', getCode: '获取验证码', resendIn: '{{n}} 秒后重发', codeSent: '验证码已发送',
    demoCode: '演示模式：验证码是 {{code}}', byCode: '验证码登录', byPassword: '密码登录', phoneFirst: '请先输入手机号',
    codeLoginFailed: '手机号或验证码错误',
  },
  pickup: {
    meters: '{{n}} 米', km: '{{n}} 公里', noLocation: '无法获取位置，请搜索自提点名称', saved: '自提点已更新', title: '选择自提点',
    search: '搜索自提点名称', nearMe: '附近', none: '没有找到自提点', leader: '团长 {{name}}', current: '当前',
  },
  coupons: {
    title: '优惠券', claimCentre: '领券中心', mine: '我的券', claimed: '领取成功', noneToClaim: '暂时没有可领取的优惠券',
    validTo: '有效期至 {{date}}', left: '剩 {{n}} 张', notStackable: '不与满减同享', claimedAll: '已领取', gone: '已领完', claim: '领取',
    noneMine: '还没有优惠券', validRange: '{{from}} – {{to}}',
  },
  couponStatus: { available: '可使用', used: '已使用', expired: '已过期' },
  messages: {
    title: '消息', none: '还没有消息', paid: '订单支付成功 {{amount}}', arrived: '您的商品已到自提点，请凭提货码提货',
    pickedUp: '已提货 {{n}} 件商品，欢迎再来', refund: '退款 {{amount}} 已原路退回（{{why}}）', other: '订单有新动态',
  },
  points: {
    title: '我的积分', balance: '当前积分', rule: '100 积分可抵 1 元', none: '还没有积分记录', history: '积分明细',
  },
  pointsReason: {
    order: '购物奖励', refund: '退款扣回', referral: '邀请奖励', check_in: '每日签到', review: '评价奖励', redeem: '下单抵扣',
    redeem_returned: '抵扣积分退回（取消或退款）', compensation: '生鲜损坏补偿', expire: '积分过期',
  },
  membership: {
    title: '付费会员', active: '您已是付费会员', until: '有效期至 {{date}}', pitch: '开通邻里优选年卡会员，全年享会员价和双倍积分。',
    benefits: '会员权益', b1: '会员专享价：标有会员价的商品直接按会员价结算', b2: '双倍积分：每消费 1 元得 2 积分', b3: '每月优惠券礼包',
    renew: '续费会员', buy: '立即开通', priceNote: '价格以收银台显示为准，支付成功后立即生效。',
  },
  invite: {
    title: '邀请好友', pitch: '好友通过你的链接注册，首单提货后你们都能获得积分奖励。', code: '我的邀请码', qrLabel: '邀请链接二维码',
    copied: '链接已复制', copyFailed: '复制失败，请长按链接手动复制', copy: '复制邀请链接', shareText: '邻里优选：今天下单，明天小区自提',
    share: '分享给好友',
  },
};

type Strings = typeof zh;

const en: Strings = {
  app: { name: 'Linli Fresh' },
  tabs: { deals: 'Home', cart: 'Cart', orders: 'Orders', me: 'Me', label: 'Main navigation' },
  deals: {
    all: 'All', days: '{{n}}d', none: 'No deals today — check back tomorrow', signInForPickup: 'Sign in and choose a pickup point to start ›',
    pickupAt: 'Pickup', choosePickup: 'Choose a pickup point', sharedPoint: 'Your leader invites you to pick up at “{{name}}”', useSharedPoint: 'Pick up here', change: 'Change', cutoffIn: 'Orders close in', pickupDate: 'Pick up on {{date}}',
    flash: 'Flash', group: 'Group', limit: 'Limit {{n}} per person', memberPrice: 'Members {{price}}', notOpen: 'Coming soon', soldOut: 'Sold out',
    add: 'Add to cart', opensIn: 'Opens in', stock: '{{remaining}} of {{quota}} left', buyers: 'Buyers so far: {{n}}',
    nextTier: '{{price}} for everyone once {{n}} more join', bestTier: 'Lowest price reached', tierRefund: 'The difference to the final price is refunded after cutoff',
  },
  cart: {
    title: 'Cart', gone: 'No longer on sale: {{n}}', removeGone: 'Remove', empty: 'Your cart is empty', goShopping: 'Browse deals',
    quantity: 'Quantity', checkout: 'Check out', signInToPrice: 'Sign in to see your prices and discounts',
    choosePickupToPrice: 'Choose a pickup point to see your prices', fillHint: 'Add {{missing}} more: spend {{threshold}}, save {{discount}}', fillGo: 'Add items ›',
    estimated: 'Estimated total',
  },
  price: {
    subtotal: 'Items', member: 'Member savings', memberNote: 'Already in the items price', fullReduction: 'Spend-and-save', coupon: 'Coupon',
    points: 'Points ({{n}} points)', total: 'Total',
  },
  checkout: {
    title: 'Confirm order', pickup: 'Pickup', items: 'Items', coupon: 'Coupon', noCoupon: 'No coupon',
    notStackable: 'This coupon cannot be combined with spend-and-save; the coupon was applied',
    couponUnusable: 'This coupon cannot be used on this order (for example, the minimum spend is not reached) — choose another or none', points: 'Points',
    pointsRule: '100 points = ¥1, up to half of the order', usePoints: 'Use points ({{n}} available)', submit: 'Place order and pay',
  },
  coupon: { percent: '{{pct}}% off', cap: 'up to {{cap}}', amount: '{{off}} off over {{threshold}}', noThreshold: '{{off}} off' },
  status: { pending_payment: 'Awaiting payment', paid: 'Paid', cancelled: 'Cancelled', closed: 'Being prepared', ready: 'Ready for pickup', completed: 'Completed' },
  lineStatus: { pending: 'Pending', allocated: 'Allocated', short: 'Short, refunded', arrived: 'Arrived', picked_up: 'Picked up', refunded: 'Refunded' },
  orders: {
    title: 'My orders', none: 'No orders yet', membership: 'Annual membership',
    filter: { all: 'All', unpaid: 'To pay', toPickUp: 'To pick up', completed: 'Completed', cancelled: 'Cancelled' },
  },
  order: {
    title: 'Order', cancelConfirm: 'Cancel this order?', cancelPaidConfirm: 'You will get a full refund. Cancel this order?', cancelled: 'Order cancelled',
    payWithin: 'Pay within', pickupCode: 'Pickup code', qrLabel: 'Pickup code QR', showCode: 'Show this code or QR at the pickup point',
    pickupAt: 'Pickup point', paidAt: 'Paid at', lines: 'Items', lineRefunded: '{{amount}} refunded', paid: 'Paid', due: 'Amount due', refunded: 'Refunded',
    paymentReturned: 'The order is cancelled; the {{amount}} you paid has been returned to the way you paid.',
    refunds: 'Refunds and after-sales', pay: 'Pay now', aftersales: 'Request after-sales', cancel: 'Cancel order',
  },
  refundKind: { cancel: 'Cancellation', shortage: 'Out of stock', arrival_loss: 'Lost on delivery', aftersales: 'After-sales', price_adjustment: 'Group price difference' },
  reason: {
    quality: 'Quality problem', missing: 'Missing item', wrong_item: 'Wrong item', other: 'Other', customer_cancelled: 'Cancelled by you',
    group_tier: 'Group price difference', shortage: 'Out of stock', damaged: 'Damaged in transit',
  },
  refundStatus: { requested: 'In progress', refunded: 'Refunded', rejected: 'Rejected' },
  aftersales: {
    title: 'After-sales', nothing: 'Nothing to claim (claims are possible within 48 h of pickup)', sent: 'Sent — refund of {{amount}} expected',
    lines: 'Choose items', paid: 'Paid {{amount}}', reason: 'Reason', notePlaceholder: 'Anything to add (optional)',
    rule: 'The refund is computed from what you paid for the item and never exceeds it.',
  },
  me: {
    checkedIn: 'Checked in: +{{n}} points ({{days}} days in a row)', alreadyCheckedIn: 'Already checked in today ({{days}} days in a row)',
    memberUntil: 'Member until {{date}}', checkIn: 'Check in', points: 'Points', coupons: 'Coupons', couponsUsable: 'Usable coupons', services: 'My services',
    pickupPoint: 'My pickup point', pointsHistory: 'Points history', messages: 'Messages', membership: 'Membership', invite: 'Invite friends', settings: 'Settings',
    language: 'Language 语言', security: 'Account security',
  },
  security: {
    title: 'Account security', changeTitle: 'Change password', oldPassword: 'Current password', newPassword: 'New password (at least 8 characters)',
    change: 'Change password', changed: 'Password changed; other devices are signed out', wrongOld: 'The current password is wrong',
    changeHint: 'Changing the password signs you out at once on your other phones and computers.',
    everywhere: 'Sign out on every device', everywhereConfirm: 'Sign out on every device, this one included? You will need to sign in again.',
  },
  tier: { bronze: 'Bronze', silver: 'Silver', gold: 'Gold' },
  auth: {
    tagline: 'Order today, pick up tomorrow in your neighbourhood', phoneRule: 'Enter an 11-digit mobile number', passwordRequired: 'Enter your password',
    noAccount: 'No account yet?', register: 'Register', browse: 'Just browse', phoneTaken: 'This phone is already registered — please sign in',
    registerTitle: 'Join Linli', invited: 'Invite code {{code}} filled in', name: 'Name', nameRule: 'Enter a name',
    passwordRule: 'At least 8 characters', inviteCode: 'Invite code (optional)', haveAccount: 'Have an account?',
    smsCode: 'SMS code', smsCodeRule: 'Enter the 6-digit code', getCode: 'Get code', resendIn: 'Resend in {{n}} s', codeSent: 'Code sent',
    demoCode: 'Demo mode: your code is {{code}}', byCode: 'Sign in with SMS code', byPassword: 'Sign in with password', phoneFirst: 'Enter your phone number first',
    codeLoginFailed: 'Wrong phone number or code',
  },
  pickup: {
    meters: '{{n}} m', km: '{{n}} km', noLocation: 'Location unavailable — search by name instead', saved: 'Pickup point updated',
    title: 'Choose a pickup point', search: 'Search by name', nearMe: 'Near me', none: 'No pickup points found', leader: 'Leader {{name}}',
    current: 'Current',
  },
  coupons: {
    title: 'Coupons', claimCentre: 'Get coupons', mine: 'My coupons', claimed: 'Coupon added', noneToClaim: 'No coupons to claim right now',
    validTo: 'Valid until {{date}}', left: '{{n}} left', notStackable: 'not with spend-and-save', claimedAll: 'Claimed', gone: 'All gone',
    claim: 'Get', noneMine: 'No coupons yet', validRange: '{{from}} – {{to}}',
  },
  couponStatus: { available: 'Available', used: 'Used', expired: 'Expired' },
  messages: {
    title: 'Messages', none: 'No messages yet', paid: 'Payment of {{amount}} received', arrived: 'Your goods are at the pickup point — bring your pickup code',
    pickedUp: 'Picked up — items: {{n}}. See you again', refund: '{{amount}} refunded to your payment method ({{why}})', other: 'Your order has an update',
  },
  points: { title: 'My points', balance: 'Balance', rule: '100 points = ¥1 off', none: 'No points activity yet', history: 'History' },
  pointsReason: {
    order: 'Purchase reward', refund: 'Taken back for a refund', referral: 'Invitation reward', check_in: 'Daily check-in',
    review: 'Review reward', redeem: 'Used on an order', redeem_returned: 'Points given back (cancel or refund)',
    compensation: 'Compensation for damaged fresh produce', expire: 'Expired',
  },
  membership: {
    title: 'Membership', active: 'You are a member', until: 'Valid until {{date}}',
    pitch: 'Join the annual membership for member prices and double points all year.', benefits: 'Benefits',
    b1: 'Member prices on every deal that has one', b2: 'Double points: 2 points per yuan', b3: 'A coupon pack every month',
    renew: 'Renew', buy: 'Join now', priceNote: 'The price is shown on the payment page; membership starts as soon as it is paid.',
  },
  invite: {
    title: 'Invite friends', pitch: 'When a friend registers with your link and picks up their first order, you both get points.',
    code: 'My invite code', qrLabel: 'Invitation link QR', copied: 'Link copied', copyFailed: 'Copy failed — press and hold the link to copy it',
    copy: 'Copy invitation link', shareText: 'Linli: order today, pick up tomorrow in your neighbourhood', share: 'Share',
  },
};

export const strings = { 'zh-CN': zh, en };
