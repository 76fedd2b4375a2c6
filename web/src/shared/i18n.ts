import i18n, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ApiError } from './api';
import { orderWords } from './order-words';
import { ticketWords } from './ticket-words';

/**
 * zh-CN first, English on request. Each app brings its own strings; the common ones (error
 * codes, generic words) live here so every app explains an error the same way.
 */
export type Lang = 'zh-CN' | 'en';
const LANG_KEY = 'linli.lang';

const common = {
  'zh-CN': {
    errors: {
      VALIDATION_FAILED: '填写的内容有误，请检查后重试',
      UNAUTHENTICATED: '请先登录',
      SESSION_EXPIRED: '登录已过期，请重新登录',
      ACCOUNT_DISABLED: '该账号已被停用，请联系平台运营人员',
      FORBIDDEN: '没有权限进行此操作',
      NOT_FOUND: '找不到该内容，可能已被删除',
      CONFLICT: '数据已存在或已被修改，请刷新后重试',
      OUT_OF_STOCK: '库存不足，已被抢光了',
      LOT_EXPIRED: '该批次已过期：请拒收，或填写放行原因后收货',
      SHELF_LIFE_TOO_SHORT: '该批次剩余保质期不足：请拒收，或填写放行原因后收货',
      POINT_OUTSIDE_REGION: '该自提点不在这个团购所在的城市，请换一个本城市的自提点',
      REGION_NAME_TAKEN: '已有同名的城市',
      REGION_FORBIDDEN: '您只负责部分城市：此操作需由负责全部城市的运营进行，或所选城市不在您的负责范围内',
      LIMIT_EXCEEDED: '超出限购数量',
      COUPON_UNAVAILABLE: '优惠券不可用',
      INVALID_STATE: '当前状态下无法进行此操作',
      RATE_LIMITED: '操作太频繁，请稍后再试',
      SMS_CODE_INVALID: '验证码错误或已过期，请重新获取',
      SMS_UNAVAILABLE: '短信发送失败，请稍后再试',
      SMS_OFF: '本站未开启短信验证',
      WECHAT_OFF: '本站未开通微信登录',
      WECHAT_CODE_INVALID: '微信授权已失效，请重新用微信登录',
      WECHAT_STATE_INVALID: '这次微信登录不是在本页面发起的或已过期，请重新用微信登录',
      WECHAT_BIND_EXPIRED: '微信登录已过期，请重新用微信登录',
      WECHAT_ALREADY_LINKED: '这个微信已绑定其他账号',
      WECHAT_APP_LINKED: '这个手机号的账号已绑定另一个微信',
      WECHAT_USER_BLOCKED: '微信不允许该账号登录',
      WECHAT_UNAVAILABLE: '微信登录暂时不可用，请稍后再试或用手机号登录',
      PAYMENT_UNAVAILABLE: '本站暂未开通在线支付',
      WECHAT_IDENTITY_REQUIRED: '在微信内支付需先用微信登录本账号',
      WECHATPAY_CHANNEL_OFF: '本站暂未开通此微信支付方式',
      PAYMENT_PROVIDER_FAILED: '微信支付暂时无法下单，请稍后重试',
      POINTS: '积分不足',
      NETWORK: '网络连接失败，请检查网络后重试',
      INTERNAL: '服务器出错了，请稍后重试',
      UNAVAILABLE: '服务暂时不可用，请稍后重试',
      PAYLOAD_TOO_LARGE: '提交的内容太大了',
      SUPPLIER_UNAVAILABLE: '这些商品的供应商已暂停合作或资质不全，且没有可用的备用供应商，不能加入团期：{{names}}',
      UNSUPPORTED_FILE: '只能上传 PDF、JPG 或 PNG 文件',
      FILE_TOO_LARGE: '文件不能超过 10 MB',
      NO_TEMPERATURE_BREACH: '没有超出温度范围的读数，不能拒收',
      SECRET_REQUIRED: '正式环境中温度记录仪必须使用签名密钥',
      UNKNOWN: '出错了，请稍后重试',
    },
    common: {
      loading: '加载中…',
      empty: '暂无数据',
      retry: '重试',
      confirm: '确定',
      cancel: '取消',
      save: '保存',
      submit: '提交',
      back: '返回',
      login: '登录',
      logout: '退出登录',
      phone: '手机号',
      password: '密码',
      language: 'English',
      largeText: '大字模式',
      highContrast: '高对比度',
      loginFailed: '手机号或密码错误',
      loadMore: '加载更多',
      loadingMore: '正在加载…',
      loadMoreFailed: '加载失败，点击重试',
      loadedCount: '已加载 {{count}} 条，继续下滑加载更多',
    },
  },
  en: {
    errors: {
      VALIDATION_FAILED: 'Some input is not valid — please check and try again',
      UNAUTHENTICATED: 'Please sign in first',
      SESSION_EXPIRED: 'Your session has expired — please sign in again',
      ACCOUNT_DISABLED: 'This account has been disabled — please contact the operators',
      FORBIDDEN: 'You are not allowed to do this',
      NOT_FOUND: 'Not found — it may have been removed',
      CONFLICT: 'It already exists or was changed meanwhile — refresh and retry',
      OUT_OF_STOCK: 'Sold out — not enough stock left',
      LOT_EXPIRED: 'This lot has expired — refuse it, or give a reason to accept it',
      SHELF_LIFE_TOO_SHORT: 'This lot has too little shelf life left — refuse it, or give a reason to accept it',
      POINT_OUTSIDE_REGION: "This pickup point is not in the deal's city — choose a pickup point in that city",
      REGION_NAME_TAKEN: 'A city with this name already exists',
      REGION_FORBIDDEN:
        'You work in some cities only: an operator of every city must do this, or the chosen city is not one of yours',
      LIMIT_EXCEEDED: 'Over the purchase limit',
      COUPON_UNAVAILABLE: 'This coupon cannot be used',
      INVALID_STATE: 'This cannot be done in the current state',
      RATE_LIMITED: 'Too many attempts — please wait a moment',
      SMS_CODE_INVALID: 'The code is wrong or has expired — request a new one',
      SMS_UNAVAILABLE: 'The SMS could not be sent — please try again later',
      SMS_OFF: 'SMS verification is not enabled on this site',
      WECHAT_OFF: 'WeChat sign-in is not available on this site',
      WECHAT_CODE_INVALID: 'The WeChat authorization has expired — sign in with WeChat again',
      WECHAT_STATE_INVALID: 'This WeChat sign-in was not started here or has expired — sign in with WeChat again',
      WECHAT_BIND_EXPIRED: 'The WeChat sign-in has expired — sign in with WeChat again',
      WECHAT_ALREADY_LINKED: 'This WeChat account is linked to another account',
      WECHAT_APP_LINKED: "This phone's account is linked to another WeChat account",
      WECHAT_USER_BLOCKED: 'WeChat does not allow this account to sign in',
      WECHAT_UNAVAILABLE: 'WeChat sign-in is unavailable just now — try later or sign in by phone',
      PAYMENT_UNAVAILABLE: 'Online payment is not available on this site yet',
      WECHAT_IDENTITY_REQUIRED: 'To pay inside WeChat, sign in to this account with WeChat first',
      WECHATPAY_CHANNEL_OFF: 'This way of paying with WeChat Pay is not available on this site',
      PAYMENT_PROVIDER_FAILED: 'WeChat Pay could not start the payment — please try again later',
      POINTS: 'Not enough points',
      NETWORK: 'Network error — check your connection and retry',
      INTERNAL: 'Something went wrong on our side — please retry',
      UNAVAILABLE: 'The service is briefly unavailable — please retry shortly',
      PAYLOAD_TOO_LARGE: 'What you sent is too large',
      SUPPLIER_UNAVAILABLE:
        'These products cannot join a campaign — their supplier is suspended or not qualified and no backup supplier can deliver: {{names}}',
      UNSUPPORTED_FILE: 'Only PDF, JPG or PNG files can be uploaded',
      FILE_TOO_LARGE: 'A file may be at most 10 MB',
      NO_TEMPERATURE_BREACH: 'No reading is out of range: these goods cannot be refused',
      SECRET_REQUIRED: 'In production a temperature logger must sign its readings',
      UNKNOWN: 'Something went wrong — please retry',
    },
    common: {
      loading: 'Loading…',
      empty: 'Nothing here yet',
      retry: 'Retry',
      confirm: 'OK',
      cancel: 'Cancel',
      save: 'Save',
      submit: 'Submit',
      back: 'Back',
      login: 'Sign in',
      logout: 'Sign out',
      phone: 'Phone',
      password: 'Password',
      language: '中文',
      largeText: 'Large text',
      highContrast: 'High contrast',
      loginFailed: 'Wrong phone or password',
      loadMore: 'Load more',
      loadingMore: 'Loading…',
      loadMoreFailed: 'Loading failed — tap to retry',
      loadedCount: '{{count}} loaded — scroll for more',
    },
  },
};

