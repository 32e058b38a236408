import { expect, type Browser } from "@playwright/test";
import { gotoReady, loginAs } from "./fixtures";

export const TABLET = { width: 820, height: 1180 };

/** One examiner scores every task of one candidate: `fraction(taskIndex)` of each criterion's points. */
export async function scoreCandidate(
  browser: Browser,
  username: string,
  groupUrl: string,
  ticket: string,
  fraction: (taskIndex: number) => number,
) {
  const ctx = await browser.newContext({ viewport: TABLET, hasTouch: true });
  const page = await ctx.newPage();
  await loginAs(page, username);
  await gotoReady(page, groupUrl);
  const row = () => page.getByRole("row").filter({ hasText: ticket });
  await expect(row().getByRole("link").first()).toBeVisible();
  const n = await row().getByRole("link").count();
  for (let t = 0; t < n; t++) {
    await row().getByRole("link").nth(t).click();
    await expect(page.getByText("合计")).toBeVisible();
    const inputs = page.locator('input[type="number"]');
    const k = await inputs.count();
    for (let i = 0; i < k; i++) {
      const max = Number(await inputs.nth(i).getAttribute("max"));
      await inputs.nth(i).fill(String(Math.floor(max * fraction(t) * 2) / 2));
    }
    await page.getByRole("button", { name: "提交评分" }).click();
    await expect(page).toHaveURL(/submitted=/);
  }
  await ctx.close();
  return n;
}
