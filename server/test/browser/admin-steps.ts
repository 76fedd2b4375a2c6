import type { Page } from 'playwright-core';

/**
 * Reusable steps through the operations console (/admin, 运营后台) for its own test and the
 * cross-app flow. The page must already hold an operator session (harness signIn(page, 'admin',
 * ADMIN) or the sign-in form); the warehouse steps also work with a warehouse session. They
 * drive the UI only through the console's data-testid selectors and fail with the message the
 * console showed when it refuses.
 */

async function open(page: Page, baseUrl: string, path: string) {
  await page.goto(`${baseUrl}/admin/${path}`);
  await Promise.race([page.getByTestId('signed-in-as').waitFor(), page.getByTestId('signin-submit').waitFor()]);
  if (await page.getByTestId('signin-submit').isVisible()) {
    throw new Error('admin: not signed in — put an operator session into the page first');
  }
}

const quote = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/** Chooses a campaign in the console's campaign picker by its exact title (the newest when titles repeat). */
export async function chooseCampaign(page: Page, title: string): Promise<void> {
  const picker = page.getByTestId('campaign-picker');
  await picker.waitFor();
  await picker.click();
  await page.keyboard.type(title);
  await page
    .locator(`.ant-select-item-option[data-title="${quote(title)}"]`)
    .first()
    .click();
  // (choosing the campaign already shown changes nothing, so wait for the picker, not the URL)
  await picker.filter({ hasText: title }).waitFor();
}

/** Presses OK in the confirmation bubble that is open now (closed ones stay in the page, hidden). */
/**
 * Presses a dialog's confirm button and waits for the dialog to close. On a machine busy enough to
 * starve the browser, a click can land while the dialog is still settling and be lost; the
 * button then still shows, enabled, and is pressed once more (a dialog busy with the request shows
 * it as loading, which ignores presses, so nothing is ever confirmed twice).
 */
export async function confirmPopup(page: Page, testId: string) {
  const button = page.locator(`[data-testid="${testId}"]:visible`);
  await button.click();
  for (let tries = 0; tries < 2; tries++) {
    const closed = await button
      .first()
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (closed) return;
    if (await button.first().isEnabled()) await button.first().click();
  }
  await button.first().waitFor({ state: 'hidden' });
}

/** Fails with the console's own words when an error box is showing. */
async function failIfError(page: Page, testId: string, what: string) {
  const box = page.getByTestId(testId);
  if (await box.isVisible().catch(() => false)) throw new Error(`admin: ${what} was refused: ${await box.innerText()}`);
}

/**
 * On 团购截单 (/admin/campaigns): presses 立即截单 on the campaign titled `campaignTitle` and
 * confirms; resolves once the result (purchase orders, sorting lists, cancelled unpaid orders)
 * is shown. A campaign already cut off shows its cutoff result instead (cutting off twice
 * changes nothing).
 */
export async function runCutoff(page: Page, baseUrl: string, campaignTitle: string): Promise<void> {
  await open(page, baseUrl, 'campaigns');
  const row = page
    .locator('[data-testid="campaign-table"] tbody tr')
    .filter({ has: page.getByRole('cell', { name: campaignTitle, exact: true }) })
    .first();
  await row.waitFor();
  if (await row.getByTestId('cutoff-button').count()) {
    await row.getByTestId('cutoff-button').click();
    await confirmPopup(page, 'cutoff-confirm');
  } else {
    await row.getByTestId('cutoff-view').click();
  }
  await Promise.race([page.getByTestId('cutoff-result').waitFor(), page.getByTestId('cutoff-error').waitFor()]);
  await failIfError(page, 'cutoff-error', `cutoff of ${campaignTitle}`);
  await page.getByTestId('cutoff-result').filter({ hasText: campaignTitle }).waitFor();
}