export function currentLang(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
}

/** Starts i18next with the common strings plus the app's own (merged per language). */
export function initI18n(appStrings: Record<Lang, Record<string, unknown>>) {
  const resources: Resource = {
    'zh-CN': {
      translation: { ...common['zh-CN'], ...orderWords['zh-CN'], ...ticketWords['zh-CN'], ...appStrings['zh-CN'] },
    },
    en: { translation: { ...common.en, ...orderWords.en, ...ticketWords.en, ...appStrings.en } },
  };
  const lang = currentLang();
  document.documentElement.lang = lang;
  void i18n
    .use(initReactI18next)
    .init({ resources, lng: lang, fallbackLng: 'zh-CN', interpolation: { escapeValue: false } });
  return i18n;
}

export function switchLang(lang: Lang) {
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

/** Plain words for an API error, from its code (the server's English message is a fallback). */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const key = `errors.${err.code}`;
    // a refusal naming products (SUPPLIER_UNAVAILABLE) says which
    const products = (err.details as { products?: { name?: string }[] } | undefined)?.products;
    const names = Array.isArray(products) ? products.map((p) => p.name).join('、') : '';
    if (i18n.exists(key)) return i18n.t(key, { names });
    // An unknown code's message is the server's (or a proxy's) English: never shown in Chinese, nor for a server fault.
    return err.status < 500 && i18n.language === 'en' && err.message ? err.message : i18n.t('errors.UNKNOWN');
  }
  if (err instanceof TypeError) return i18n.t('errors.NETWORK');
  return i18n.t('errors.UNKNOWN');
}
