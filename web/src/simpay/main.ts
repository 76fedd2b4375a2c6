import { createApi, ApiError } from '../shared/api';
import type { Answer } from '../shared/api-shapes';
import { yuan } from '../shared/money';
import { applyA11y } from '../shared/a11y';
import './cashier.css';

/**
 * The simulated payment provider's cashier (收银台): a stand-in for the page WeChat Pay shows.
 * It is deliberately not part of the shop: the shop hands the customer over with the payment id
 * and a return path, and gets them back once the provider has notified Linli.
 */
const zh = {
  title: 'SimPay 模拟支付',
  merchant: '收款方：邻里优选',
  order: '订单号',
  membership: '邻里会员年卡',
  pay: '确认支付',
  cancel: '返回商家',
  paying: '支付中…',
  paid: '支付成功，正在返回商家…',
  already: '该笔支付已完成',
  signIn: '请先在商城登录后再支付',
  notFound: '找不到这笔支付',
  failed: '支付失败，请重试',
  note: '这是模拟的支付服务，不会产生真实扣款。',
  simulated: '⚠ 模拟支付 · 不会真实扣款：确认后订单直接记为已支付',
};
const en: typeof zh = {
  title: 'SimPay (simulated)',
  merchant: 'Pay to: Linli',
  order: 'Order',
  membership: 'Linli annual membership',
  pay: 'Pay now',
  cancel: 'Back to the shop',
  paying: 'Paying…',
  paid: 'Paid — returning to the shop…',
  already: 'This payment is already complete',
  signIn: 'Sign in to the shop first',
  notFound: 'Payment not found',
  failed: 'Payment failed — please retry',
  note: 'A simulated payment service: no real money moves.',
  simulated: '⚠ SIMULATED PAYMENT · no real money moves: confirming simply marks the order paid',
};
const t = localStorage.getItem('linli.lang') === 'en' ? en : zh;
document.documentElement.lang = t === en ? 'en' : 'zh-CN';
document.title = t.title;
// the shop's large-text and high-contrast choices follow the customer onto the cashier
applyA11y();

type CashierPayment = Answer<'/simpay/payments/{id}'>;

const api = createApi('shop');
const root = document.getElementById('cashier')!;
const paymentId = location.pathname.split('/').filter(Boolean).pop() ?? '';
const requested = new URLSearchParams(location.search).get('return') ?? '/shop/orders';
// Only paths on this site: the cashier must never become an open redirect.
const returnTo = requested.startsWith('/') && !requested.startsWith('//') ? requested : '/shop/orders';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & { testid?: string } = {},
  ...children: (Node | string)[]
) {
  const { testid, ...rest } = props;
  const node = Object.assign(document.createElement(tag), rest);
  if (testid) node.dataset.testid = testid;
  node.append(...children);
  return node;
}

function render(payment: CashierPayment | null, message = '', busy = false) {
  const back = el('button', { className: 'secondary', onclick: () => location.assign(returnTo) }, t.cancel);
  // Every cashier page says so first and loudly: this provider must never be mistaken for a real one.
  const card = el(
    'section',
    { className: 'card' },
    el('p', { className: 'simulated', role: 'alert', testid: 'simpay-simulated' }, t.simulated),
    el('h1', {}, t.title),
    el('p', { className: 'merchant' }, t.merchant),
  );
  if (payment) {
    card.append(
      el('p', { className: 'amount', testid: 'simpay-amount' }, yuan(payment.amountFen)),
      el(
        'p',
        { className: 'order' },
        payment.orderKind === 'membership' ? t.membership : `${t.order} ${payment.orderNumber}`,
      ),
    );
    if (payment.status === 'pending') {
      card.append(
        el(
          'button',
          { className: 'primary', disabled: busy, onclick: () => void confirm(payment), testid: 'simpay-confirm' },
          busy ? t.paying : t.pay,
        ),
      );
    }
  }
  if (message) card.append(el('p', { className: 'message', role: 'status' }, message));
  card.append(back, el('p', { className: 'note' }, t.note));
  root.replaceChildren(card);
}

function explain(err: unknown) {
  if (err instanceof ApiError && err.status === 401) return t.signIn;
  if (err instanceof ApiError && err.status === 404) return t.notFound;
  return t.failed;
}

async function confirm(payment: CashierPayment) {
  render(payment, '', true);
  try {
    const done = await api.post<CashierPayment>(`/simpay/payments/${payment.paymentId}/confirm`);
    render({ ...done, status: 'succeeded' }, t.paid);
    setTimeout(() => location.assign(returnTo), 800);
  } catch (err) {
    render(payment, explain(err));
  }
}

async function start() {
  render(null, '…');
  try {
    const payment = await api.get<CashierPayment>(`/simpay/payments/${encodeURIComponent(paymentId)}`);
    render(payment, payment.status === 'pending' ? '' : t.already);
  } catch (err) {
    render(null, explain(err));
  }
}

void start();
