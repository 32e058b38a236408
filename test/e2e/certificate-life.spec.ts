// A certificate's life on screen: the center admin finds 胡晓燕's seeded certificate, corrects the
// name, reissues it (补发) and voids the reissue; the public page answers each state; a second void
// from a stale page is refused; another center's admin is refused; the registry files download
// and hold what the page shows.
import fs from "node:fs";
import iconv from "iconv-lite";
import { expect, test, type Page } from "@playwright/test";
import { gotoReady, loginAs } from "./fixtures";

test.describe.configure({ mode: "serial" });

const SITTING = "2026年第3期五级技能考核";
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
let oldNumber = "";
let newNumber = "";

async function verify(page: Page, number: string, name: string) {
  await gotoReady(page, "/verify");
  await page.getByLabel("证书编号").fill(number);
  await page.getByLabel("持证人姓名").fill(name);
  await page.getByRole("button", { name: "查询" }).click();
  return page.getByRole("status");
}

test("更正姓名、补发、作废：公众查询依次显示更正后的姓名、已补发、已作废；重复作废与他中心管理员被拒绝", async ({ browser }) => {
  test.setTimeout(120_000);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await loginAs(admin, "admin");
  await gotoReady(admin, "/center/certificates");
  await admin.getByLabel("证书编号或姓名").fill("胡晓燕");
  await admin.getByRole("button", { name: "查找" }).click();
  const row = admin.getByRole("table", { name: "证书列表" }).getByRole("row").filter({ hasText: "胡晓燕" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("有效");
  oldNumber = (await row.getByRole("link").textContent())!.trim();
  expect(oldNumber).toMatch(/^S000031010701\d{2}5\d{6}$/);
  await row.getByRole("link").click();
  await expect(admin.getByRole("heading", { name: "证书详情" })).toBeVisible();
  await expect(admin.getByText(`证书编号 ${oldNumber}`)).toBeVisible();

  // Name correction: the reason is required, then the record shows who, old, new, why.
  await admin.getByLabel("更正后的姓名").fill("胡晓艳");
  await admin.getByRole("button", { name: "更正姓名" }).click();
  await expect(admin.getByText("请填写原因")).toBeVisible();
  await expect(admin.getByTestId("cert-holder")).toHaveText("胡晓燕");
  await admin.getByLabel("更正原因").fill("与居民身份证姓名不符");
  await admin.getByRole("button", { name: "更正姓名" }).click();
  await expect(admin.getByText(`证书 ${oldNumber} 上的姓名已更正为“胡晓艳”。`)).toBeVisible();
  await expect(admin.getByTestId("cert-holder")).toHaveText("胡晓艳");
  const record = admin.getByRole("table", { name: "更正记录" }).getByRole("row").nth(1);
  await expect(record).toContainText("吴强");
  await expect(record).toContainText("胡晓燕");
  await expect(record).toContainText("胡晓艳");
  await expect(record).toContainText("与居民身份证姓名不符");

  const pub = await (await browser.newContext()).newPage();
  let status = await verify(pub, oldNumber, "胡晓艳");
  await expect(status).toContainText("证书有效");
  await expect(status).toContainText(`持证人姓名已于 ${today} 更正`);
  status = await verify(pub, oldNumber, "胡晓燕");
  await expect(status).toContainText("现为“胡晓艳”");

  // Reissue: a new number, the old one replaced.
  await admin.getByLabel("补发说明（选填）").fill("遗失");
  await admin.getByRole("button", { name: "补发新证书" }).click();
  const done = admin.getByText(/已补发新证书 S\d{21}，原证书 S\d{21} 失效。/);
  await expect(done).toBeVisible();
  newNumber = /已补发新证书 (S\d{21})/.exec((await done.textContent())!)![1];
  expect(Number(newNumber.slice(16))).toBeGreaterThan(Number(oldNumber.slice(16)));
  await expect(admin.getByTestId("cert-status")).toContainText("已补发（原证书失效）");
  await admin.getByRole("link", { name: "查看补发的新证书" }).click();
  await expect(admin.getByText(`证书编号 ${newNumber}`)).toBeVisible();
  const newUrl = admin.url();
  const newId = new URL(newUrl).pathname.split("/").pop();
  await gotoReady(admin, `/certificates/${newId}/print`);
  await expect(admin.getByTestId("cert-reissue")).toHaveText("（补发）");
  await expect(admin.getByTestId("cert-original")).toHaveText(oldNumber);
  await expect(admin.getByTestId("cert-name")).toHaveText("胡晓艳");

  status = await verify(pub, oldNumber, "胡晓艳");
  await expect(status).toContainText(`该证书已补发新证书，原证书失效（${today} 补发）`);
  await expect(status).not.toContainText(newNumber);
  status = await verify(pub, newNumber, "胡晓艳");
  await expect(status).toContainText("证书有效");
  await expect(status).toContainText(`原证书编号 ${oldNumber} 已失效`);

  // Void the reissue; a page opened before sees its second void refused.
  await gotoReady(admin, newUrl);
  const stale = await adminContext.newPage();
  await gotoReady(stale, newUrl);
  await admin.getByRole("button", { name: "作废证书" }).click();
  await expect(admin.getByText("请填写原因")).toBeVisible();
  await admin.getByLabel("作废原因").fill("持证人申请注销");
  await admin.getByRole("button", { name: "作废证书" }).click();
  await expect(admin.getByText(`证书 ${newNumber} 已作废。`)).toBeVisible();
  await expect(admin.getByTestId("cert-status")).toContainText("已作废");
  await stale.getByLabel("作废原因").fill("重复操作");
  await stale.getByRole("button", { name: "作废证书" }).click();
  await expect(stale.getByRole("alert")).toContainText("该证书已作废，不能再次作废。");
  await stale.close();

  status = await verify(pub, newNumber, "胡晓艳");
  await expect(status).toContainText(`该证书已作废（${today} 作废）`);
  status = await verify(pub, newNumber, "胡某");
  await expect(status).toContainText("未查到与该编号和姓名相符的证书");
  await pub.context().close();

  // Another center's admin: refused; that center's codes are unset and its settings page says so.
  const other = await browser.newPage();
  await loginAs(other, "admin2");
  const res = await gotoReady(other, newUrl);
  expect(res?.status()).toBe(403);
  await gotoReady(other, "/center/departments");
  await expect(other.getByTestId("numbering-unset")).toContainText(
    "本中心尚未设置证书编号的评价机构代码、省份代码、站点代码，不能颁发证书",
  );
  await other.close();
  await adminContext.close();
});

test("证书登记导出：Excel、UTF-8 与 GBK 的 CSV 与页面一致", async ({ page }) => {
  await loginAs(page, "admin");
  await gotoReady(page, "/center/sittings");
  await page.getByRole("link", { name: SITTING }).click();
  await page.getByRole("link", { name: "证书与登记导出" }).click();
  await expect(page.getByRole("heading", { name: `${SITTING} · 证书` })).toBeVisible();
  const table = page.getByRole("table", { name: "本场次证书" });
  await expect(table.getByRole("row")).toHaveCount(3);
  // Oldest number first: the original (replaced), then its reissue (void, naming the original).
  await expect(table.getByRole("row").nth(1)).toContainText(`${oldNumber}胡晓艳`);
  await expect(table.getByRole("row").nth(1)).toContainText("已补发");
  await expect(table.getByRole("row").nth(2)).toContainText(newNumber);
  await expect(table.getByRole("row").nth(2)).toContainText(`已作废${oldNumber}`);

  const download = async (name: string) => {
    const [d] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
    return { file: fs.readFileSync((await d.path())!), filename: d.suggestedFilename() };
  };
  const header = "证书编号,姓名,证件类型,证件号码,职业(工种),职业编码,等级,理论成绩,技能成绩,发证日期,评价机构,状态,原证书编号";
  const utf8 = await download("导出 CSV（UTF-8）");
  expect(utf8.filename).toBe(`证书登记-${SITTING}-${today}-UTF8.csv`);
  expect([...utf8.file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = utf8.file.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(lines[0]).toBe(header);
  const byNumber = new Map(lines.slice(1).map((l) => [l.split(",")[0], l.split(",")]));
  const oldRow = byNumber.get(oldNumber)!;
  const newRow = byNumber.get(newNumber)!;
  expect(oldRow[1]).toBe("胡晓艳");
  expect(oldRow[2]).toBe("居民身份证");
  expect(oldRow[3]).toMatch(/^310107\d{11}[\dX]$/);
  expect(oldRow.slice(4, 9)).toEqual([
    "行政办事员（政务服务综合窗口办事员）",
    "3-01-01-01",
    "五级/初级工",
    expect.stringMatching(/^\d+(\.\d+)?$/),
    "81.5",
  ]);
  expect(oldRow.slice(10)).toEqual(["示范区政务服务中心", "已补发", ""]);
  expect(newRow[9]).toBe(today);
  expect(newRow.slice(11)).toEqual(["作废", oldNumber]);

  const gbk = await download("导出 CSV（GBK）");
  expect(iconv.decode(gbk.file, "gbk")).toBe(utf8.file.subarray(3).toString("utf8"));

  const xlsx = await download("导出 Excel（xlsx）");
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.file as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.getWorksheet("证书登记")!.eachRow((r) => {
    const cells = (r.values as unknown[]).slice(1).map((v) => String(v ?? ""));
    rows.push([...cells, ...Array<string>(13 - cells.length).fill("")]);
  });
  expect(rows[0].join(",")).toBe(header);
  expect(rows.slice(1).map((r) => r.join(","))).toEqual(lines.slice(1));
});
