import Fastify, { type FastifyInstance } from 'fastify';
import { billRoutes } from './bill.js';
import type { StandinMerchant } from './keys.js';
import { registerPay, type PayControls } from './pay.js';
import { registerRefunds } from './refunds.js';
import { registerSns } from './sns.js';
import { StandinState } from './state.js';

/**
 * A local WeChat server for tests and demos: WeChat Pay API v3 (the merchant's calls, the cashier,
 * notifications, refunds, trade bills) and WeChat sign-in (the 公众号's OAuth2 and the
 * mini-program's code2session), built from the published specification. Never part of a production
 * server: it is started by the tests or by `npm run linli -- wechat-standin`.
 */
export interface WechatStandin {
  url: string;
  state: StandinState;
  app: FastifyInstance;
  /** WeChat Pay's transactions (with a merchant): the payer pays, notifications' delivery, forged answers */
  pay?: PayControls;
  close(): Promise<void>;
}

export interface StandinOptions {
  /** the one merchant this WeChat Pay serves: its keys check requests and sign answers (none: sign-in only) */
  merchant?: StandinMerchant;
  port?: number;
  host?: string;
  /** sign-in: the 公众号 and the mini-program, each with the secret the merchant's server must send */
  signInApps?: { appId: string; secret: string }[];
  /** sign-in: the 网页授权域名, the hosts redirect_uri may point at (any when unset) */
  oauthRedirectHosts?: string[];
}

/** What every part of the stand-in is given: the shared state and its own address once listening. */
export interface StandinContext {
  state: StandinState;
  options: StandinOptions;
  /** http://host:port of the stand-in itself (known once it listens) */
  url(): string;
}

export async function startWechatStandin(options: StandinOptions): Promise<WechatStandin> {
  const app = Fastify({ logger: false });
  // the merchant's signatures cover the exact body bytes: keep them as they came
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    (req as unknown as { rawBody: string }).rawBody = body as string;
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch {
      done(null, undefined);
    }
  });
  const state = new StandinState();
  let url = '';
  const ctx: StandinContext = { state, options, url: () => url };
  // each part of the stand-in registers its routes here, before listening
  let pay: PayControls | undefined;
  if (options.merchant) {
    pay = registerPay(app, ctx, options.merchant);
    billRoutes(app, ctx, options.merchant);
    registerRefunds(app, ctx, options.merchant);
  }
  registerSns(app, ctx);
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    state,
    app,
    pay,
    close: () => app.close(),
  };
}
