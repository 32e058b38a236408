import { expect, test, type Browser, type Page } from "@playwright/test";
import { gotoReady, loginAs, uniqueSuffix } from "./fixtures";
import { scoreCandidate, TABLET } from "./skill-helpers";

// The skill journey: schedule → staff a group → three examiners score on tablets, one an outlier →
// the chief sends the task back → it is re-scored → the center publishes → the candidate sees it.
test.describe.configure({ mode: "serial" });

const S = uniqueSuffix().slice(-5);
const TITLE = `E2E五级技能${S}`;
const OTHER = `E2E另一场技能${S}`;
let sittingUrl = "";
let groupUrl = "";
let ticket = "";

async function createSkillSitting(page: Page, title: string) {
  await gotoReady(page, "/center/sittings");
  await page.getByLabel("场次名称").fill(title);
  await page.getByLabel("等级").selectOption("L5");
  await page.getByLabel("考核类型").selectOption("skill");
  const start = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" })
    .format(new Date())
    .replace(" ", "T");
  await page.getByLabel("开考时间（北京时间）").fill(start);
  await page.getByLabel("考试时长（分钟）").fill("90");
  await page.getByRole("button", { name: "创建场次" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
}

async function assign(page: Page, group: string, name: string, chief = false) {
  const g = page.getByTestId(`group-${group}`);
  await g.getByLabel("选择考评员").selectOption({ label: chief ? `${name}（可任组长）` : name });
  if (chief) await g.getByLabel("任考评组长").check();
  await g.getByRole("button", { name: "指派" }).click();
  await expect(page.getByText(`已指派 ${name}`)).toBeVisible();
  // The group's line comes from the reloaded page data, after which the form is fresh.
  await expect(g.getByText(new RegExp(`考评员：.*${name}${chief ? "（组长）" : ""}`))).toBeVisible();
}

function scoreAll(browser: Browser, username: string, fraction: (taskIndex: number) => number) {
  return scoreCandidate(browser, username, groupUrl, ticket, fraction);
}

test("中心安排技能考核：考评组人数不足不能开始评分，补足后开始", async ({ page }) => {
  await loginAs(page, "admin");
  await createSkillSitting(page, TITLE);
  await expect(page).toHaveURL(/\/center\/skill-sittings\/[^/]+$/);
  sittingUrl = new URL(page.url()).pathname;
  await page.getByLabel("考评组名称").fill("第1考评组");
  await page.getByRole("button", { name: "添加考评组" }).click();
  await page.getByLabel("编入考评组").selectOption({ label: "第1考评组" });
  await page.getByLabel("李明").check();
  await page.getByRole("button", { name: "为所选人员报名" }).click();
  await expect(page.getByText("已报名 1 人")).toBeVisible();
  await page.getByRole("button", { name: "组卷" }).click();
  await expect(page.getByText("已组卷")).toBeVisible();
  const blueprint = page.getByRole("table", { name: "技能考核蓝图" });
  await expect(blueprint).toContainText("咨询引导");
  await expect(page.getByText("总分 100 分")).toBeVisible();

  await assign(page, "第1考评组", "黄磊", true);
  await assign(page, "第1考评组", "张伟");
  await expect(page.getByTestId("group-第1考评组")).toContainText("还缺 1 名考评员");
  await page.getByRole("button", { name: "开始评分" }).click();
  await expect(page.getByText(/第1考评组考评员不足：1 名考生需至少 3 名考评员且为单数，还缺 1 名/)).toBeVisible();
  await assign(page, "第1考评组", "朱军");
  await expect(page.getByTestId("group-第1考评组")).toContainText("考评员已满足（3 名）");
  ticket = (await page
    .getByTestId("group-第1考评组")
    .getByRole("row")
    .filter({ hasText: "李明" })
    .locator("td")
    .first()
    .textContent())!.trim();
  await page.getByRole("button", { name: "开始评分" }).click();
  await expect(page.getByText("已开始评分")).toBeVisible();

  // A second sitting whose group holds examiner3, for the cross-group check.
  await createSkillSitting(page, OTHER);
  await page.getByLabel("考评组名称").fill("第1考评组");
  await page.getByRole("button", { name: "添加考评组" }).click();
  await assign(page, "第1考评组", "马丽娟");
});

test("考评员在平板上独立评分：只见准考证号，越界分数被拒，其他组考评员 403", async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: TABLET, hasTouch: true });
  const page = await ctx.newPage();
  await loginAs(page, "examiner");
  await gotoReady(page, "/examiner");
  await page.getByRole("link", { name: new RegExp(`${TITLE} · 第1考评组`) }).click();
  await expect(page).toHaveURL(/\/examiner\/groups\/[^/]+$/);
  groupUrl = new URL(page.url()).pathname;
  await expect(page.getByText(ticket)).toBeVisible();
  await expect(page.getByText("李明")).toHaveCount(0); // examiners see exam numbers, not names

  await page.getByRole("row").filter({ hasText: ticket }).getByRole("link").first().click();
  const first = page.locator('input[type="number"]').first();
  const max = Number(await first.getAttribute("max"));
  await first.fill(String(max + 1));
  await page.getByRole("button", { name: "提交评分" }).click();
  await expect(page.getByRole("alert")).toContainText(`第 1 项评分应在 0 至 ${max} 分之间`);
  await first.fill(String(max));
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("草稿已保存")).toBeVisible();
  await ctx.close();

  const other = await browser.newPage();
  await loginAs(other, "examiner3");
  const res = await gotoReady(other, groupUrl);
  expect(res?.status()).toBe(403);
  await expect(other.getByText("您不在该考评组中")).toBeVisible();
  await other.close();
});

