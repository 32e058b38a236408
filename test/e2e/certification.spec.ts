import { expect, test, type Page } from "@playwright/test";
import { gotoReady, login, loginAs, uniqueIdNumber, uniqueSuffix } from "./fixtures";
import { dbQuery, dbRow, dbTime } from "./exam-db";
import { scoreCandidate } from "./skill-helpers";

test.describe.configure({ mode: "serial" });

const S = uniqueSuffix().slice(-5);
const NEWCOMER = `新入职${S}`;
const USERNAME = `n${uniqueSuffix()}`;
const COURSE = `岗前培训${S}`;

async function newSitting(page: Page, title: string) {
  await gotoReady(page, "/center/sittings");
  await page.getByLabel("场次名称").fill(title);
  await page.getByLabel("等级").selectOption("L5");
  const start = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" })
    .format(new Date(Date.now() + 86_400_000))
    .replace(" ", "T");
  await page.getByLabel("开考时间（北京时间）").fill(start);
  await page.getByRole("button", { name: "创建场次" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await page.getByLabel("考场名称").fill("第1考场");
  await page.getByRole("button", { name: "添加考场" }).click();
  await expect(page.getByTestId("room-第1考场")).toBeVisible();
}

test("培训师指派课程并记录结业：学员的学时进度与申报条件随之变化，不符合条件的报名被拒绝并说明原因", async ({ browser }) => {
  test.setTimeout(120_000);
  // A newcomer hired today: no year of work yet, no training.
  const admin = await browser.newPage();
  await loginAs(admin, "admin");
  await gotoReady(admin, "/center/staff/new");
  await admin.getByLabel("姓名").fill(NEWCOMER);
  await admin.getByLabel("居民身份证号").fill(uniqueIdNumber());
  await admin.getByLabel("手机号").fill("13700001234");
  await admin.getByLabel("入职日期").fill(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date()));
  await admin.getByLabel("岗位").selectOption("综合窗口工作人员");
  await admin.getByRole("button", { name: "保存" }).click();
  await expect(admin.getByText("人员已登记")).toBeVisible();
  await admin.getByLabel("账号", { exact: true }).fill(USERNAME);
  await admin.getByLabel("初始密码").fill("Initial@2026");
  await admin.getByRole("button", { name: "开通账号" }).click();
  await expect(admin.getByText("账号已开通")).toBeVisible();

  const staff = await browser.newPage();
  await login(staff, USERNAME, "Initial@2026");
  await staff.getByLabel("当前密码").fill("Initial@2026");
  await staff.getByLabel("新密码", { exact: true }).fill("Newcomer#2026");
  await staff.getByLabel("确认新密码").fill("Newcomer#2026");
  await staff.getByRole("button", { name: "保存新密码" }).click();
  await expect(staff).toHaveURL(/\/home/);
  await gotoReady(staff, "/me/training");
  await expect(staff.getByRole("progressbar", { name: "五级/初级工培训学时" })).toHaveAttribute("aria-valuenow", "0");
  await expect(staff.getByTestId("eligibility-L5")).toContainText("暂不符合");
  await expect(staff.getByTestId("eligibility-L5")).toContainText("L5-3：还需完成五级/初级工标准学时培训 160 学时（已完成 0/160）");

  // Registration is refused with the reason.
  await newSitting(admin, `E2E报名资格${S}`);
  await admin.getByLabel(NEWCOMER).check();
  await admin.getByRole("button", { name: "为所选人员报名" }).click();
  await expect(admin.getByRole("alert")).toContainText(
    `以下人员不符合申报条件，未报名：${NEWCOMER}（不符合五级/初级工申报条件：L5-1：累计从事本职业或相关职业工作不足 1 年`,
  );
  await expect(admin.getByRole("alert")).toContainText("L5-3：还需完成五级/初级工标准学时培训 160 学时");

  // The trainer runs a 160-hour L5 course with an assessment.
  const trainer = await browser.newPage();
  await loginAs(trainer, "trainer");
  await gotoReady(trainer, "/trainer");
  await trainer.getByLabel("课程名称").fill(COURSE);
  await trainer.getByLabel("计入等级").selectOption("L5");
  await trainer.getByLabel("学时").fill("160");
  await trainer.getByLabel("培训内容").selectOption("业务技能");
  await trainer.getByLabel("结业时进行考核（合格/不合格）").check();
  await trainer.getByRole("button", { name: "创建课程" }).click();
  await expect(trainer.getByRole("heading", { name: COURSE })).toBeVisible();
  await trainer.getByLabel(NEWCOMER).check();
  await trainer.getByRole("button", { name: "指派" }).click();
  await expect(trainer.getByText("已指派 1 人。")).toBeVisible();
  await trainer.getByLabel(`${NEWCOMER} 结业`).check();
  await trainer.getByRole("button", { name: "记录出勤" }).click();
  await expect(trainer.getByText("已记录 1 人出勤。")).toBeVisible();
  await expect(trainer.getByRole("row").filter({ hasText: NEWCOMER })).toContainText("已出勤");
  await trainer.getByLabel(`${NEWCOMER} 结业`).check();
  await trainer.getByRole("button", { name: "保存结业记录" }).click();
  await expect(trainer.getByText("请为勾选的每位学员选择考核结果")).toBeVisible();
  await trainer.getByLabel(`${NEWCOMER} 结业`).check();
  await trainer.getByLabel(`${NEWCOMER} 考核结果`).selectOption("passed");
  await trainer.getByRole("button", { name: "保存结业记录" }).click();
  await expect(trainer.getByText("已记录 1 人结业。")).toBeVisible();
  await trainer.close();

  await staff.reload();
  await expect(staff.getByRole("progressbar", { name: "五级/初级工培训学时" })).toHaveAttribute("aria-valuenow", "160");
  await expect(staff.getByTestId("eligibility-L5")).toContainText("符合申报条件（L5-3）");
  await expect(staff.getByRole("cell", { name: COURSE })).toBeVisible();
  await staff.close();

  await admin.reload();
  await admin.getByLabel(NEWCOMER).check();
  await admin.getByRole("button", { name: "为所选人员报名" }).click();
  await expect(admin.getByText("已报名 1 人。")).toBeVisible();
  await admin.close();
});

test("理论与技能均合格后颁发证书：A4 打印页带二维码，公众凭编号和姓名核验，姓名不符显示未查到", async ({ browser }) => {
  test.setTimeout(180_000);
  // 周敏 and 孙浩 passed the seeded five-level theory sitting; their skill part is in the seeded group.
  const chiefPage = await browser.newPage();
  await loginAs(chiefPage, "chief");
  await gotoReady(chiefPage, "/examiner");
  await chiefPage.getByRole("link", { name: /2026年第4期五级技能考核 · 第1考评组/ }).click();
  await expect(chiefPage).toHaveURL(/\/examiner\/groups\/[^/]+$/);
  const groupUrl = new URL(chiefPage.url()).pathname;
  await expect(chiefPage.locator("tbody th")).toHaveCount(2);
  const tickets = (await chiefPage.locator("tbody th").allTextContents()).map((t) => t.trim());
  await chiefPage.close();
  expect(tickets).toHaveLength(2);
  for (const u of ["examiner", "examiner2", "chief"]) for (const t of tickets) await scoreCandidate(browser, u, groupUrl, t, () => 1);

  const admin = await browser.newPage();
  await loginAs(admin, "admin");
  await gotoReady(admin, "/center/sittings");
  await admin.getByRole("link", { name: "2026年第4期五级技能考核" }).click();
  await admin.getByRole("button", { name: "发布成绩" }).click();
  await expect(admin.getByText(/成绩已发布，考生可以查看。公示至 \d{4}-\d{2}-\d{2}（5 个工作日）/)).toBeVisible();
  // Certificates come after the 公示: none at publication, the issue button only once it is over.
  await admin.getByRole("link", { name: "公示与发证" }).click();
  // Wait for the page itself: "no button" holds on the sitting page too, and a reload before the
  // navigation lands would reload the sitting page.
  await expect(admin.getByRole("heading", { name: "2026年第4期五级技能考核 · 公示与发证" })).toBeVisible();
  await expect(admin.getByTestId("publicity-status")).toContainText("公示期满后才能颁发证书");
  await expect(admin.getByRole("button", { name: "颁发证书" })).toHaveCount(0);
  // Time travel (test only): the 公示 ended a minute ago.
  await dbQuery(
    `UPDATE "Sitting" SET "publicityEndsAt" = ? WHERE "title" = ?`,
    dbTime(new Date(Date.now() - 60_000)),
    "2026年第4期五级技能考核",
  );
  await admin.reload();
  await admin.getByRole("button", { name: "颁发证书" }).click();
  await expect(admin.getByText("已颁发证书 2 本。")).toBeVisible();

  await admin.close();

  // The certificate, printed by the center admin (the holder has no account in the demo data).
  const page = await (await browser.newContext()).newPage();
  const cert = (await dbRow<{ id: string; number: string }>(
    `SELECT c."id" AS "id", c."number" AS "number" FROM "Certificate" c JOIN "Person" p ON p."id" = c."personId" WHERE p."name" = '周敏'`,
  ))!;
  expect(cert.number).toMatch(/^[YS]\d{21}$/);
  const holderAdmin = await browser.newPage();
  await loginAs(holderAdmin, "admin");
  await gotoReady(holderAdmin, `/certificates/${cert.id}/print`);
  await expect(holderAdmin.getByTestId("cert-number")).toHaveText(cert.number);
  await expect(holderAdmin.getByTestId("cert-name")).toHaveText("周敏");
  await expect(holderAdmin.getByTestId("cert-qr").locator("svg")).toBeVisible();
  await expect(holderAdmin.getByText(/核验地址：.*\/verify\?n=/)).toBeVisible();
  await holderAdmin.close();

  // Public verification, no login.
  await gotoReady(page, "/verify");
  await page.getByLabel("证书编号").fill(cert.number);
  await page.getByLabel("持证人姓名").fill("周敏");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByText("证书有效")).toBeVisible();
  await expect(page.getByRole("status")).toContainText("五级/初级工");
  await expect(page.getByRole("status")).toContainText(/310\*+\d{2}/);
  await page.getByLabel("持证人姓名").fill("周某");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByText("未查到与该编号和姓名相符的证书")).toBeVisible();
  await page.getByLabel("证书编号").fill(cert.number.slice(0, -1) + (cert.number.endsWith("9") ? "8" : "9"));
  await page.getByLabel("持证人姓名").fill("周敏");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByText("未查到与该编号和姓名相符的证书")).toBeVisible();
  await page.context().close();
});

