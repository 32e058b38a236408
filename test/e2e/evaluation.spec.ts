// Annual evaluation journey: the center opens a year, 李明 scores himself, 王芳 scores him as a peer,
// 郑涛 as his manager; the center enters the objective part; the summary, the report's radar and
// its inputs, and the xlsx download all show the same numbers.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { gotoReady, loginAs, sameOriginHeaders } from "./fixtures";
import { dbQuery, dbRow, dbTime } from "./exam-db";

const INDICATORS = [
  ["职业道德", 5],
  ["基础知识", 3],
  ["拓展知识", 2],
  ["基础技能", 3],
  ["拓展技能", 2],
  ["沟通协调", 5],
  ["服务导向", 5],
  ["专业能力", 5],
  ["数字化能力", 5],
  ["过程性规范", 5],
  ["个性化指标", 15],
] as const;

/** A past year in [from, from + 9) without a cycle in the demo center: reruns and the two tests (run in parallel) do not collide. */
async function freeYear(from: number): Promise<number> {
  const rows = await dbQuery<{ year: number }>(
    `SELECT c."year" AS "year" FROM "EvaluationCycle" c JOIN "Center" n ON n."id" = c."centerId" WHERE n."name" = '示范区政务服务中心'`,
  );
  const taken = new Set(rows.map((r) => r.year));
  for (let y = from; y < from + 9; y++) if (!taken.has(y)) return y;
  throw new Error("no free year");
}

/** As the center admin, opens the year with 郑涛 as the default manager; lands on its summary. */
async function openYear(page: Page, year: number) {
  await loginAs(page, "admin");
  await gotoReady(page, "/center/evaluation");
  await page.getByLabel("年度", { exact: true }).fill(String(year));
  await page.getByLabel("默认评分负责人").selectOption({ label: "郑涛（科室负责人）" });
  await page.getByRole("button", { name: "开启评价" }).click();
  await expect(page.getByRole("heading", { name: `${year} 年度能力评价汇总（表C.1）` })).toBeVisible();
}

async function asUser(browser: Browser, username: string, work: (page: Page) => Promise<void>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAs(page, username);
  await work(page);
  await context.close();
}