/**
 * On 采购单与收货 (/admin/purchase-orders): receives every purchase order of the campaign that is
 * still awaiting delivery, all lines accepted in full and none rejected, except the line of
 * `shortProductName`, where `shortBy` fewer units are accepted. Each receipt is confirmed and its
 * result awaited; the purchase order with the short product is received last, so the page ends
 * on its result (which says how many shortage refunds were made and for how much). Fails if no
 * open purchase order has that product, or with the console's message if a receipt is refused.
 */
export async function receiveWithShortage(
  page: Page,
  baseUrl: string,
  campaignTitle: string,
  shortProductName: string,
  shortBy: number,
): Promise<void> {
  await open(page, baseUrl, 'purchase-orders');
  await chooseCampaign(page, campaignTitle);
  let shorted = false;
  for (let guard = 0; guard < 200; guard++) {
    // the list as the server has it now, not the cached one shown while it refreshes
    await page.locator('[data-testid="po-list"][aria-busy="false"]').waitFor();
    const open = page.getByTestId('po-card').filter({ has: page.getByTestId('po-receive') });
    const left = await open.count();
    if (!left) break;
    const withShort = open.filter({ has: page.getByRole('cell', { name: shortProductName, exact: true }) });
    const others = open.filter({ hasNot: page.getByRole('cell', { name: shortProductName, exact: true }) });
    const card = (await others.count()) ? others.first() : withShort.first();
    await card.getByTestId('po-receive').click();
    await page.getByTestId('receive-table').waitFor();
    const row = page
      .locator('[data-testid="receive-table"] tbody tr')
      .filter({ has: page.getByRole('cell', { name: shortProductName, exact: true }) });
    if (await row.count()) {
      // (antd puts the test id on the <input> or on its wrapper depending on the version)
      const input = row
        .first()
        .locator('input[data-testid="receive-accepted"], [data-testid="receive-accepted"] input')
        .first();
      const ordered = Number(await input.inputValue());
      if (ordered < shortBy)
        throw new Error(`admin: only ${ordered} of ${shortProductName} ordered, cannot be ${shortBy} short`);
      await input.fill(String(ordered - shortBy));
      await input.blur();
      shorted = true;
    }
    await page.getByTestId('receive-submit').click();
    await confirmPopup(page, 'receive-confirm');
    await Promise.race([page.getByTestId('receive-result').waitFor(), page.getByTestId('receive-error').waitFor()]);
    await failIfError(page, 'receive-error', 'a receipt');
    if (left === 1) break; // the last one: stay on its result
    await page.getByTestId('receive-back').click();
  }
  if (!shorted) throw new Error(`admin: no purchase order awaiting delivery has ${shortProductName}`);
}

/**
 * On 分拣与发车 (/admin/sorting): dispatches every route of the campaign that still has sorting
 * lists to dispatch, confirming each; resolves when no route is left to dispatch. Fails with the
 * console's message if a dispatch is refused (e.g. a purchase order not yet received).
 */
export async function dispatchAll(page: Page, baseUrl: string, campaignTitle: string): Promise<void> {
  await open(page, baseUrl, 'sorting');
  await chooseCampaign(page, campaignTitle);
  await page.getByTestId('route-card').first().waitFor();
  for (let guard = 0; guard < 100; guard++) {
    const buttons = page.getByTestId('dispatch-button');
    const left = await buttons.count();
    if (!left) return;
    const route = await page
      .getByTestId('route-card')
      .filter({ has: buttons.first() })
      .first()
      .getAttribute('data-route');
    const card = page.locator(`[data-testid="route-card"][data-route="${quote(route ?? '')}"]`);
    await buttons.first().click();
    await confirmPopup(page, 'dispatch-confirm');
    await Promise.race([card.getByTestId('route-dispatched').waitFor(), card.getByTestId('dispatch-error').waitFor()]);
    await failIfError(page, 'dispatch-error', 'a dispatch');
  }
  throw new Error('admin: routes are still waiting to be dispatched');
}
