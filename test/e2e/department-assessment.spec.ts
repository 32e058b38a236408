import { expect, test, type Page } from "@playwright/test";
import { gotoReady, loginAs, sameOriginHeaders } from "./fixtures";

// A quarter the demo seed never fills (it fills the last four complete quarters before today).
const Q1 = "/center/department-assessment?year=2019&quarter=1";
const Q2 = "/center/department-assessment?year=2019&quarter=2";

const BASE: [string, number][] = [
  ["onlineHelp", 10],
  ["offlineHelp", 5],
  ["consulting", 5],
  ["serviceRating", 10],
  ["windowSupport", 10],
  ["coordination", 10],
  ["windowNorms", 10],
  ["onlineMaturity", 20],
  ["twoCentralizations", 10],
  ["discipline", 10],
];
const BONUS = ["innovation", "outstanding", "publicity", "other"];

type Sheet = { points?: Record<string, string>; notes?: Record<string, string> };

/** Fills the open form: every base item at its maximum unless given, bonus 0 unless given. */
async function fillSheet(page: Page, sheet: Sheet) {
  for (const [key, max] of BASE) {
    await page.locator(`#points-${key}`).fill(sheet.points?.[key] ?? String(max));
    await page.locator(`#note-${key}`).fill(sheet.notes?.[key] ?? "");
  }
  for (const key of BONUS) {
    await page.locator(`#points-${key}`).fill(sheet.points?.[key] ?? "0");
    await page.locator(`#note-${key}`).fill(sheet.notes?.[key] ?? "");
  }
}

async function assess(page: Page, department: string, sheet: Sheet, expectedTotal: string) {
  await gotoReady(page, Q1);
  await page.getByRole("link", { name: `评分：${department}` }).click();
  await expect(page.getByRole("heading", { name: `${department} · 2019年第1季度` })).toBeVisible();
  await fillSheet(page, sheet);
  await expect(page.getByTestId("grand-total")).toHaveText(expectedTotal);
  await page.getByRole("button", { name: "保存评分" }).click();
  await expect(page.getByText(`已保存：${department} 2019年第1季度的考核评分。`)).toBeVisible();
}

function rankingRows(page: Page) {
  return page.getByRole("table", { name: "考核排名" }).locator("tbody tr");
}

