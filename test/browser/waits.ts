import type { Locator } from 'playwright-core';

/** Waits until the element's text contains `text` (the page updates after requests). */
export async function showsText(locator: Locator, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  for (;;) {
    seen = await locator.innerText({ timeout: 1000 }).catch(() => seen);
    if (seen.includes(text)) return;
    if (Date.now() > deadline)
      throw new Error(`expected "${text}" in ${String(locator)}; saw "${seen}"`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits until `check` holds (asked every 200 ms). */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
