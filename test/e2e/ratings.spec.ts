import { expect, type Page, test } from "@playwright/test";
import iconv from "iconv-lite";
import { dbQuery, dbRow } from "./exam-db";
import { gotoReady, loginAs } from "./fixtures";

const thisYear = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));
let Y = thisYear - 1;

/** A year before any seeded rating (of any center), so the test sees only the rows it imports. */
async function freeYear(): Promise<number> {
  const row = await dbRow<{ p: string | null }>(`SELECT MIN("period") AS "p" FROM "RatingCount"`);
  return Math.min(thisYear, row?.p ? Number(row.p.slice(0, 4)) : thisYear) - 1;
}

const HEADER = "姓名,身份证号,月份,渠道,好评数,差评数,超时未评数,无效差评数,已回复差评数,已整改数,整改满意数";

async function person(name: string) {
  return (await dbRow<{ id: string; idNumber: string }>(`SELECT "id", "idNumber" FROM "Person" WHERE "name" = ?`, name))!;
}
function ratingRows(personId: string) {
  return dbQuery<{ period: string; channel: string; activeGood: number; rectified: number }>(
    `SELECT "period", "channel", "activeGood", "rectified" FROM "RatingCount" WHERE "personId" = ? AND "period" LIKE ? ORDER BY "period"`,
    personId,
    `${Y}-%`,
  );
}
async function upload(page: Page, name: string, buffer: Buffer) {
  await page.getByLabel("CSV 文件").setInputFiles({ name, mimeType: "text/csv", buffer });
  await page.getByRole("button", { name: "上传并导入" }).click();
}
async function cellTexts(page: Page, table: string, row: string | RegExp) {
  return page.getByRole("table", { name: table }).getByRole("row", { name: row }).getByRole("cell").allInnerTexts();
}

