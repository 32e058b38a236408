import { expect, test } from "@playwright/test";
import { gotoReady, loginAs, sameOriginHeaders } from "./fixtures";

// The 题库管理员's journey on /bank: find a draft, return it with a reason, approve it, see it
// among the active items with the reviewer recorded. The server works on a copy of the bank
// (scripts/e2e-server.mjs), so the repository's files never change.
const DRAFT = "T-L4-XC-0075";

test("题库管理员退回草稿、审核通过并启用，题目进入已启用列表", async ({ page }) => {
  await loginAs(page, "bank");
  await gotoReady(page, "/bank");
  await expect(page.getByRole("heading", { level: 1, name: "题库" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^待审核（\d+）$/ })).toHaveAttribute("aria-current", "page");

  await page.getByLabel("搜索（编号、题干、选项、解析）").fill(DRAFT);
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${DRAFT}`));
  const card = page.getByRole("article", { name: DRAFT });
  await expect(card).toContainText("待审核");
  await expect(card).toContainText("作者bank-L4");

  await card.getByText("退回作者修改").click();
  await card.getByLabel("退回理由（作者会在题目文件中看到）").fill("请与五级题加共同 enemy 标签后再提交");
  await card.getByRole("button", { name: "确认退回" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已退回作者：${DRAFT}。` })).toBeVisible();
  await expect(card).toContainText("由 孙颖 退回：请与五级题加共同 enemy 标签后再提交");

  await card.getByRole("button", { name: "审核通过并启用" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已审核通过并启用：${DRAFT}。` })).toBeVisible();
  await expect(page.getByRole("article", { name: DRAFT })).toHaveCount(0);

  await page.getByRole("link", { name: /^已启用（\d+）$/ }).click();
  const active = page.getByRole("article", { name: DRAFT });
  await expect(active).toContainText("已启用");
  await expect(active).toContainText(/审核孙颖，\d{4}-\d{2}-\d{2}/);
  await expect(active.getByRole("button", { name: "停用" })).toBeVisible();
});

test("审核操作的错误输入与越权：中文提示、不做修改", async ({ page, baseURL }) => {
  await loginAs(page, "bank");
  const noReason = await page.request.post("/bank", {
    headers: sameOriginHeaders(baseURL!),
    data: new URLSearchParams({ intent: "return", id: "T-L4-XC-0084", from: "draft", reason: "" }).toString(),
  });
  expect(noReason.status()).toBe(400);
  const stale = await page.request.post("/bank", {
    headers: sameOriginHeaders(baseURL!),
    data: new URLSearchParams({ intent: "activate", id: "T-L4-XC-0084", from: "active" }).toString(),
  });
  expect(stale.status()).toBe(409);
  await gotoReady(page, "/bank?q=T-L4-XC-0084");
  await expect(page.getByRole("article", { name: "T-L4-XC-0084" })).toContainText("待审核");
  expect((await page.request.get("/bank?view=all")).status()).toBe(400);

  // The downloads: a QTI 3.0 package and the xlsx template, both real files.
  const zip = await page.request.get("/bank/export.zip");
  expect(zip.status()).toBe(200);
  expect(zip.headers()["content-type"]).toBe("application/zip");
  expect((await zip.body()).subarray(0, 2).toString()).toBe("PK");
  const xlsx = await page.request.get("/bank/export.xlsx?empty=1");
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-disposition"]).toContain(encodeURIComponent("题库模板（空白）.xlsx"));
  expect((await page.request.get("/bank/export.zip?empty=1")).status()).toBe(400);

  await page.context().clearCookies();
  await loginAs(page, "admin");
  const denied = await page.request.post("/bank", {
    headers: sameOriginHeaders(baseURL!),
    data: new URLSearchParams({ intent: "retire", id: "T-L4-XC-0084", from: "draft" }).toString(),
  });
  expect(denied.status()).toBe(403);
  expect((await page.request.get("/bank/export.zip")).status()).toBe(403);
});
