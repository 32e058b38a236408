// 公示 → 复核 → certificate in the browser: a candidate asks for a 复核 during the 公示 (a second
// form of the same part is refused; a part whose 公示 is over says so), a reviewer re-checks the
// arithmetic and settles it (two reviewers at once: the second is told), the candidate reads the
// outcome, and the center issues certificates only once the 公示 is over.
import { expect, test, type Page } from "@playwright/test";
import { dbQuery, dbRow, dbTime } from "./exam-db";
import { gotoReady, loginAs } from "./fixtures";

test.describe.configure({ mode: "serial" });

const SITTING = "2026年第3期五级理论考试（二）";
const PAST = "2026年第3期五级理论考试";

async function myExamCard(page: Page, title: string) {
  await gotoReady(page, "/me/exams");
  return page
    .locator("section.card")
    .filter({ has: page.getByRole("heading", { name: title, exact: false }) })
    .filter({ hasText: title });
}

test("考生在公示期内申请复核，复核人重算后办结，考生看到结论；重复申请与公示期后的申请被拒绝", async ({ browser }) => {
  test.setTimeout(120_000);
  // 郑涛 (manager, also a candidate) sees his result with the 公示 end date.
  const candContext = await browser.newContext();
  const cand = await candContext.newPage();
  await loginAs(cand, "manager");
  const card = (await myExamCard(cand, SITTING)).first();
  await expect(card.getByTestId("publicity-line")).toContainText("成绩公示中，公示期至");
  await card.getByRole("link", { name: "申请复核" }).click();
  await expect(cand.getByRole("heading", { name: "成绩复核" })).toBeVisible();
  const formUrl = cand.url();
  // A second tab with the same form, to submit after the first: one request per part.
  const stale = await candContext.newPage();
  await gotoReady(stale, new URL(formUrl).pathname);

  await cand.getByRole("button", { name: "提交复核申请" }).click();
  await expect(cand.getByText("请写明申请复核的理由（至少5个字）")).toBeVisible();
  await cand.getByLabel("申请理由").fill("我估分比公布的成绩高，请核对计分");
  await cand.getByRole("button", { name: "提交复核申请" }).click();
  await expect(cand.getByText(/复核申请已提交，中心将于 \d{4}-\d{2}-\d{2} 前办结。/)).toBeVisible();
  await expect(cand.getByTestId("my-review")).toContainText("复核中");

  await stale.getByLabel("申请理由").fill("再提交一次复核申请");
  await stale.getByRole("button", { name: "提交复核申请" }).click();
  await expect(stale.getByRole("alert")).toHaveText("本科目已申请过复核，每科只能申请一次。");
  await stale.close();

  // 周敏's part of two months ago: its 公示 is over, the page says so and offers no form.
  const peer = await browser.newPage();
  await loginAs(peer, "peer");
  const past = (await myExamCard(peer, PAST)).filter({ hasNotText: "（二）" }).first();
  await expect(past.getByTestId("publicity-line")).toContainText(/公示期已于 \d{4}-\d{2}-\d{2} 结束。/);
  await expect(past.getByRole("link", { name: "申请复核" })).toHaveCount(0);
  const reg = (await dbRow<{ id: string }>(
    `SELECT r."id" AS "id" FROM "Registration" r JOIN "Person" p ON p."id" = r."personId" JOIN "Sitting" s ON s."id" = r."sittingId" WHERE p."name" = '周敏' AND s."title" = ?`,
    PAST,
  ))!;
  await gotoReady(peer, `/me/exams/${reg.id}/review`);
  await expect(peer.getByRole("status").filter({ hasText: "公示期已于" })).toContainText("结束，不能再申请复核。");
  await expect(peer.getByRole("button", { name: "提交复核申请" })).toHaveCount(0);
  await peer.close();

  // The chief examiner (no part in this theory sitting) re-checks 郑涛's score and upholds it.
  const chief = await browser.newPage();
  await loginAs(chief, "chief");
  await gotoReady(chief, "/reviews");
  const row = chief.getByRole("row").filter({ hasText: "郑涛" });
  await expect(row).toContainText("复核中");
  await row.getByRole("link", { name: "复核" }).click();
  await expect(chief.getByTestId("recheck-table")).toBeVisible();
  await expect(chief.getByText("逐项核对无误：重算总分与原成绩一致，评分记录完整。")).toBeVisible();
  await chief.getByLabel("维持原成绩").check();
  await chief.getByLabel("结论理由（考生可见）").fill("按标准答案逐题重判，各鉴定范围得分与总分均无误");
  await chief.getByRole("button", { name: "办结复核" }).click();
  await expect(chief.getByText("复核已办结，考生可以看到结论。")).toBeVisible();
  await expect(chief.getByTestId("review-outcome")).toContainText("维持原成绩");

  // Two reviewers on 赵丽's request at once: the admin opens it, the chief settles first.
  const admin = await browser.newPage();
  await loginAs(admin, "admin");
  await gotoReady(admin, "/reviews");
  await admin.getByRole("row").filter({ hasText: "赵丽" }).getByRole("link", { name: "复核" }).click();
  await expect(admin.getByTestId("recheck-table")).toBeVisible();
  await gotoReady(chief, "/reviews");
  await chief.getByRole("row").filter({ hasText: "赵丽" }).getByRole("link", { name: "复核" }).click();
  await chief.getByLabel("结论理由（考生可见）").fill("逐题重判无误，成绩维持");
  await chief.getByRole("button", { name: "办结复核" }).click();
  await expect(chief.getByText("复核已办结，考生可以看到结论。")).toBeVisible();
  await admin.getByLabel("结论理由（考生可见）").fill("管理员同时办理");
  await admin.getByRole("button", { name: "办结复核" }).click();
  await expect(admin.getByRole("alert")).toContainText("该复核已由黄磊办结，不能重复办结。");
  await chief.close();

  // The candidate reads the outcome and its reason.
  await cand.reload();
  await expect(cand.getByTestId("my-review")).toContainText("复核结论：维持原成绩");
  await expect(cand.getByTestId("my-review")).toContainText("按标准答案逐题重判，各鉴定范围得分与总分均无误");
  await candContext.close();

  // The center: 公示 status, no certificates while it runs; after it the button is there.
  const sitting = (await dbRow<{ id: string }>(`SELECT "id" FROM "Sitting" WHERE "title" = ?`, SITTING))!;
  await gotoReady(admin, `/center/sittings/${sitting.id}`);
  await admin.getByRole("link", { name: "公示与发证" }).click();
  await expect(admin.getByTestId("publicity-status")).toContainText("公示中：公示期至");
  await expect(admin.getByText("公示期满后才能颁发证书。")).toBeVisible();
  await expect(admin.getByRole("button", { name: "颁发证书" })).toHaveCount(0);
  await expect(admin.getByRole("row").filter({ hasText: "郑涛" })).toContainText("已办结 · 维持原成绩");
  // Time travel (test only): the 公示 ended a minute ago.
  await dbQuery(`UPDATE "Sitting" SET "publicityEndsAt" = ? WHERE "id" = ?`, dbTime(new Date(Date.now() - 60_000)), sitting.id);
  await admin.reload();
  await expect(admin.getByTestId("publicity-status")).toContainText("公示期已结束");
  await admin.getByRole("button", { name: "颁发证书" }).click();
  // 郑涛 and 陈静 passed theory only: nothing to issue yet, nobody waiting.
  await expect(admin.getByText("已颁发证书 0 本。")).toBeVisible();
  await admin.close();
});

test("中心设置公示期与复核期限：输入错误逐项提示，保存后生效", async ({ page }) => {
  await loginAs(page, "admin");
  await gotoReady(page, "/center/departments");
  await expect(page.getByLabel("公示期（工作日）")).toHaveValue("5");
  await expect(page.getByLabel("复核办结期限（工作日）")).toHaveValue("10");
  await page.getByLabel("复核办结期限（工作日）").fill("0");
  await page.getByRole("button", { name: "保存期限" }).click();
  await expect(page.getByText("复核期限至少1个工作日")).toBeVisible();
  await page.getByLabel("复核办结期限（工作日）").fill("10");
  await page.getByLabel("公示期（工作日）").fill("5");
  await page.getByRole("button", { name: "保存期限" }).click();
  await expect(page.getByText("公示与复核期限已保存。")).toBeVisible();
});