test("导入好差评：有误的行逐行列出且不导入；仅导入无误的行后按定义计算六项比率；其他中心看不到", async ({ browser }) => {
  Y = await freeYear();
  const liming = await person("李明");
  const wangfang = await person("王芳");
  const qianjin = await person("钱进"); // 临江区 (admin2's center)
  expect(await ratingRows(liming.id)).toEqual([]);

  const page = await browser.newPage();
  await loginAs(page, "admin");
  await gotoReady(page, "/center/ratings");
  await expect(page.getByRole("link", { name: "下载模板" })).toHaveAttribute("href", "/ratings-import-template.csv");

  // Line 2 is good; 3: 已整改数 3 > 有效差评 3−1 = 2; 4: unknown channel; 5: another center's person.
  const text = [
    HEADER,
    `李明,${liming.idNumber},${Y}年3月,一次一评,37,3,10,1,3,0,0`,
    `李明,${liming.idNumber},${Y}-04,一次一评,10,3,0,1,3,3,0`,
    `王芳,${wangfang.idNumber},${Y}-03,电话回访,5,0,0,0,0,0,0`,
    `钱进,${qianjin.idNumber},${Y}-03,一次一评,5,0,0,0,0,0,0`,
  ].join("\r\n");
  await upload(page, "好差评-有误.csv", iconv.encode(text, "gbk"));
  await expect(page.getByText("识别为 GBK 编码")).toBeVisible();
  await expect(page.getByText("3 行有误")).toBeVisible();
  await expect(page.getByText("尚未导入任何数据")).toBeVisible();
  await expect(page.getByTestId("import-row-2")).toContainText("无误");
  await expect(page.getByTestId("import-row-3")).toContainText("第 3 行");
  await expect(page.getByTestId("import-row-3")).toContainText("已整改数不能大于有效差评数");
  await expect(page.getByTestId("import-row-4")).toContainText("渠道“电话回访”不存在，应为：一次一评、一事一评、综合点评、监督查评");
  await expect(page.getByTestId("import-row-5")).toContainText("不是本中心人员");
  await expect(page.getByText(liming.idNumber)).toHaveCount(0); // ID numbers are masked
  expect(await ratingRows(liming.id)).toEqual([]); // nothing imported

  await page.getByRole("button", { name: "仅导入无误的行（1 行）" }).click();
  await expect(page.getByText("已导入 1 行好差评数据，跳过有误的 3 行")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`year=${Y}`));
  expect(await ratingRows(liming.id)).toEqual([{ period: `${Y}-03`, channel: "一次一评", activeGood: 37, rectified: 0 }]);

  // By hand: total 37+3+10 = 50, valid bad 3−1 = 2. 好评率 48/50 = 96.0%; 主动评价好评率 37/(40−1)
  // = 94.87% → 94.8% (truncated); 未评率 (10+1)/50 = 22.0%; 回复率 3/3 = 100.0%; 整改率 0/2 = 0.0%;
  // 整改满意率 0/0 → 无数据; 好差评情况 10×0.96 − 2×(2/2) = 7.60.
  const expected = ["50", "96.0%", "94.8%", "22.0%", "100.0%", "0.0%", "无数据"];
  await expect(page.getByRole("columnheader", { name: "好差评情况（按默认换算：10×好评率−2×未整改差评占比）" })).toBeVisible();
  expect(await cellTexts(page, "人员好差评情况", /李明/)).toEqual([...expected, "7.60"]);
  expect(await cellTexts(page, "按渠道的六项比率", /一次一评/)).toEqual(expected);
  expect(await cellTexts(page, "按渠道的六项比率", /一事一评/)).toEqual(["0", "无数据", "无数据", "无数据", "无数据", "无数据", "无数据"]);
  expect(await cellTexts(page, "按渠道的六项比率", /合计/)).toEqual(expected);
  expect(await cellTexts(page, "本中心月度趋势", /^3月/)).toEqual(expected);
  expect((await cellTexts(page, "本中心月度趋势", /^4月/))[1]).toBe("无数据");
  await expect(page.getByText("（总评价次数 − 有效差评次数）÷ 总评价次数", { exact: false })).toBeVisible();

  // The person's own monthly trend.
  await page.getByRole("table", { name: "人员好差评情况" }).getByRole("link", { name: "李明" }).click();
  await expect(page).toHaveURL(new RegExp(`person=${liming.id}`));
  await expect(page.getByRole("heading", { name: `李明 · ${Y}年月度趋势` })).toBeVisible();
  expect(await cellTexts(page, "李明月度趋势", /^3月/)).toEqual(expected);

  // The corrected file: the month is replaced, not added, and line 3 now imports at once.
  const fixed = [
    HEADER,
    `李明,${liming.idNumber},${Y}-03,一次一评,38,3,10,1,3,1,1`,
    `李明,${liming.idNumber},${Y}-04,一次一评,10,3,0,1,3,2,1`,
  ].join("\r\n");
  await gotoReady(page, "/center/ratings");
  await upload(page, "好差评-修正.csv", Buffer.from(`\uFEFF${fixed}`, "utf-8"));
  await expect(page.getByText("已导入 2 行好差评数据")).toBeVisible();
  expect(await ratingRows(liming.id)).toEqual([
    { period: `${Y}-03`, channel: "一次一评", activeGood: 38, rectified: 1 },
    { period: `${Y}-04`, channel: "一次一评", activeGood: 10, rectified: 2 },
  ]);
  // 4月: total 13, valid bad 2, rectified 2 of 2, satisfied 1 of 2.
  expect(await cellTexts(page, "本中心月度趋势", /^4月/)).toEqual(["13", "84.6%", "83.3%", "7.6%", "100.0%", "100.0%", "50.0%"]);

  // The year selector lists the year with data.
  await gotoReady(page, "/center/ratings");
  await page.getByLabel("年份").selectOption(String(Y));
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page).toHaveURL(new RegExp(`year=${Y}`));
  expect((await cellTexts(page, "人员好差评情况", /李明/))[0]).toBe("64"); // 51 in March + 13 in April
  await page.close();

  // admin2 (临江区) sees only their own center, cannot open the demo center's person, and cannot
  // import ratings for them.
  const other = await browser.newPage();
  await loginAs(other, "admin2");
  await gotoReady(other, `/center/ratings?year=${Y}`);
  const staff = other.getByRole("table", { name: "人员好差评情况" });
  await expect(staff.getByRole("link", { name: "钱进" })).toBeVisible();
  await expect(staff.getByText("李明")).toHaveCount(0);
  expect(await cellTexts(other, "按渠道的六项比率", /合计/)).toEqual(["0", "无数据", "无数据", "无数据", "无数据", "无数据", "无数据"]);
  const response = await gotoReady(other, `/center/ratings?year=${Y}&person=${liming.id}`);
  expect(response?.status()).toBe(404);
  await expect(other.getByText("未找到该人员")).toBeVisible();
  await gotoReady(other, "/center/ratings");
  await upload(other, "越权.csv", Buffer.from([HEADER, `李明,${liming.idNumber},${Y}-05,一次一评,5,0,0,0,0,0,0`].join("\n"), "utf-8"));
  await expect(other.getByTestId("import-row-2")).toContainText("该身份证号的人员不是本中心人员");
  await expect(other.getByRole("button", { name: /仅导入无误的行/ })).toHaveCount(0);
  expect(await ratingRows(liming.id)).toHaveLength(2);
  await other.close();
});

test("非管理员不能打开好差评页面", async ({ page }) => {
  await loginAs(page, "candidate");
  const response = await gotoReady(page, "/center/ratings");
  expect(response?.status()).toBe(403);
});
