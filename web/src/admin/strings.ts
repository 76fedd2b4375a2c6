/** Every visible word of the operations console, in both languages (keys under `ops.`). */
export const opsStrings = {
  'zh-CN': {
    ops: {
      appName: '邻里运营后台',
      nav: {
        dashboard: '数据看板',
        campaigns: '团购活动截单',
        purchaseOrders: '采购单与收货',
        sorting: '分拣与发车',
        refunds: '售后审核',
        withdrawals: '团长提现',
        orders: '订单查询',
        setup: '基础设置',
      },
      signIn: {
        title: '运营后台登录',
        subtitle: '运营人员与仓库人员使用',
        phoneRequired: '请输入手机号',
        passwordRequired: '请输入密码',
        notStaff: '该账号不是运营或仓库人员，无法进入后台',
      },
      header: {
        role_admin: '运营',
        role_warehouse: '仓库',
        signedInAs: '{{name}}（{{role}}）',
      },
      notFound: '页面不存在',
      forbidden: '当前账号无权查看此页面',
    },
  },
  en: {
    ops: {
      appName: 'Linli Operations Console',
      nav: {
        dashboard: 'Dashboard',
        campaigns: 'Campaign cutoff',
        purchaseOrders: 'Purchase orders & receiving',
        sorting: 'Sorting & dispatch',
        refunds: 'Refund approvals',
        withdrawals: 'Leader withdrawals',
        orders: 'Orders',
        setup: 'Set-up',
      },
      signIn: {
        title: 'Console sign-in',
        subtitle: 'For operators and warehouse staff',
        phoneRequired: 'Enter the phone number',
        passwordRequired: 'Enter the password',
        notStaff: 'This account is not an operator or warehouse account',
      },
      header: {
        role_admin: 'Operator',
        role_warehouse: 'Warehouse',
        signedInAs: '{{name}} ({{role}})',
      },
      notFound: 'Page not found',
      forbidden: 'This account may not view this page',
    },
  },
};
