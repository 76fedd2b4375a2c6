/** Every visible word of the operations console, in both languages (keys under `ops.`). */
export const opsStrings = {
  'zh-CN': {
    ops: {
      appName: '邻里运营后台',
      nav: {
        dashboard: '数据看板', campaigns: '团购截单', purchaseOrders: '采购单与收货', sorting: '分拣与发车',
        refunds: '售后审核', withdrawals: '团长提现', orders: '订单查询', setup: '基础设置',
      },
      signIn: {
        title: '运营后台登录', subtitle: '运营人员与仓库人员使用', phoneRequired: '请输入手机号', passwordRequired: '请输入密码',
        notStaff: '该账号不是运营或仓库人员，无法进入后台',
      },
      header: { role_admin: '运营', role_warehouse: '仓库', signedInAs: '{{name}}（{{role}}）' },
      notFound: '页面不存在',
      forbidden: '当前账号无权查看此页面',
      common: { actions: '操作', print: '打印', close: '关闭', exportXlsx: '导出 Excel', listSep: '，', noteSep: '：' },
      campaign: {
        label: '团购活动', option: '{{title}}（提货 {{date}} · {{status}}）', choose: '选择团购活动', none: '还没有团购活动', open: '进行中', cutOff: '已截单', title: '活动名称',
        status: '状态', startsAt: '开始时间', cutoffAt: '截单时间', pickup: '提货日', items: '商品数', sold: '已售件数',
      },
      cutoff: {
        intro: '截单后生成采购单和分拣单，未付款订单自动取消。到截单时间系统也会自动截单；重复执行不会改变结果。',
        button: '立即截单', view: '查看截单结果', confirmTitle: '确定立即截单？',
        confirmText: '「{{title}}」截单后顾客将无法再下单。',
        done: '「{{title}}」已截单', alreadyDone: '「{{title}}」此前已截单，以下为截单生成的单据',
        counts: '采购单 {{purchaseOrders}} 张，分拣单 {{sortingLists}} 张，取消未付款订单 {{cancelledUnpaid}} 笔',
        toPurchaseOrders: '查看采购单', toSorting: '查看分拣单',
      },
      po: {
        supplier: '供应商', product: '商品', unit: '单位', packSize: '每箱件数', demand: '订单需求', fromStock: '库存抵扣',
        quantity: '采购数量', accepted: '实收', rejected: '拒收', open: '待收货', received: '已收货',
        receive: '收货', viewReceipt: '查看收货', receivedAt: '收货时间 {{at}}', receivedAtLabel: '收货时间',
        summary: '共 {{count}} 张采购单，{{open}} 张待收货', empty: '该活动没有采购单', emptyOpen: '活动尚未截单，截单后生成采购单',
      },
      receive: {
        title: '采购单收货', formTitle: '按实际到货填写', notFound: '找不到该采购单',
        hint: '默认按采购数量全部实收；少到或质量不合格的请改小实收数量并填写拒收数量。缺货部分会立即按付款先后自动退款给顾客。',
        confirm: '确认提交收货？提交后不能修改。', submit: '确认收货', alreadyReceived: '该采购单已收货',
        done: '收货完成', seeRefunds: '查看缺货退款明细', refunds: '因缺货自动退款 {{count}} 笔，共 {{amount}}', noRefunds: '货品充足，没有缺货退款',
        allocated: '分配给订单', short: '缺货', surplus: '余量入库', backToList: '返回采购单列表',
      },
      sorting: {
        point: '自提点', products: '商品种数', units: '件数', zone: '温层', ordered: '订购', toSort: '应分拣', received: '团长签收',
        arrivedAt: '到货时间', dispatch: '发车', confirm: '确认「{{route}}」装车发车？', routeSummary: '{{stops}} 个自提点，共 {{units}} 件',
        dispatched: '「{{route}}」已发车，{{count}} 个自提点的分拣单已出库', dispatchedAt: '已发车 {{at}}',
        notReady: '还有采购单未收货，全部收货后才能发车', empty: '该活动没有分拣单', emptyOpen: '活动尚未截单，截单后生成分拣单',
        status_pending: '待发车', status_dispatched: '已发车', status_arrived: '已到货',
      },
      zone: { ambient: '常温', chilled: '冷藏', frozen: '冷冻' },
      print: {
        poTitle: '采购单', sortingTitle: '分拣单', pickupDate: '提货日 {{date}}', printedAt: '打印于 {{at}}', checked: '核对',
        signSupplier: '送货人签字：', signWarehouse: '仓库验收：', signSorter: '分拣员：', signLeader: '团长签收：',
      },
      orders: {
        search: '搜索', searchHint: '订单号（LL 开头）、手机号或顾客姓名', status: '状态', any: '全部', searchButton: '查询',
        none: '没有符合条件的订单', count: '共 {{count}} 笔', number: '订单号', customer: '顾客', total: '实付', refunded: '已退款',
        paidAt: '付款时间', createdAt: '下单时间', quantity: '数量', unitPrice: '单价', discount: '优惠', paid: '实付',
      },
      orderStatus: {
        pending_payment: '待付款', paid: '已付款', cancelled: '已取消', closed: '已截单', ready: '待提货', completed: '已完成',
      },
      lineStatus: {
        pending: '待处理', allocated: '已配货', short: '缺货已退款', arrived: '已到自提点', picked_up: '已提货', refunded: '已退款',
      },
      refunds: {
        tab_requested: '待审核', tab_refunded: '已退款', tab_rejected: '已驳回', queueEmpty: '没有待审核的售后申请', anyKind: '全部类型',
        kind: '类型', reason: '原因', lines: '商品', amount: '退款金额', createdAt: '申请时间', decidedAt: '处理时间',
        approve: '同意退款', reject: '驳回', approveConfirm: '确认退款 {{amount}} 给顾客？', rejectTitle: '驳回订单 {{number}} 的售后申请',
        rejectNote: '驳回原因（顾客可见，可不填）', approved: '已退款 {{amount}}（订单 {{number}}）', rejected: '已驳回订单 {{number}} 的申请',
        kind_cancel: '取消订单', kind_shortage: '缺货', kind_arrival_loss: '到货短少', kind_aftersales: '售后', kind_price_adjustment: '拼团差价',
        reason_quality: '质量问题', reason_missing: '少件', reason_wrong_item: '发错货', reason_other: '其他',
      },
      withdrawals: {
        tab_requested: '待处理', tab_paid: '已打款', tab_rejected: '已驳回', queueEmpty: '没有待处理的提现申请',
        leader: '团长', amount: '金额', requestedAt: '申请时间', pay: '标记已打款', reject: '驳回',
        payConfirm: '确认已向团长转账 {{amount}}？', rejectConfirm: '驳回后金额退回团长可提现余额，确定？',
        paidDone: '已标记打款 {{amount}}', rejectedDone: '已驳回，{{amount}} 退回可提现余额',
      },
      dash: {
        lastDays: '近 {{count}} 天', updated: '更新于 {{at}}', todayTitle: '今日（{{date}}）', periodTitle: '{{period}}（{{from}} 至 {{to}}）',
        gmv: '成交额', paidOrders: '付款订单', buyers: '下单顾客', avgOrder: '客单价', refunds: '退款', net: '净成交额',
        refundCount: '退款 {{count}} 笔', today: '今日', dailyAverage: '近 {{count}} 天日均', hour: '时',
        byHour: '分时段成交额', byDay: '每日成交额与退款（{{period}}）', byCategory: '品类成交额', topProducts: '热销商品 Top 10',
        leaders: '团长排行（按自提点成交额）',
        definitions: '口径：成交额为已付款商品订单的实付金额，按付款时间（北京时间）计日，含之后取消或退款的订单；退款按退款完成时间计日；净成交额 = 成交额 − 退款。',
      },
    },
  },
  en: {
    ops: {
      appName: 'Linli Operations Console',
      nav: {
        dashboard: 'Dashboard', campaigns: 'Campaign cutoff', purchaseOrders: 'Purchase orders & receiving', sorting: 'Sorting & dispatch',
        refunds: 'Refund approvals', withdrawals: 'Leader withdrawals', orders: 'Orders', setup: 'Set-up',
      },
      signIn: {
        title: 'Console sign-in', subtitle: 'For operators and warehouse staff', phoneRequired: 'Enter the phone number',
        passwordRequired: 'Enter the password', notStaff: 'This account is not an operator or warehouse account',
      },
      header: { role_admin: 'Operator', role_warehouse: 'Warehouse', signedInAs: '{{name}} ({{role}})' },
      notFound: 'Page not found',
      forbidden: 'This account may not view this page',
      common: { actions: 'Actions', print: 'Print', close: 'Close', exportXlsx: 'Export to Excel', listSep: ', ', noteSep: ': ' },
      campaign: {
        label: 'Campaign', option: '{{title}} (pickup {{date}}, {{status}})', choose: 'Choose a campaign', none: 'No campaigns yet', open: 'Open', cutOff: 'Cut off', title: 'Title',
        status: 'Status', startsAt: 'Starts', cutoffAt: 'Cutoff', pickup: 'Pickup day', items: 'Products', sold: 'Units sold',
      },
      cutoff: {
        intro: 'Cutting off creates the purchase orders and sorting lists and cancels unpaid orders. It also happens by itself at the cutoff time; running it again changes nothing.',
        button: 'Cut off now', view: 'Show cutoff result', confirmTitle: 'Cut off now?',
        confirmText: 'Customers can no longer order from "{{title}}".',
        done: '"{{title}}" is cut off', alreadyDone: '"{{title}}" was already cut off; these are the documents it produced',
        counts: '{{purchaseOrders}} purchase orders, {{sortingLists}} sorting lists, {{cancelledUnpaid}} unpaid orders cancelled',
        toPurchaseOrders: 'Open purchase orders', toSorting: 'Open sorting lists',
      },
      po: {
        supplier: 'Supplier', product: 'Product', unit: 'Unit', packSize: 'Pack size', demand: 'Ordered by customers', fromStock: 'From stock',
        quantity: 'To buy', accepted: 'Accepted', rejected: 'Rejected', open: 'Awaiting delivery', received: 'Received',
        receive: 'Receive', viewReceipt: 'View receipt', receivedAt: 'Received {{at}}', receivedAtLabel: 'Received at',
        summary: '{{count}} purchase orders, {{open}} awaiting delivery', empty: 'This campaign has no purchase orders',
        emptyOpen: 'Not cut off yet — purchase orders are created at cutoff',
      },
      receive: {
        title: 'Receive a purchase order', formTitle: 'Enter what actually arrived', notFound: 'Purchase order not found',
        hint: 'Everything is pre-filled as accepted in full; lower the accepted units and enter rejected units for short or damaged goods. Shortages are refunded to customers at once, earliest-paid served first.',
        confirm: 'Submit this receipt? It cannot be changed afterwards.', submit: 'Confirm receipt', alreadyReceived: 'This purchase order has been received',
        done: 'Received', seeRefunds: 'See the shortage refunds', refunds: '{{count}} shortage refunds made automatically, {{amount}} in total', noRefunds: 'Enough goods — no shortage refunds',
        allocated: 'Allocated to orders', short: 'Short', surplus: 'Surplus to stock', backToList: 'Back to purchase orders',
      },
      sorting: {
        point: 'Pickup point', products: 'Products', units: 'Units', zone: 'Temperature', ordered: 'Ordered', toSort: 'To sort',
        received: 'Received by leader', arrivedAt: 'Arrived', dispatch: 'Dispatch', confirm: 'Load and dispatch "{{route}}"?',
        routeSummary: '{{stops}} pickup points, {{units}} units', dispatched: '"{{route}}" dispatched: {{count}} sorting lists left the warehouse',
        dispatchedAt: 'Dispatched {{at}}', notReady: 'Some purchase orders are not received yet — dispatch is possible once all are received',
        empty: 'This campaign has no sorting lists', emptyOpen: 'Not cut off yet — sorting lists are created at cutoff',
        status_pending: 'To dispatch', status_dispatched: 'Dispatched', status_arrived: 'Arrived',
      },
      zone: { ambient: 'Ambient', chilled: 'Chilled', frozen: 'Frozen' },
      print: {
        poTitle: 'Purchase orders', sortingTitle: 'Sorting list', pickupDate: 'Pickup day {{date}}', printedAt: 'Printed {{at}}', checked: 'Check',
        signSupplier: 'Delivered by:', signWarehouse: 'Checked by:', signSorter: 'Sorted by:', signLeader: 'Received by leader:',
      },
      orders: {
        search: 'Search', searchHint: 'Order number (LL…), phone or customer name', status: 'Status', any: 'Any', searchButton: 'Search',
        none: 'No orders match', count: '{{count}} orders', number: 'Order no.', customer: 'Customer', total: 'Paid', refunded: 'Refunded',
        paidAt: 'Paid at', createdAt: 'Placed at', quantity: 'Qty', unitPrice: 'Unit price', discount: 'Discount', paid: 'Paid',
      },
      orderStatus: {
        pending_payment: 'Awaiting payment', paid: 'Paid', cancelled: 'Cancelled', closed: 'Cut off', ready: 'Ready for pickup', completed: 'Completed',
      },
      lineStatus: {
        pending: 'Pending', allocated: 'Allocated', short: 'Short, refunded', arrived: 'At pickup point', picked_up: 'Picked up', refunded: 'Refunded',
      },
      refunds: {
        tab_requested: 'To review', tab_refunded: 'Refunded', tab_rejected: 'Rejected', queueEmpty: 'No refund requests to review', anyKind: 'All types',
        kind: 'Type', reason: 'Reason', lines: 'Products', amount: 'Amount', createdAt: 'Requested', decidedAt: 'Decided',
        approve: 'Approve', reject: 'Reject', approveConfirm: 'Refund {{amount}} to the customer?', rejectTitle: 'Reject the request on order {{number}}',
        rejectNote: 'Reason (shown to the customer, optional)', approved: 'Refunded {{amount}} (order {{number}})', rejected: 'Request on order {{number}} rejected',
        kind_cancel: 'Cancellation', kind_shortage: 'Shortage', kind_arrival_loss: 'Arrival loss', kind_aftersales: 'After-sales', kind_price_adjustment: 'Group price difference',
        reason_quality: 'Quality problem', reason_missing: 'Missing items', reason_wrong_item: 'Wrong item', reason_other: 'Other',
      },
      withdrawals: {
        tab_requested: 'To handle', tab_paid: 'Paid', tab_rejected: 'Rejected', queueEmpty: 'No withdrawal requests to handle',
        leader: 'Leader', amount: 'Amount', requestedAt: 'Requested', pay: 'Mark as paid', reject: 'Reject',
        payConfirm: 'Has {{amount}} been transferred to the leader?', rejectConfirm: 'Reject? The amount returns to the leader\'s available balance.',
        paidDone: 'Marked {{amount}} as paid', rejectedDone: 'Rejected; {{amount}} returned to the available balance',
      },
      dash: {
        lastDays: 'Last {{count}} days', updated: 'Updated {{at}}', todayTitle: 'Today ({{date}})', periodTitle: '{{period}} ({{from}} to {{to}})',
        gmv: 'GMV', paidOrders: 'Paid orders', buyers: 'Buyers', avgOrder: 'Avg. order', refunds: 'Refunds', net: 'Net GMV',
        refundCount: '{{count}} refunds', today: 'Today', dailyAverage: 'Daily average, last {{count}} days', hour: 'h',
        byHour: 'GMV by hour', byDay: 'GMV and refunds by day ({{period}})', byCategory: 'GMV by category', topProducts: 'Top 10 products',
        leaders: 'Leader ranking (GMV of their pickup point)',
        definitions: 'Definitions: GMV is what paid goods orders charged, counted on the day of payment (Beijing time), including orders later cancelled or refunded; refunds count on the day they were made; net GMV = GMV − refunds.',
      },
    },
  },
};
