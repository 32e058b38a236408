// 网上报名 end to end on the demo sitting “2027年第1期四级理论考试” (2 seats, both taken by the seed,
// 杨帆 first on the waiting list): a staff member applies with the live eligibility check, adds a
// missing work record with its evidence, the center reviews (approve → waiting list, ask for more,
// reject with a reason), raising the seats moves the waiting list up into registrations, and the
// refusals (double application, two reviewers at once, one's own application, a closed window)
// are shown on the page.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { gotoReady, loginAs } from "./fixtures";

test.describe.configure({ mode: "serial" });

const SITTING = "2027年第1期四级理论考试";

/** A signed-in page in a context of its own (a second tab of it: page.context().newPage()). */
async function signedIn(browser: Browser, username: string) {
  const page = await (await browser.newContext()).newPage();
  await loginAs(page, username);
  return page;
}

async function openForm(page: Page) {
  await gotoReady(page, "/me/applications");
  await page.getByRole("article").filter({ hasText: SITTING }).getByRole("link", { name: "申请报名" }).click();
  await expect(page.getByRole("heading", { name: SITTING })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

async function openApplication(page: Page, name: string) {
  await gotoReady(page, "/center/applications");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name: `${name} 的报名申请` })).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

test("工作人员网上报名：预填登记信息、实时检查申报条件、补充经历；重复申请被拒绝", async ({ browser }) => {
  const staff = await signedIn(browser, "candidate");
  await gotoReady(staff, "/me/exams");
  await staff.getByRole("link", { name: "网上报名" }).first().click();
  await expect(staff.getByRole("heading", { name: "网上报名", level: 1 })).toBeVisible();
  await openForm(staff);
  await expect(staff.getByRole("heading", { name: "中心已登记的信息" })).toBeVisible();
  await expect(staff.getByTestId("live-eligibility")).toContainText("符合四级/中级工申报条件（满足 L4-2）");

  // A second tab with the same form, submitted after the first: refused, nothing doubled.
  const second = await staff.context().newPage();
  await openForm(second);
  await staff.getByRole("button", { name: "提交报名申请" }).click();
  await expect(staff.getByText("报名申请已提交（符合申报条件 L4-2），请等待中心审核。")).toBeVisible();
  await second.getByRole("button", { name: "提交报名申请" }).click();
  await expect(second.getByRole("alert")).toContainText("您已提交过该场次的报名申请（待审核），不能重复申请。");
  await gotoReady(staff, "/me/applications");
  await expect(staff.getByTestId(`application-${SITTING}`)).toContainText("待审核");

  // 刘洋 (hired 2022) is short of five years: the check names what is missing, as he types.
  const liu = await signedIn(browser, "proctor2");
  await openForm(liu);
  const check = liu.getByTestId("live-eligibility");
  await expect(check).toContainText("暂不符合四级/中级工申报条件");
  await expect(check).toContainText("L4-2：还缺：累计从事本职业或相关职业工作不足 5 年，还差");
  await expect(liu.getByRole("button", { name: "提交报名申请" })).toBeDisabled();
  await liu.getByRole("button", { name: "添加工作经历" }).click();
  const row = liu.getByRole("group", { name: "补充工作经历 1" });
  await row.getByLabel("职业").selectOption("社区事务员");
  await row.getByLabel("开始日期").fill("2019-09-01");
  await expect(row).toContainText("未计入检查");
  await row.getByLabel("结束日期").fill("2021-12-31");
  await row.getByLabel("证明材料").fill("原社区居委会工作证明、社保缴费记录");
  await expect(row).toContainText("已计入检查");
  await expect(check).toContainText("符合四级/中级工申报条件（满足 L4-2）");
  await liu.getByRole("button", { name: "提交报名申请" }).click();
  await expect(liu.getByText("报名申请已提交（符合申报条件 L4-2）")).toBeVisible();
});