test("部门季度考核：越界分值就近报错且不保存；并列第3名全部为先进集体并注明；历史表显示该季度", async ({ page }) => {
  await loginAs(page, "admin");
  await gotoReady(page, Q1);
  await expect(page.getByRole("heading", { name: "2019年第1季度考核排名" })).toBeVisible();
  await expect(rankingRows(page)).toHaveCount(6);
  await expect(rankingRows(page).getByText("未评")).toHaveCount(6);

  // Out of range, and a deduction without its note: errors next to the items, nothing saved.
  await page.getByRole("link", { name: "评分：区税务局" }).click();
  await fillSheet(page, { points: { onlineMaturity: "21", consulting: "4" } });
  await page.getByRole("button", { name: "保存评分" }).click();
  await expect(page.getByTestId("item-onlineMaturity")).toContainText("在线办理成熟度应在 0 至 20 分之间");
  await expect(page.getByTestId("item-consulting")).toContainText("咨询服务未得满分，请填写扣分说明");
  await expect(page.getByText("未保存：有 2 处需要修改")).toBeVisible();
  await expect(page.locator("#points-onlineMaturity")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#points-onlineMaturity")).toHaveValue("21"); // what was typed stays
  await gotoReady(page, Q1);
  await expect(rankingRows(page).getByText("未评")).toHaveCount(6);

  // Five departments: 104, 101, 99, 99, 97.5 → ranks 1, 2, 3, 3, 5; the sixth stays 未评.
  await assess(
    page,
    "区税务局",
    {
      points: { windowSupport: "9", innovation: "3", publicity: "2" },
      notes: { windowSupport: "审核要点更新不及时", innovation: "智能预审上线", publicity: "区级媒体报道" },
    },
    "104",
  );
  await assess(
    page,
    "区人力资源和社会保障局",
    { points: { serviceRating: "9", outstanding: "2" }, notes: { serviceRating: "12345工单超时1件", outstanding: "获群众表扬" } },
    "101",
  );
  await assess(
    page,
    "区市场监督管理局",
    { points: { onlineHelp: "8", publicity: "1" }, notes: { onlineHelp: "解决率偏低", publicity: "信息录用1篇" } },
    "99",
  );
  await assess(
    page,
    "区公安分局",
    {
      points: { consulting: "4", discipline: "9", other: "1" },
      notes: { consulting: "电话未接通2次", discipline: "例会缺席1次", other: "节假日保障" },
    },
    "99",
  );
  await assess(page, "区规划和自然资源局", { points: { onlineMaturity: "17.5" }, notes: { onlineMaturity: "全程网办占比偏低" } }, "97.5");

  await gotoReady(page, Q1);
  const rows = rankingRows(page);
  await expect(rows.locator("td:first-child")).toHaveText(["1", "2", "3", "3", "5", "—"]);
  await expect(rows.nth(0)).toContainText("区税务局");
  await expect(rows.nth(0)).toContainText("104");
  await expect(rows.nth(4)).toContainText("区规划和自然资源局");
  await expect(rows.nth(5)).toContainText("区住房保障和房屋管理局");
  await expect(rows.nth(5)).toContainText("未评");
  // Subtotals of 区规划和自然资源局: 30, 30, 17.5, 20; base 97.5, bonus 0.
  await expect(rows.nth(4).locator("td")).toHaveText([
    "5",
    "区规划和自然资源局",
    "30",
    "30",
    "17.5",
    "20",
    "97.5",
    "0",
    "97.5",
    "",
    "修改",
  ]);
  await expect(rows.getByText("先进集体", { exact: true })).toHaveCount(4);
  await expect(page.getByTestId("advanced-tie")).toHaveText("第3名并列，先进集体共4个");
  await expect(page.getByText("尚有 1 个部门未评，排名与先进集体为暂定结果。")).toBeVisible();

  // History: 2018 and 2019, the 2019 Q1 column filled.
  const history = page.getByRole("table", { name: "历史得分与名次" });
  await expect(history.getByRole("columnheader", { name: "2019年", exact: true })).toBeVisible();
  await expect(history.getByRole("row", { name: /区公安分局/ })).toContainText("99第3名 ★");
  await expect(history.getByRole("row", { name: /区规划和自然资源局/ })).toContainText("97.5第5名");

  // The stored scores come back into the form.
  await page.getByRole("link", { name: "修改：区规划和自然资源局" }).click();
  await expect(page.locator("#points-onlineMaturity")).toHaveValue("17.5");
  await expect(page.locator("#note-onlineMaturity")).toHaveValue("全程网办占比偏低");
  await expect(page.getByTestId("subtotal-一网通办")).toHaveText("17.5 / 20");
  await expect(page.getByText("最后修改：吴强")).toBeVisible();
});

test("其他中心的管理员不能打开或提交本中心部门的考核", async ({ browser, baseURL }) => {
  const admin = await browser.newPage();
  await loginAs(admin, "admin");
  await gotoReady(admin, Q2);
  const href = await admin.getByRole("link", { name: "评分：区税务局" }).getAttribute("href");
  const departmentId = new URL(href!, baseURL).searchParams.get("department")!;
  expect(departmentId).toBeTruthy();

  const other = await browser.newPage();
  await loginAs(other, "admin2");
  const open = await gotoReady(other, `${Q2}&department=${departmentId}`);
  expect(open?.status()).toBe(403);
  await expect(other.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await expect(other.locator("#points-onlineHelp")).toHaveCount(0);

  const form = new URLSearchParams({ departmentId, year: "2019", quarter: "2" });
  for (const [key, max] of BASE) form.set(`points.${key}`, String(max));
  for (const url of [`${Q2}&department=${departmentId}`, Q2]) {
    const post = await other.request.post(url, { headers: sameOriginHeaders(baseURL!), data: form.toString() });
    expect(post.status()).toBe(403);
  }
  // admin2's own page does not show the demo center's departments.
  await gotoReady(other, Q2);
  await expect(other.getByRole("link", { name: "评分：区税务局" })).toHaveCount(0);
  await other.close();

  await gotoReady(admin, Q2);
  await expect(rankingRows(admin).getByText("未评")).toHaveCount(6);
  await admin.close();
});
