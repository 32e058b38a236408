// Weak areas → training: the trainer sees, on a course, the candidates whose failed part it
// teaches and assigns them in one click; the candidate sees where the points were lost and the
// course on 我的培训. 徐婷 failed the seeded past five-level theory sitting.
import { expect, test } from "@playwright/test";
import { gotoReady, login, loginAs, uniqueSuffix } from "./fixtures";

const COURSE = "材料初审与业务办理实务";

test("培训师按考试薄弱环节一键指派课程；考生在我的培训看到失分最多的技能要求和推荐课程", async ({ browser }) => {
  test.setTimeout(120_000);
  const trainer = await browser.newPage();
  await loginAs(trainer, "trainer");
  await gotoReady(trainer, "/trainer");
  await trainer.getByRole("link", { name: COURSE }).click();
  const section = trainer.getByRole("region", { name: "考试薄弱环节匹配" });
  const row = section.getByRole("row").filter({ hasText: "徐婷" });
  await expect(row).toContainText("五级/初级工 理论知识");
  await expect(row).toContainText("未指派");
  await expect(row).toContainText("L5/2.");

  // A code the standard does not have is refused in place, and nothing is saved.
  await section.getByLabel("课程覆盖的技能要求代码").fill("L5/2.2, L9/9.9");
  await section.getByRole("button", { name: "保存覆盖范围" }).click();
  await expect(section.getByText("“L9/9.9”不是标准中的技能要求代码")).toBeVisible();
  await trainer.reload();
  await expect(trainer.getByLabel("课程覆盖的技能要求代码")).toHaveValue("");

  const button = section.getByRole("button", { name: /一键指派（\d+ 人）/ });
  const count = Number((await button.textContent())!.match(/（(\d+) 人）/)![1]);
  expect(count).toBeGreaterThan(0);
  await button.click();
  await expect(trainer.getByText(`已按薄弱环节指派 ${count} 人。`)).toBeVisible();
  await expect(row).toContainText("已指派");
  await expect(section.getByRole("button", { name: /一键指派/ })).toHaveCount(0);
  // The assigned candidates are now on the course's roster.
  await expect(trainer.getByRole("row").filter({ hasText: "徐婷" }).first()).toBeVisible();
  await trainer.close();

  // 徐婷 gets an account and looks at 我的培训.
  const admin = await browser.newPage();
  await loginAs(admin, "admin");
  await gotoReady(admin, `/center/staff?q=${encodeURIComponent("徐婷")}`);
  await admin.getByRole("link", { name: "徐婷" }).click();
  const username = `xt${uniqueSuffix()}`;
  await admin.getByLabel("账号", { exact: true }).fill(username);
  await admin.getByLabel("初始密码").fill("Initial@2026");
  await admin.getByRole("button", { name: "开通账号" }).click();
  await expect(admin.getByText("账号已开通")).toBeVisible();
  await admin.close();

  const staff = await browser.newPage();
  await login(staff, username, "Initial@2026");
  await expect(staff).toHaveURL(/\/account\/password/);
  await staff.getByLabel("当前密码").fill("Initial@2026");
  await staff.getByLabel("新密码", { exact: true }).fill("XuTing#2026new");
  await staff.getByLabel("确认新密码").fill("XuTing#2026new");
  await staff.getByRole("button", { name: "保存新密码" }).click();
  await expect(staff).toHaveURL(/\/home/);
  await gotoReady(staff, "/me/training");
  const weak = staff.getByRole("region", { name: "考试薄弱环节" });
  const part = weak.getByTestId("weak-part-theory-L5");
  await expect(part).toContainText("五级/初级工 理论知识");
  await expect(part).toContainText("未通过");
  await expect(part.getByRole("table")).toContainText(/L5\/|basic\//);
  await expect(part).toContainText(`推荐课程：${COURSE}`);
  await expect(part).toContainText("已指派");
  await staff.close();
});