test("一名考评员偏离：组长看到分差并退回重评，重评后发布，考生看到合格与各范围得分", async ({ browser }) => {
  test.setTimeout(180_000);
  const tasks = await scoreAll(browser, "examiner", () => 1);
  await scoreAll(browser, "chief", () => 1);
  // The outlier: far below the others on the first task only.
  await scoreAll(browser, "examiner2", (t) => (t === 0 ? 0.2 : 1));

  const chief = await browser.newPage();
  await loginAs(chief, "chief");
  await gotoReady(chief, "/chief");
  await chief.getByRole("link", { name: new RegExp(`${TITLE} · 第1考评组`) }).click();
  const flagged = chief.locator("section").filter({ hasText: "待组长复核" });
  await expect(flagged).toHaveCount(1);
  await expect(flagged.getByRole("columnheader", { name: "朱军" })).toBeVisible();
  await expect(flagged.getByText(/合计（分差/)).toBeVisible();
  await flagged.getByRole("button", { name: "退回重评" }).click();
  await expect(chief.getByText("请写明理由")).toBeVisible();
  await chief
    .locator("section")
    .filter({ hasText: "待组长复核" })
    .getByLabel("理由")
    .fill("朱军第一项评分明显偏低，请对照评分标准重新评分");
  await chief.locator("section").filter({ hasText: "待组长复核" }).getByRole("button", { name: "退回重评" }).click();
  await expect(chief.getByText("已退回，各考评员需重新评分。")).toBeVisible();

  // Publishing now is refused: the task is being re-scored.
  const admin = await browser.newPage();
  await loginAs(admin, "admin");
  await gotoReady(admin, sittingUrl);
  await admin.getByRole("button", { name: "发布成绩" }).click();
  await expect(admin.getByText(/还有 1 名考生的评分未完成/)).toBeVisible();

  // Every examiner re-scores the returned task (their sheets are drafts again).
  for (const [u, f] of [
    ["examiner", 1],
    ["chief", 1],
    ["examiner2", 1],
  ] as const) {
    const ctx = await browser.newContext({ viewport: TABLET });
    const p = await ctx.newPage();
    await loginAs(p, u);
    await gotoReady(p, groupUrl);
    await p.getByRole("row").filter({ hasText: ticket }).getByRole("link", { name: /草稿/ }).click();
    await expect(p.getByText("合计")).toBeVisible();
    const inputs = p.locator('input[type="number"]');
    for (let i = 0; i < (await inputs.count()); i++) {
      const max = Number(await inputs.nth(i).getAttribute("max"));
      await inputs.nth(i).fill(String(Math.floor(max * f * 2) / 2));
    }
    await p.getByRole("button", { name: "提交评分" }).click();
    await expect(p).toHaveURL(/submitted=/);
    await ctx.close();
  }
  await chief.reload();
  await expect(chief.locator("section").filter({ hasText: "待组长复核" })).toHaveCount(0);
  await expect(chief.locator("section").filter({ hasText: "已完成" })).toHaveCount(tasks);

  await admin.reload();
  await admin.getByRole("button", { name: "发布成绩" }).click();
  await expect(admin.getByText("成绩已发布，考生可以查看。")).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: "李明" })).toContainText("合格");

  // After publication a score changes only through the chief's recorded correction.
  await chief.reload();
  const firstTask = chief.locator("section").filter({ hasText: "已完成" }).first();
  await firstTask.getByLabel("更正：考评员").selectOption({ label: "张伟" });
  await firstTask.getByLabel("更正为").fill("0");
  await firstTask.getByRole("button", { name: "记录更正" }).click();
  await expect(chief.getByText("请写明更正理由")).toBeVisible();
  await chief.locator("section").filter({ hasText: "已完成" }).first().getByLabel("更正为").fill("0");
  await chief.locator("section").filter({ hasText: "已完成" }).first().getByLabel("更正理由").fill("复核录像，第一项未主动问候");
  await chief.locator("section").filter({ hasText: "已完成" }).first().getByRole("button", { name: "记录更正" }).click();
  await expect(chief.getByText("已更正并记录，成绩已重新计算。")).toBeVisible();

  await gotoReady(admin, `${sittingUrl}/audit`);
  await expect(admin.getByRole("cell", { name: "更正" })).toBeVisible();
  await expect(admin.getByRole("cell", { name: "复核录像，第一项未主动问候" })).toBeVisible();
  await expect(admin.getByRole("cell", { name: "组长退回重评" })).toBeVisible();
  await expect(admin.getByRole("cell", { name: "朱军第一项评分明显偏低，请对照评分标准重新评分" })).toBeVisible();
  await admin.close();
  await chief.close();

  const cand = await browser.newPage();
  await loginAs(cand, "candidate");
  await gotoReady(cand, "/me/exams");
  const card = cand.locator("section").filter({ hasText: TITLE });
  await expect(card).toContainText("技能考核");
  await expect(card).toContainText("合格");
  for (const area of ["咨询引导", "业务办理", "综合出件"]) await expect(card.getByRole("cell", { name: area })).toBeVisible();
  await cand.close();
});