/** Fills the 11 indicators with `valueOf(max)` and submits. */
async function scoreAndSubmit(page: Page, year: number, linkName: string, valueOf: (max: number) => number) {
  await gotoReady(page, "/evaluate");
  await page.getByRole("link", { name: `${year} 年度${linkName}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${year} 年度`);
  for (const [name, max] of INDICATORS) await page.getByLabel(name, { exact: true }).fill(String(valueOf(max)));
  await page.getByRole("button", { name: "提交评分" }).click();
  await expect(page.getByText(/已于 .* 提交/)).toBeVisible();
}

test("self, peer and manager scores become the C.1 summary, the report's radar and the xlsx", async ({ browser, page, baseURL }) => {
  test.setTimeout(120_000);
  const year = await freeYear(2001);
  const people = await dbQuery<{ id: string; name: string; centerId: string }>(
    `SELECT "id", "name", "centerId" FROM "Person" WHERE "name" IN ('李明','王芳','郑涛')`,
  );
  const ids = Object.fromEntries(people.map((p) => [p.name, p]));

  // The center opens the year and makes 王芳 李明's only peer and 郑涛 his manager.
  await openYear(page, year);
  const cycleUrl = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "李明", exact: true }).click();
  await expect(page.getByRole("heading", { name: `李明 · ${year} 年度能力评价` })).toBeVisible();
  const peers = page.getByRole("group", { name: "互评人" });
  for (const box of await peers.getByRole("checkbox").all()) await box.uncheck();
  await peers.getByLabel("王芳").check();
  await page.getByLabel("负责人", { exact: true }).selectOption({ label: "郑涛" });
  await page.getByRole("button", { name: "保存评价人" }).click();
  await expect(page.getByText("评价人已更新。")).toBeVisible();
  await expect(page.getByText("同事互评：王芳 — 未提交")).toBeVisible();

  // Self: an out-of-range score is refused and nothing is saved; then the real scores.
  await asUser(browser, "candidate", async (p) => {
    await gotoReady(p, "/evaluate");
    await p.getByRole("link", { name: `${year} 年度自评：李明` }).click();
    await p.getByLabel("职业道德", { exact: true }).fill("6");
    await p.getByRole("button", { name: "保存草稿" }).click();
    await expect(p.getByText("职业道德应在 0 至 5 分之间")).toBeVisible();
    const selfScores = await dbRow<{ n: number }>(
      `SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "EvaluationScore" s JOIN "EvaluationAssignment" a ON a."id" = s."assignmentId"
         JOIN "EvaluationSubject" j ON j."id" = a."subjectId" JOIN "EvaluationCycle" c ON c."id" = j."cycleId"
        WHERE c."year" = ? AND a."relation" = 'self' AND j."personId" = ?`,
      year,
      ids["李明"].id,
    );
    expect(selfScores!.n).toBe(0);
    await scoreAndSubmit(p, year, "自评：李明", (max) => max);
    // A submitted evaluation is final.
    const res = await p.request.post(p.url(), { headers: sameOriginHeaders(baseURL!), form: { intent: "submit", ethics: "1" } });
    expect(res.status()).toBe(409);
  });
  await asUser(browser, "proctor", (p) => scoreAndSubmit(p, year, "同事互评：李明", (max) => max - 1));
  await asUser(browser, "manager", (p) => scoreAndSubmit(p, year, "负责人评分：李明", (max) => max - 0.5));

  // Someone else's assignment is not found, for a colleague and for another center's admin.
  const assignmentId = (await dbRow<{ id: string }>(
    `SELECT a."id" AS "id" FROM "EvaluationAssignment" a JOIN "EvaluationSubject" j ON j."id" = a."subjectId"
       JOIN "EvaluationCycle" c ON c."id" = j."cycleId" WHERE c."year" = ? AND a."relation" = 'manager' AND j."personId" = ?`,
    year,
    ids["李明"].id,
  ))!.id;
  await asUser(browser, "candidate", async (p) => {
    expect((await p.goto(`/evaluate/${assignmentId}`))!.status()).toBe(404);
  });
  await asUser(browser, "admin2", async (p) => {
    expect((await p.goto(cycleUrl))!.status()).toBe(404);
  });

  // 好差评 counts for that year (normally imported on the ratings page): 96 % good, every valid bad one rectified.
  await dbQuery(
    `INSERT INTO "RatingCount" ("id", "centerId", "personId", "period", "channel", "activeGood", "activeBad", "timeoutUnrated", "invalidBad",
       "repliedBad", "rectified", "satisfied", "source", "importedAt") VALUES (?, ?, ?, ?, '一次一评', 95, 5, 0, 1, 5, 4, 4, 'e2e.csv', ?)`,
    `e2e-${year}`,
    ids["李明"].centerId,
    ids["李明"].id,
    `${year}-06`,
    dbTime(new Date()),
  );

  // The center enters the objective part and a district award.
  await gotoReady(page, `${cycleUrl}/people/${ids["李明"].id}`);
  await page.getByLabel("完成量").fill("450");
  await page.getByLabel("目标量").fill("500");
  await page.getByLabel("投诉情况（0–5 分）").fill("5");
  await page.getByLabel("投诉情况依据").fill("全年无有效投诉");
  await page.getByLabel("表扬褒奖（0–5 分）").fill("4");
  await page.getByRole("button", { name: "保存客观评价" }).click();
  await expect(page.getByText("请填写表扬褒奖的依据")).toBeVisible();
  await page.getByLabel("表扬褒奖依据").fill("锦旗 2 面");
  await page.getByRole("button", { name: "保存客观评价" }).click();
  await expect(page.getByText("客观评价数据已保存。")).toBeVisible();
  await page.getByLabel("事由").fill("区优秀窗口工作人员");
  await page.getByLabel("依据", { exact: true }).first().fill("区政务办〔2019〕3号");
  await page.getByRole("button", { name: "添加" }).click();
  await expect(page.getByText("加减分已记录。")).toBeVisible();

  // Subjective 0.2·55 + 0.3·44 + 0.5·49.5 = 48.95; objective 22.5 + 9.6 + 5 + 4 = 41.1; bonus 1.
  await expect(page.getByTestId("total")).toHaveText("91.05");
  await expect(page.getByText("25 × 450 ÷ 500 = 22.5 分")).toBeVisible();
  const table = page.getByTestId("indicator-table");
  await expect(table.getByRole("row").filter({ hasText: "职业道德" })).toContainText("4.45");

  // The printable report shows the radar against the center average and every input with its weight.
  await page.getByRole("link", { name: "打印个人报告" }).click();
  await expect(page.getByTestId("report-total")).toHaveText("91.05");
  await expect(page.getByRole("img", { name: /五力雷达图/ })).toBeVisible();
  const how = page.getByTestId("how-担当力");
  await expect(how).toContainText("职业道德（主观，满分 5）：得分率 89.0%，权重 1/");
  await expect(how).toContainText("加减分（−20 至 +10，无加减为 0.5）：得分率 55.0%");
  await expect(page.getByTestId("how-服务力")).toContainText("服务满意度（好差评、投诉、表扬，满分 20）：得分率 93.0%");
  await expect(page.getByTestId("force-担当力")).toBeVisible();

  // The C.1 table on screen and in the xlsx hold the same values for 李明.
  await gotoReady(page, cycleUrl);
  const c1 = page.getByTestId("c1-table");
  await expect(c1.getByRole("row").filter({ hasText: "总分" })).toContainText("91.05");
  const headers = (await c1.locator("thead th").allTextContents()).map((t) => t.trim());
  const col = headers.indexOf("李明");
  expect(col).toBeGreaterThan(2);
  const screen: Record<string, string> = {};
  for (const row of await c1.locator("tbody tr").all()) {
    const cells = (await row.locator("td, th").allTextContents()).map((t) => t.trim());
    screen[cells[1]] = cells[col];
  }
  expect(screen["总分"]).toBe("91.05");
  expect(screen["好差评情况"]).toBe("9.6");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载汇总表（xlsx）" }).click()]);
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const ws = wb.getWorksheet("评价汇总表")!;
  const rows: string[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
  const header = rows.find((r) => r[0] === "一级指标")!;
  const xcol = header.indexOf("李明");
  expect(xcol).toBe(col);
  const sheet = Object.fromEntries(rows.filter((r) => r !== header && r.length > xcol).map((r) => [r[1], r[xcol]]));
  for (const [name, value] of Object.entries(screen)) expect(sheet[name], name).toBe(value);
});

