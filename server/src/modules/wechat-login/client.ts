import { readFile } from 'node:fs/promises';
import { AppError } from '../../lib/errors.js';
import { httpRequest } from '../../lib/http-client.js';
import type { WechatLoginConfig } from '../../lib/config.js';
import { wechatRefusal } from './rules.js';

/**
 * The calls Linli makes to api.weixin.qq.com for sign-in. The app secrets are read from their
 * files (never from the environment, never logged) and sent only to WeChat; a mini-program's
 * session_key is dropped here — Linli decrypts nothing with it, so it is neither kept nor logged.
 */

export interface WebGrant {
  openid: string;
  unionid?: string;
  scope: string;
  accessToken: string;
}

export interface WechatProfile {
  nickname?: string;
  avatarUrl?: string;
  unionid?: string;
}

const unavailable = () => new AppError('WECHAT_UNAVAILABLE', 503, 'WeChat could not be reached; try again');

export class WechatSnsClient {
  private readonly secrets = new Map<string, Promise<string>>();

  constructor(private readonly config: WechatLoginConfig) {}

  private secret(app: { appId: string; secretFile: string }): Promise<string> {
    let s = this.secrets.get(app.appId);
    if (!s) {
      s = readFile(app.secretFile, 'utf8').then((text) => text.trim());
      // a file that could not be read is tried again next time
      s.catch(() => this.secrets.delete(app.appId));
      this.secrets.set(app.appId, s);
    }
    return s;
  }

  /** GET api.weixin.qq.com{path}: WeChat answers 200 with {errcode, errmsg} when refusing. */
  private async get(path: string, params: Record<string, string>): Promise<Record<string, unknown>> {
    const url = `${this.config.apiBaseUrl}${path}?${new URLSearchParams(params)}`;
    let body: Record<string, unknown>;
    try {
      const res = await httpRequest(url, { timeoutMs: 8_000 });
      if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
      body = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
    } catch (err) {
      // the URL carries the secret: only the path is ever written down
      console.error(`WeChat ${path} failed: ${(err as Error).name}`);
      throw unavailable();
    }
    const errcode = Number(body.errcode ?? 0);
    if (errcode !== 0) {
      if (errcode !== 40029 && errcode !== 40163 && errcode !== 42003)
        console.error(`WeChat ${path} refused: errcode ${errcode}`);
      throw wechatRefusal(errcode);
    }
    return body;
  }

  /** The 公众号's code → openid (and unionid for snsapi_userinfo). */
  async exchangeWebCode(app: { appId: string; secretFile: string }, code: string): Promise<WebGrant> {
    const b = await this.get('/sns/oauth2/access_token', {
      appid: app.appId,
      secret: await this.secret(app),
      code,
      grant_type: 'authorization_code',
    });
    if (typeof b.openid !== 'string' || typeof b.access_token !== 'string') throw unavailable();
    return {
      openid: b.openid,
      unionid: typeof b.unionid === 'string' ? b.unionid : undefined,
      scope: String(b.scope ?? ''),
      accessToken: b.access_token,
    };
  }

  /** snsapi_userinfo only: the nickname and avatar the customer agreed to share. */
  async userInfo(grant: WebGrant): Promise<WechatProfile> {
    const b = await this.get('/sns/userinfo', { access_token: grant.accessToken, openid: grant.openid, lang: 'zh_CN' });
    return {
      nickname: typeof b.nickname === 'string' ? b.nickname : undefined,
      avatarUrl: typeof b.headimgurl === 'string' && b.headimgurl ? b.headimgurl : undefined,
      unionid: typeof b.unionid === 'string' ? b.unionid : undefined,
    };
  }

  /** The mini-program's wx.login code → openid and unionid; the session_key goes no further. */
  async codeToSession(
    app: { appId: string; secretFile: string },
    jsCode: string,
  ): Promise<{ openid: string; unionid?: string }> {
    const b = await this.get('/sns/jscode2session', {
      appid: app.appId,
      secret: await this.secret(app),
      js_code: jsCode,
      grant_type: 'authorization_code',
    });
    if (typeof b.openid !== 'string') throw unavailable();
    return { openid: b.openid, unionid: typeof b.unionid === 'string' ? b.unionid : undefined };
  }
}
