import { expect, test, type Page } from "@playwright/test";
import { gotoReady, loginAs, sameOriginHeaders, uniqueIdNumber } from "./fixtures";

async function firstStaffLink(page: Page) {
  await gotoReady(page, "/center/staff");
  const link = page.locator("table a").first();
  const href = await link.getAttribute("href");
  return { href: href!, name: (await link.textContent())!.trim() };
}

test("中心管理员只能看到本中心人员", async ({ page }) => {
  await loginAs(page, "admin");
  await gotoReady(page, "/center/staff");
  await expect(page.getByRole("link", { name: "李明" })).toBeVisible();
  await expect(page.getByRole("link", { name: "冯雪" })).toHaveCount(0); // 临江区
  await expect(page.getByRole("link", { name: "顾小琴" })).toHaveCount(0); // 示范街道 (a different center)
});

test("改 URL 或表单字段都不能读取或修改其他中心的人员", async ({ browser, baseURL }) => {
  // admin2 (临江区) finds one of their own people.
  const other = await browser.newPage();
  await loginAs(other, "admin2");
  const target = await firstStaffLink(other);
  await other.close();

  const page = await browser.newPage();
  await loginAs(page, "admin");
  // Reading by URL
  const read = await gotoReady(page, target.href);
  expect(read?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  const edit = await gotoReady(page, `${target.href}?edit=1`);
  expect(edit?.status()).toBe(403);

  // Changing by posting the form to that person
  const form = new URLSearchParams({
    intent: "update",
    name: "被篡改",
    idNumber: uniqueIdNumber(),
    phone: "13900000000",
    staffRole: "综合窗口工作人员",
    departmentId: "",
    hireDate: "2020-01-01",
  });
  const post = await page.request.post(target.href, { headers: sameOriginHeaders(baseURL!), data: form.toString() });
  expect(post.status()).toBe(403);
  const reset = await page.request.post(target.href, {
    headers: sameOriginHeaders(baseURL!),
    data: new URLSearchParams({ intent: "reset-password", password: "Hacked@12345" }).toString(),
  });
  expect(reset.status()).toBe(403);
  await page.close();

  // Nothing changed on the other side.
  const check = await browser.newPage();
  await loginAs(check, "admin2");
  await gotoReady(check, "/center/staff");
  await expect(check.getByRole("link", { name: target.name })).toBeVisible();
  await expect(check.getByRole("link", { name: "被篡改" })).toHaveCount(0);
  await check.close();
});

test("新增人员时不能把人放进其他中心的部门", async ({ browser, baseURL }) => {
  const other = await browser.newPage();
  await loginAs(other, "admin2");
  await gotoReady(other, "/center/staff/new");
  const foreignDept = await other.locator("#departmentId option").nth(1).getAttribute("value");
  await other.close();

  const page = await browser.newPage();
  await loginAs(page, "admin");
  const form = new URLSearchParams({
    name: "越权测试",
    idNumber: uniqueIdNumber(),
    phone: "13900000001",
    staffRole: "综合窗口工作人员",
    departmentId: foreignDept!,
    hireDate: "2020-01-01",
  });
  const res = await page.request.post("/center/staff/new", { headers: sameOriginHeaders(baseURL!), data: form.toString() });
  expect(res.status()).toBe(400);
  await gotoReady(page, "/center/staff?q=越权测试");
  await expect(page.getByText("没有符合条件的人员")).toBeVisible();
  await page.close();
});

test("跨站的非 GET 请求被拒绝，会话不受影响", async ({ page, baseURL }) => {
  await loginAs(page, "admin");
  for (const url of ["/logout", "/center/departments", "/center/staff/new"]) {
    const res = await page.request.post(url, {
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      data: "name=跨站部门",
    });
    expect(res.status(), url).toBeGreaterThanOrEqual(400);
    expect(res.status(), url).toBeLessThan(500);
  }
  // A POST without any Origin and without Sec-Fetch-Site is refused by our middleware with 403.
  const bare = await page.request.fetch("/center/departments", { method: "POST", headers: { Origin: "" }, data: "name=x" });
  expect([400, 403]).toContain(bare.status());
  await gotoReady(page, "/center/departments");
  await expect(page.getByText("跨站部门")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "部门管理" })).toBeVisible();
  expect(baseURL).toBeTruthy();
});
