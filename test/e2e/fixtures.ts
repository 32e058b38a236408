import { randomInt } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { idNumberCheckChar } from "../../app/domain/id-number";

export const DEMO_PASSWORD = "Demo@2026";

/** Navigates and waits until React has hydrated, so that clicks reach the router. */
export async function gotoReady(page: Page, url: string) {
  const response = await page.goto(url);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  return response;
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await gotoReady(page, "/login");
  await page.getByLabel("账号").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

export async function loginAs(page: Page, username: string) {
  await login(page, username);
  await expect(page).toHaveURL(/\/home$/);
}

/** A valid, unique (per run) 18-character ID number. */
export function uniqueIdNumber(): string {
  // Drawn over the whole space (30 years × 12 months × 28 days × 1,000 sequence numbers): the
  // Playwright workers are separate processes, so a clock-and-counter scheme collided between them.
  const t = randomInt(0, 30 * 12 * 28 * 1000);
  const month = String((t % 12) + 1).padStart(2, "0");
  const day = String((Math.floor(t / 12) % 28) + 1).padStart(2, "0");
  const year = 1970 + (Math.floor(t / 336) % 30);
  const seq = String(Math.floor(t / 10_080) % 1000).padStart(3, "0");
  const first17 = `330106${year}${month}${day}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/** The same number with a wrong check character. */
export function withBadCheckChar(id: string): string {
  const good = id[17];
  const bad = good === "1" ? "2" : "1";
  return id.slice(0, 17) + bad;
}

export function uniqueSuffix() {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/** A POST that a page of ours would send (same Origin), for tampering tests. */
export function sameOriginHeaders(baseURL: string) {
  return { Origin: baseURL, "Content-Type": "application/x-www-form-urlencoded" };
}