test("工作完成度 CSV: a bad line is listed and nothing is imported; a good file is, with its conversion", async ({ page }) => {
  const year = await freeYear(2010);
  const idOf = async (name: string) =>
    (await dbRow<{ idNumber: string }>(`SELECT "idNumber" FROM "Person" WHERE "name" = ?`, name))!.idNumber;
  await openYear(page, year);
  const upload = async (text: string) => {
    await page
      .locator("#completion-file")
      .setInputFiles({ name: "完成度.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${text}`) });
    await page.getByRole("button", { name: "导入", exact: true }).click();
  };
  await upload(`身份证号,姓名,完成量,目标量\n${await idOf("李明")},李明,300,400\n${await idOf("王芳")},王芳,-1,400\n`);
  await expect(page.getByText("第 3 行：完成量应为不小于 0 的数字")).toBeVisible();
  const completion = async () =>
    (await dbRow<{ done: number | null }>(
      `SELECT s."completionDone" AS "done" FROM "EvaluationSubject" s JOIN "EvaluationCycle" c ON c."id" = s."cycleId"
         JOIN "Person" p ON p."id" = s."personId" WHERE c."year" = ? AND p."name" = '李明'`,
      year,
    ))!;
  expect((await completion()).done).toBeNull();
  await upload(`身份证号,姓名,完成量,目标量\n${await idOf("李明")},李明,300,400\n`);
  await expect(page.getByText("已导入 1 人的工作完成度。")).toBeVisible();
  expect((await completion()).done).toBe(300);
  await page.getByRole("link", { name: "李明", exact: true }).click();
  await expect(page.getByText("25 × 300 ÷ 400 = 18.75 分（来源：完成度.csv）")).toBeVisible();
});
