import { expect, test } from "@playwright/test";
import iconv from "iconv-lite";
import { gotoReady, login, loginAs, uniqueIdNumber, uniqueSuffix, withBadCheckChar } from "./fixtures";

test("中心管理员新增人员：身份证号校验、脱敏显示、编辑页显示完整号码", async ({ page }) => {
  await loginAs(page, "admin");
  await gotoReady(page, "/center/staff/new");
  const id = uniqueIdNumber();
  const name = `测试${uniqueSuffix().slice(-4)}`;
  await page.getByLabel("姓名").fill(name);
  await page.getByLabel("居民身份证号").fill(withBadCheckChar(id));
  await page.getByLabel("手机号").fill("13912345678");
  await page.getByLabel("入职日期").fill("2021-05-06");
  await page.getByLabel("岗位").selectOption("综合窗口工作人员");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("身份证号校验位不正确")).toBeVisible();

  await page.getByLabel("居民身份证号").fill(id);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("人员已登记")).toBeVisible();
  const masked = id.slice(0, 3) + "*".repeat(13) + id.slice(-2);
  await expect(page.getByText(masked)).toBeVisible();
  await expect(page.getByText(id)).toHaveCount(0);

  await gotoReady(page, `/center/staff?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("cell", { name: masked })).toBeVisible();
  await expect(page.getByText(id)).toHaveCount(0);

  await page.getByRole("link", { name }).click();
  await page.getByRole("link", { name: /编辑/ }).click();
  await expect(page.getByLabel("居民身份证号")).toHaveValue(id);
});

test("开通账号、分配角色；新账号首次登录须修改密码，改后旧会话失效", async ({ browser }) => {
  const admin = await browser.newPage();
  await loginAs(admin, "admin");
  await gotoReady(admin, "/center/staff/new");
  const name = `账号${uniqueSuffix().slice(-4)}`;
  await admin.getByLabel("姓名").fill(name);
  await admin.getByLabel("居民身份证号").fill(uniqueIdNumber());
  await admin.getByLabel("手机号").fill("13800001111");
  await admin.getByLabel("入职日期").fill("2020-01-02");
  await admin.getByLabel("岗位").selectOption("帮（代）办人员");
  await admin.getByRole("button", { name: "保存" }).click();
  await expect(admin.getByText("人员已登记")).toBeVisible();

  const username = `u${uniqueSuffix()}`;
  await admin.getByLabel("账号", { exact: true }).fill(username);
  await admin.getByLabel("初始密码").fill("short");
  await admin.getByRole("button", { name: "开通账号" }).click();
  await expect(admin.getByText("密码至少 8 位")).toBeVisible();
  await admin.getByLabel("初始密码").fill("Initial@2026");
  await admin.getByLabel("培训师").check();
  await admin.getByRole("button", { name: "开通账号" }).click();
  await expect(admin.getByText("账号已开通")).toBeVisible();
  await expect(admin.getByLabel("培训师")).toBeChecked();
  await expect(admin.getByLabel("考生/工作人员")).toBeChecked();
  await expect(admin.getByLabel("平台管理员")).toHaveCount(0); // a center admin cannot grant it
  await admin.close();

  const user = await browser.newPage();
  await login(user, username, "Initial@2026");
  await expect(user).toHaveURL(/\/account\/password/);
  await gotoReady(user, "/home");
  await expect(user).toHaveURL(/\/account\/password/); // still forced
  const other = await browser.newContext();
  const second = await other.newPage();
  await login(second, username, "Initial@2026");
  await expect(second).toHaveURL(/\/account\/password/);

  await user.getByLabel("当前密码").fill("Initial@2026");
  await user.getByLabel("新密码", { exact: true }).fill("MyNewPass#2026");
  await user.getByLabel("确认新密码").fill("MyNewPass#2026");
  await user.getByRole("button", { name: "保存新密码" }).click();
  await expect(user).toHaveURL(/\/home/);
  await expect(user.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "培训管理" })).toBeVisible();

  // The other device's session ended with the password change.
  await gotoReady(second, "/home");
  await expect(second).toHaveURL(/\/login/);
  await other.close();
  await user.close();
});

test("连续5次密码错误后，第6次（即使密码正确）被限制并提示重试时间", async ({ browser }) => {
  // A fresh account so that other tests' logins are not locked out.
  const admin = await browser.newPage();
  await loginAs(admin, "admin");
  await gotoReady(admin, "/center/staff/new");
  await admin.getByLabel("姓名").fill(`锁定${uniqueSuffix().slice(-4)}`);
  await admin.getByLabel("居民身份证号").fill(uniqueIdNumber());
  await admin.getByLabel("手机号").fill("13800002222");
  await admin.getByLabel("入职日期").fill("2020-01-02");
  await admin.getByLabel("岗位").selectOption("咨询引导人员");
  await admin.getByRole("button", { name: "保存" }).click();
  const username = `lock${uniqueSuffix()}`;
  await admin.getByLabel("账号", { exact: true }).fill(username);
  await admin.getByLabel("初始密码").fill("Correct@2026");
  await admin.getByRole("button", { name: "开通账号" }).click();
  await expect(admin.getByText("账号已开通")).toBeVisible();
  await admin.close();

  const page = await browser.newPage();
  for (let i = 1; i <= 4; i++) {
    await login(page, username, `wrong-${i}`);
    await expect(page.getByRole("alert")).toContainText(`再错 ${5 - i} 次将暂时锁定`);
  }
  await login(page, username, "wrong-5");
  await expect(page.getByRole("alert")).toContainText("登录失败次数过多");
  await login(page, username, "Correct@2026");
  await expect(page.getByRole("alert")).toContainText(/请于 \d{2}:\d{2} 后重试/);
  await expect(page).toHaveURL(/\/login/);
  await page.close();

  const log = await browser.newPage();
  await loginAs(log, "admin");
  await gotoReady(log, "/audit?action=auth.login_failed");
  await expect(log.getByRole("cell", { name: username }).first()).toBeVisible();
  await log.close();
});

function csv(rows: string[][]) {
  return rows.map((r) => r.join(",")).join("\r\n") + "\r\n";
}

test("CSV 导入（GBK）：逐行列出错误，有错时不能全部导入，可明确选择只导入无误的行", async ({ page }) => {
  await loginAs(page, "admin");
  const good1 = uniqueIdNumber();
  const good2 = uniqueIdNumber();
  const s = uniqueSuffix().slice(-4);
  const text = csv([
    ["姓名", "身份证号", "手机号", "岗位", "部门", "入职日期"],
    [`导入甲${s}`, good1, "13700000001", "综合窗口工作人员", "区税务局", "2020/3/1"],
    [`导入乙${s}`, withBadCheckChar(uniqueIdNumber()), "13700000002", "咨询引导人员", "", "2021-04-01"],
    [`导入丙${s}`, good2, "12345", "窗口保洁", "", "2030-01-01"],
    [`导入丁${s}`, uniqueIdNumber(), "13700000004", "帮(代)办人员", "不存在的局", "2019-01-01"],
    [`导入戊${s}`, uniqueIdNumber(), "021-62345678", "政务公开人员", "", "2018年6月1日"],
  ]);
  await gotoReady(page, "/center/staff/import");
  await page.getByLabel("CSV 文件").setInputFiles({ name: "名单.csv", mimeType: "text/csv", buffer: iconv.encode(text, "gbk") });
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page.getByText("识别为 GBK 编码")).toBeVisible();
  await expect(page.getByText("3 行有误")).toBeVisible();
  await expect(page.getByTestId("import-row-3")).toContainText("身份证号校验位不正确");
  await expect(page.getByTestId("import-row-4")).toContainText("手机号格式不正确");
  await expect(page.getByTestId("import-row-4")).toContainText("岗位“窗口保洁”不存在");
  await expect(page.getByTestId("import-row-4")).toContainText("入职日期不能晚于今天");
  await expect(page.getByTestId("import-row-5")).toContainText("部门“不存在的局”不在本中心的部门列表中");
  await expect(page.getByTestId("import-row-2")).toContainText("无误");
  await expect(page.getByRole("button", { name: /全部导入/ })).toBeDisabled();

  await page.getByRole("button", { name: "仅导入无误的 2 行" }).click();
  await expect(page.getByText("已导入 2 人，跳过有误的 3 行")).toBeVisible();
  await gotoReady(page, `/center/staff?q=${encodeURIComponent(s)}`);
  await expect(page.getByRole("link", { name: `导入甲${s}` })).toBeVisible();
  await expect(page.getByRole("link", { name: `导入戊${s}` })).toBeVisible();
  await expect(page.getByRole("link", { name: `导入乙${s}` })).toHaveCount(0);
  await expect(page.getByText("共 2 人")).toBeVisible();
});

test("CSV 导入（Excel 的 UTF-8 带 BOM）：全部无误时全部导入；重复导入被拒绝", async ({ page }) => {
  await loginAs(page, "admin");
  const s = uniqueSuffix().slice(-4);
  const id = uniqueIdNumber();
  const text = csv([
    ["姓名", "身份证号码", "手机号码", "岗位", "入职日期"],
    [`全对甲${s}`, id, "13600000001", "综合窗口工作人员", "2022-02-02"],
    [`全对乙${s}`, uniqueIdNumber(), "13600000002", "后台审批人员", "2022-02-03"],
  ]);
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf-8")]);
  await gotoReady(page, "/center/staff/import");
  await page.getByLabel("CSV 文件").setInputFiles({ name: "utf8.csv", mimeType: "text/csv", buffer: bytes });
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page.getByText("识别为 UTF-8 编码")).toBeVisible();
  await expect(page.getByText("共 2 行，全部无误")).toBeVisible();
  await page.getByRole("button", { name: "全部导入（2 人）" }).click();
  await expect(page.getByText("已导入 2 人")).toBeVisible();

  // The same file again: every row is now a duplicate.
  await page.getByLabel("CSV 文件").setInputFiles({ name: "utf8.csv", mimeType: "text/csv", buffer: bytes });
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page.getByTestId("import-row-2")).toContainText("该身份证号已登记");
  await expect(page.getByRole("button", { name: /全部导入/ })).toBeDisabled();
});
