import { expect, test } from "@playwright/test";
import { gotoReady, login, loginAs } from "./fixtures";

// Each role lands on its home page with the navigation it may use, and nothing more.
const ROLES: { username: string; sees: string[]; doesNotSee: string[]; opens?: { path: string; heading: string } }[] = [
  {
    username: "candidate",
    sees: ["我的考试", "我的培训", "我的证书", "能力画像", "评价打分"],
    doesNotSee: ["人员管理", "监考", "中心管理"],
    opens: { path: "/me/evaluation", heading: "能力画像" },
  },
  {
    username: "proctor",
    sees: ["监考", "我的考试"],
    doesNotSee: ["人员管理", "技能评分"],
    opens: { path: "/evaluate", heading: "评价打分" },
  },
  {
    username: "manager",
    sees: ["评价打分", "个人信息"],
    doesNotSee: ["人员管理", "监考", "年度评价"],
    opens: { path: "/evaluate", heading: "评价打分" },
  },
  { username: "examiner", sees: ["技能评分"], doesNotSee: ["评分复核", "人员管理"] },
  { username: "chief", sees: ["技能评分", "评分复核"], doesNotSee: ["人员管理"] },
  { username: "trainer", sees: ["培训管理"], doesNotSee: ["人员管理", "监考"] },
  {
    username: "admin",
    sees: ["人员管理", "部门管理", "考试安排", "年度评价", "好差评", "部门考核", "操作日志", "个人信息"],
    doesNotSee: ["全平台日志", "我的考试"],
    opens: { path: "/center/evaluation", heading: "年度能力评价" },
  },
  { username: "platform", sees: ["中心管理", "全平台日志"], doesNotSee: ["我的考试", "监考", "题库审核"] },
  {
    username: "bank",
    sees: ["题库审核", "题目分析", "个人信息"],
    doesNotSee: ["我的考试", "监考", "人员管理", "中心管理"],
    opens: { path: "/bank", heading: "题库" },
  },
];

for (const role of ROLES) {
  test(`${role.username} 登录后看到本角色的首页与导航`, async ({ page }) => {
    await loginAs(page, role.username);
    const nav = page.getByRole("navigation", { name: "主导航" });
    for (const label of role.sees) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    for (const label of role.doesNotSee) await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
    if (role.opens) {
      // Client-side navigation (a data request) and a full page load must both work.
      await nav.locator(`a[href="${role.opens.path}"]`).click();
      await expect(page).toHaveURL(new RegExp(`${role.opens.path}$`));
      await expect(page.getByRole("heading", { level: 1, name: role.opens.heading })).toBeVisible();
      await gotoReady(page, role.opens.path);
      await expect(page.getByRole("heading", { level: 1, name: role.opens.heading })).toBeVisible();
    }
  });
}

test("登录页为中文，错误密码给出中文提示", async ({ page }) => {
  await gotoReady(page, "/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "账号登录" })).toBeVisible();
  await login(page, "examiner", "wrong-password");
  await expect(page.getByRole("alert")).toContainText("账号或密码不正确");
  await login(page, "examiner");
  await expect(page).toHaveURL(/\/home$/);
});

test("未登录访问受保护页面会跳到登录页，登录后回到原页面", async ({ page }) => {
  await gotoReady(page, "/center/staff");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcenter%2Fstaff/);
  await page.getByLabel("账号").fill("admin");
  await page.getByLabel("密码").fill("Demo@2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/center\/staff$/);
  await expect(page.getByRole("heading", { name: "人员管理" })).toBeVisible();
});

test("考生打开管理页面得到中文 403 页面", async ({ page }) => {
  await loginAs(page, "candidate");
  for (const url of ["/center/staff", "/admin/centers", "/audit", "/center/staff/import", "/bank", "/bank/analysis"]) {
    const response = await gotoReady(page, url);
    expect(response?.status(), url).toBe(403);
    await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
    await expect(page.getByText("您没有访问此页面或执行此操作的权限。")).toBeVisible();
  }
});

test("退出后旧的会话令牌失效", async ({ page, context }) => {
  await loginAs(page, "trainer");
  const cookies = await context.cookies();
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await context.addCookies(cookies);
  await gotoReady(page, "/home");
  await expect(page).toHaveURL(/\/login/);
});