test("中心审核：名额已满进入候补；两人同时审核时后者被拒绝；不能审核本人的申请；增加名额后候补依次递补并报名", async ({ browser }) => {
  test.setTimeout(60_000);
  const admin = await signedIn(browser, "admin");
  await gotoReady(admin, "/center/applications");
  await expect(admin.getByRole("link", { name: "候补 1" })).toBeVisible();
  await expect(admin.getByRole("link", { name: "待审核 4" })).toBeVisible();

  // Both seats are taken: 李明 is approved onto the waiting list, second after 杨帆.
  await openApplication(admin, "李明");
  await admin.getByRole("button", { name: "通过并报名" }).click();
  await expect(admin.getByText("已通过 李明 的申请；名额已满，已列入候补名单。")).toBeVisible();
  await expect(admin.getByText("候补 第 2 位")).toBeVisible();

  // Two reviewers on 刘洋's application: the first decides, the second is told.
  const other = await admin.context().newPage();
  await openApplication(admin, "刘洋");
  await openApplication(other, "刘洋");
  await expect(admin.getByText("原社区居委会工作证明、社保缴费记录")).toBeVisible();
  await admin.getByRole("button", { name: "通过并报名" }).click();
  await expect(admin.getByText("已通过 刘洋 的申请；名额已满，已列入候补名单。")).toBeVisible();
  await other.getByLabel("驳回原因").fill("工作证明不清楚");
  await other.getByRole("button", { name: "驳回" }).click();
  await expect(other.getByRole("alert")).toContainText(/他人处理过|不在待审核状态/);

  // 吴强 (the admin himself) applied: he cannot review it.
  await openApplication(admin, "吴强");
  await expect(admin.getByText("不能审核本人的报名申请。")).toBeVisible();
  await expect(admin.getByRole("button", { name: "通过并报名" })).toHaveCount(0);

  // Filter: the waiting list, in order.
  await gotoReady(admin, "/center/applications");
  await admin.getByRole("link", { name: "候补 3" }).click();
  await expect(admin.getByRole("row")).toHaveCount(4);
  await expect(admin.getByRole("row").nth(1)).toContainText("杨帆");

  // Raising the seats from 2 to 4 on the sitting page moves 杨帆 and 李明 up and registers them.
  await gotoReady(admin, "/center/sittings");
  await admin.getByRole("link", { name: SITTING }).click();
  await admin.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const section = admin.getByRole("region", { name: "网上报名" });
  await section.getByLabel("名额（人）").fill("4");
  await section.getByRole("button", { name: "保存报名设置" }).click();
  await expect(section.getByText("报名设置已保存。候补递补 2 人：杨帆、李明。")).toBeVisible();

  const staff = await signedIn(browser, "candidate");
  await gotoReady(staff, "/me/applications");
  await expect(staff.getByTestId(`application-${SITTING}`)).toContainText("已通过");
  await gotoReady(staff, "/me/exams");
  await expect(staff.getByRole("heading", { name: new RegExp(SITTING) })).toBeVisible();
});

test("要求补充后申请人修改并重新提交；驳回原因申请人可见；报名截止后拒绝新申请", async ({ browser }) => {
  test.setTimeout(60_000);
  const peer = await signedIn(browser, "peer");
  await gotoReady(peer, "/me/applications");
  const card = peer.getByTestId(`application-${SITTING}`);
  await expect(card).toContainText("需补充");
  await expect(card).toContainText("需要补充：请补充原单位盖章的工作证明");
  await card.getByRole("link", { name: "补充并重新提交" }).click();
  await peer.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const row = peer.getByRole("group", { name: "补充工作经历 1" });
  await expect(row.getByLabel("开始日期")).toHaveValue("2018-07-01");
  await row.getByLabel("证明材料").fill("原街道社区工作证明（盖章，2018年7月至2023年2月）、社保缴费记录");
  await peer.getByRole("button", { name: "重新提交" }).click();
  await expect(peer.getByText("已重新提交，请等待中心审核。")).toBeVisible();

  const admin = await signedIn(browser, "admin");
  await openApplication(admin, "周敏");
  await expect(admin.getByText("2018年7月至2023年2月")).toBeVisible();
  await admin.getByLabel("驳回原因").fill("社保缴费记录与工作证明的起止时间不一致，请核实后报名下一期。");
  await admin.getByRole("button", { name: "驳回" }).click();
  await expect(admin.getByText("已驳回 周敏 的申请，申请人可以看到原因。")).toBeVisible();
  await gotoReady(peer, "/me/applications");
  await expect(card).toContainText("已驳回");
  await expect(card).toContainText("驳回原因：社保缴费记录与工作证明的起止时间不一致");

  // The center closes the window a minute ago: a new application is refused with the closing time.
  await gotoReady(admin, "/center/sittings");
  await admin.getByRole("link", { name: SITTING }).click();
  await admin.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const local = (d: Date) =>
    new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" }).format(d).replace(" ", "T");
  const section = admin.getByRole("region", { name: "网上报名" });
  await section.getByLabel("报名开始（北京时间）").fill(local(new Date(Date.now() - 3 * 86_400_000)));
  await section.getByLabel("报名截止（北京时间）").fill(local(new Date(Date.now() - 60_000)));
  await section.getByRole("button", { name: "保存报名设置" }).click();
  await expect(section.getByText("报名设置已保存。")).toBeVisible();
  const wang = await signedIn(browser, "proctor");
  await gotoReady(wang, "/me/applications");
  await wang.getByRole("article").filter({ hasText: SITTING }).getByRole("link", { name: "查看" }).click();
  await expect(wang.getByText(/报名已于 .+ 截止，不能再提交申请。/)).toBeVisible();
  await expect(wang.getByRole("button", { name: "提交报名申请" })).toHaveCount(0);
});
