import { AppError } from '../../lib/errors.js';

/**
 * The rules of WeChat sign-in that need no database or network (decision 065): which path the
 * customer may be sent back to, how an openid is shown, what WeChat's error codes mean to the
 * customer, what a new account is called, and which account an identity signs into.
 */

export const WECHAT_SCOPES = ['snsapi_base', 'snsapi_userinfo'] as const;
export type WechatScope = (typeof WECHAT_SCOPES)[number];

/** An authorization (state) and a pending bind live this long; WeChat's own codes live 5 minutes. */
export const STATE_TTL_MINUTES = 10;
export const BIND_TTL_MINUTES = 10;
/** the shop's page WeChat sends the browser back to */
export const CALLBACK_PATH = '/wechat/callback';
/** the cookie tying an authorization to the browser that asked for it */
export const STATE_COOKIE = 'linli_wechat_state';

const isControl = (c: string) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;

/**
 * Where the shop may send the customer after signing in: one of its own paths, never another
 * site (`//host`, `/\host`, a scheme) — an open redirect would lend Linli's name to phishing.
 */
export function safeReturnTo(value: string | undefined): string {
  if (!value) return '/';
  if (value.length > 300 || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // control characters (a newline in a header, a tab browsers drop) have no place in a path
  if ([...value].some(isControl)) return '/';
  return value;
}

/** An openid shown to its owner: enough to tell two apart, never the whole identifier. */
export function maskOpenid(openid: string): string {
  return openid.length <= 8 ? '****' : `${openid.slice(0, 4)}****${openid.slice(-4)}`;
}

/** A new account's name: the WeChat nickname when there is a usable one, else 微信用户 and the phone's last 4 digits. */
export function accountName(nickname: string | null | undefined, phone: string): string {
  const trimmed = [...(nickname ?? '')]
    .filter((c) => !isControl(c))
    .join('')
    .trim();
  if (trimmed) return [...trimmed].slice(0, 50).join('');
  return `微信用户${phone.slice(-4)}`;
}

/** WeChat answered the exchange with an errcode: what the customer and the operator are told. */
export function wechatRefusal(errcode: number): AppError {
  switch (errcode) {
    // the customer's code: invalid, already used, expired — start again from WeChat
    case 40029:
    case 40163:
    case 42003:
      return new AppError('WECHAT_CODE_INVALID', 401, 'The WeChat authorization is invalid or used; sign in again', {
        errcode,
      });
    // the server's own credentials are wrong (appid, secret): nothing the customer can do
    case 40013:
    case 40125:
    case 40001:
    case 40164:
      return new AppError('WECHAT_UNAVAILABLE', 503, 'WeChat sign-in is not working on this server just now', {
        errcode,
      });
    // a high-risk account WeChat blocks from signing in
    case 40226:
      return new AppError('WECHAT_USER_BLOCKED', 403, 'WeChat does not allow this account to sign in', { errcode });
    // rate limits and "system busy"
    default:
      return new AppError('WECHAT_UNAVAILABLE', 503, 'WeChat did not answer as expected; try again', { errcode });
  }
}

export const wechatOff = () => new AppError('WECHAT_OFF', 404, 'WeChat sign-in is off on this server');
export const stateInvalid = () =>
  new AppError('WECHAT_STATE_INVALID', 400, 'This sign-in was not started here or has expired; start again', {
    field: 'state',
  });
export const bindExpired = () =>
  new AppError('WECHAT_BIND_EXPIRED', 401, 'This WeChat sign-in has expired or was used; sign in with WeChat again', {
    field: 'bindToken',
  });
export const identityTaken = () =>
  new AppError('WECHAT_ALREADY_LINKED', 409, 'This WeChat account is already linked to another Linli account');
export const appTaken = () =>
  new AppError('WECHAT_APP_LINKED', 409, 'This Linli account is already linked to another WeChat account');

export interface KnownIdentity {
  userId: string;
  appId: string;
  openid: string;
  unionid: string | null;
}

/**
 * Which account an identity coming from WeChat signs into: its own link first; else, when WeChat
 * gave a unionid, the account that person linked through another app of the same open platform
 * (`adopt`: the new app's openid is linked to it); else none (the customer binds a phone).
 */
export function accountFor(
  came: { appId: string; openid: string; unionid?: string | null },
  known: KnownIdentity[],
): { userId: string; adopt: boolean } | undefined {
  const own = known.find((k) => k.appId === came.appId && k.openid === came.openid);
  if (own) return { userId: own.userId, adopt: false };
  if (!came.unionid) return undefined;
  const sibling = known.find((k) => k.unionid === came.unionid);
  return sibling ? { userId: sibling.userId, adopt: true } : undefined;
}
