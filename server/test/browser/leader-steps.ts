import type { Page } from 'playwright-core';

/**
 * Reusable steps through the leader app (/leader, 团长端) for its own test and the cross-app
 * flow. The page must already hold a leader session (harness signIn(page, 'leader', …) or the
 * sign-in form). They drive the UI only through the data-testid selectors the app keeps stable.
 */

async function open(page: Page, baseUrl: string, path: string) {
  await page.goto(`${baseUrl}/leader/${path}`);
  if (
    await page
      .getByTestId('login-submit')
      .isVisible()
      .catch(() => false)
  ) {
    throw new Error('leader: not signed in — put a leader session into the page first');
  }
}

/** Picks a campaign in the campaign bar by its exact title (the first one when titles repeat). */
export async function chooseCampaign(page: Page, title: string): Promise<void> {
  await page.getByTestId('campaign-bar').click();
  await page
    .locator(`[data-testid="campaign-option"][data-title="${title.replace(/"/g, '\\"')}"]`)
    .first()
    .click();
  await page.getByTestId('campaign-bar').filter({ hasText: title }).waitFor();
}

/**
 * On the arrival tab (到货): confirms that everything expected at the point arrived
 * (received = expected, nothing missing or damaged) for the campaign titled `campaignTitle`, or
 * the app's default campaign (the newest cut-off one awaiting pickup). Resolves once the app
 * shows the arrival result. Fails if the goods have not been dispatched yet.
 */
export async function confirmArrival(page: Page, baseUrl: string, campaignTitle?: string): Promise<void> {
  await open(page, baseUrl, 'arrival');
  await page.getByTestId('campaign-bar').waitFor();
  if (campaignTitle) await chooseCampaign(page, campaignTitle);
  await page.getByTestId('arrival-confirm').click();
  await page.locator('.adm-dialog .adm-dialog-button-bold').click();
  await page.getByTestId('arrival-result').waitFor();
}

/**
 * On the pickup tab (核销): types the customer's pickup code, checks the order's lines shown,
 * hands all of them over and waits for the success result.
 */
export async function verifyPickup(page: Page, baseUrl: string, code: string): Promise<void> {
  await open(page, baseUrl, 'verify');
  await page.getByTestId('verify-code').locator('input').fill(code);
  await page.getByTestId('verify-submit').click();
  await refusedOr(page, 'pickup-order', code);
  await page.getByTestId('pickup-confirm').click();
  await refusedOr(page, 'verify-result', code);
}

/** Waits for `testId`, or fails with the desk's refusal. */
async function refusedOr(page: Page, testId: string, code: string): Promise<void> {
  const refusal = await Promise.race([
    page
      .getByTestId(testId)
      .waitFor()
      .then(() => null),
    page
      .getByTestId('verify-error')
      .waitFor()
      .then(() => page.getByTestId('verify-error').innerText()),
  ]);
  if (refusal !== null) throw new Error(`leader: pickup code ${code} was refused: ${refusal}`);
}

/** Amount shown in a balance, in fen ("¥1.29" → 129). */
async function fenOf(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).innerText();
  const m = /(-?)¥(\d+)\.(\d\d)/.exec(text);
  if (!m) throw new Error(`leader: ${testId} shows no amount: ${text}`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
}

/** On the commission tab (佣金): the pending (待结算) amount is above zero. */
/** The commission tab shows a pending commission: above zero, or exactly `pendingFen` when given. */
export async function expectCommission(page: Page, baseUrl: string, pendingFen?: number): Promise<void> {
  await open(page, baseUrl, 'commission');
  await page.getByTestId('commission-pending').waitFor();
  const pending = await fenOf(page, 'commission-pending');
  if (!(pending > 0))
    throw new Error(`leader: expected a pending commission above zero, the screen shows ${pending} fen`);
  if (pendingFen !== undefined && pending !== pendingFen) {
    throw new Error(`leader: expected a pending commission of ${pendingFen} fen, the screen shows ${pending} fen`);
  }
}

/** The available (可提现) amount in fen, as the commission tab shows it. */
export async function availableCommission(page: Page, baseUrl: string): Promise<number> {
  await open(page, baseUrl, 'commission');
  await page.getByTestId('commission-available').waitFor();
  return fenOf(page, 'commission-available');
}