test("中心管理员录入学历后申报条件随之改变；持证统计导出的 Excel 与页面一致", async ({ page }) => {
  await loginAs(page, "admin");
  await gotoReady(page, `/center/staff?q=${encodeURIComponent(NEWCOMER)}`);
  await page.getByRole("link", { name: NEWCOMER }).click();
  await expect(page.getByTestId("staff-eligibility-L4")).toContainText("暂不符合");
  await page.getByLabel("学校类型").selectOption("技工学校");
  await page.getByLabel("专业").fill("商务文秘");
  await page.getByLabel("毕业情况").selectOption("final-year");
  await page.getByRole("button", { name: "添加学历" }).click();
  await expect(page.getByText("申报条件信息已更新。")).toBeVisible();
  await expect(page.getByTestId("staff-eligibility-L4")).toContainText("符合（L4-3）");
  await page.getByLabel("证书编号").fill("12345");
  await page.getByRole("button", { name: "录入外部证书" }).click();
  await expect(page.getByText("证书编号为1位字母加21位数字")).toBeVisible();

  await gotoReady(page, "/center/reports");
  const share = (await page.getByTestId("window-share").textContent())!.trim();
  const table = page.getByRole("table", { name: "岗位与持证等级" });
  await expect(table.getByRole("row").filter({ hasText: "综合窗口工作人员" })).toBeVisible();
  const windowRow = (await table.getByRole("row").filter({ hasText: "综合窗口工作人员" }).locator("td").allTextContents()).map((t) =>
    t.trim(),
  );
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 Excel" }).click()]);
  const file = await download.path();
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("持证情况")!;
  const rows: string[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
  expect(rows.find((r) => r[0] === "岗位")).toEqual(["岗位", "人数", "未持证", "五级/初级工", "四级/中级工", "三级/高级工"]);
  expect(rows.find((r) => r[0] === "综合窗口工作人员")).toEqual(windowRow);
  expect(rows.find((r) => r[0] === "综合窗口工作人员持证率")?.[1]).toBe(share);
});
