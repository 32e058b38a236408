import { expect as baseExpect, test, type Page } from "@playwright/test";
import { gotoReady, loginAs, uniqueIdNumber, uniqueSuffix } from "./fixtures";

// The 2-core machine is shared while this runs: allow slow answers.
const expect = baseExpect.configure({ timeout: 15_000 });

// 排座 → 调座 → the candidate's 准考证 → all tickets of the sitting → each room's chart and sign-in sheet.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const S = uniqueSuffix().slice(-5);
const TITLE = `E2E准考证${S}`;
const DEPT = "区市场监督管理局"; // 李明's department in the demo data
const people = [
  { name: `同部门甲${S}`, id: uniqueIdNumber(), dept: DEPT },
  { name: `同部门乙${S}`, id: uniqueIdNumber(), dept: DEPT },
  { name: `他部门丙${S}`, id: uniqueIdNumber(), dept: "" },
];
const ADDRESS = `示范区政务服务中心三楼 30${S.slice(-1)} 考试室`;
let sittingUrl = "";
let roomIds: string[] = [];

async function createPerson(page: Page, p: (typeof people)[number]) {
  await gotoReady(page, "/center/staff/new");
  await page.getByLabel("姓名").fill(p.name);
  await page.getByLabel("居民身份证号").fill(p.id);
  await page.getByLabel("手机号").fill("13700008888");
  await page.getByLabel("入职日期").fill("2019-06-01");
  await page.getByLabel("岗位").selectOption("综合窗口工作人员");
  if (p.dept) await page.getByLabel("部门（常驻部门，可不选）").selectOption({ label: p.dept });
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("人员已登记")).toBeVisible();
}

/** Room, seat and ticket of each candidate as the seating page lists them. */
async function seatingTable(page: Page) {
  const out: Record<string, { room: string; seat: string; ticket: string }> = {};
  for (const room of ["第1考场", "第2考场"]) {
    const rows = page.getByRole("table", { name: `${room}座位` }).locator("tbody tr");
    for (let i = 0; i < (await rows.count()); i++) {
      const cells = rows.nth(i).locator("td");
      out[(await cells.nth(1).textContent())!.trim()] = {
        room,
        seat: (await cells.nth(0).textContent())!.trim(),
        ticket: (await cells.nth(3).textContent())!.trim(),
      };
    }
  }
  return out;
}

test("中心管理员设置考试地点、随机排座、调座与互换（已占座位、考场没有的座位号被拒绝）", async ({ page }) => {
  await loginAs(page, "admin");
  for (const p of people) await createPerson(page, p);
  await gotoReady(page, "/center/sittings");
  await page.getByLabel("场次名称").fill(TITLE);
  await page.getByLabel("等级").selectOption("L5");
  const start = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" })
    .format(new Date(Date.now() + 3 * 24 * 3600_000))
    .replace(" ", "T");
  await page.getByLabel("开考时间（北京时间）").fill(start);
  await page.getByLabel("考试时长（分钟）").fill("90");
  await page.getByRole("button", { name: "创建场次" }).click();
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  sittingUrl = new URL(page.url()).pathname;
  for (const [room, cap] of [
    ["第1考场", "2"],
    ["第2考场", "2"],
  ]) {
    await page.getByLabel("考场名称").fill(room);
    await page.getByLabel("容量").fill(cap);
    await page.getByRole("button", { name: "添加考场" }).click();
    await expect(page.getByTestId(`room-${room}`)).toBeVisible();
  }
  for (const name of ["李明", ...people.map((p) => p.name)]) await page.getByRole("checkbox", { name: new RegExp(`^${name} `) }).check();
  await page.getByRole("button", { name: "为所选人员报名" }).click();
  await expect(page.getByText("已报名 4 人")).toBeVisible();

  // The address printed on the tickets.
  await page.getByLabel("考试地点（印在准考证上）").fill(ADDRESS);
  await page.getByRole("button", { name: "保存地点" }).click();
  await expect(page.getByText("考试地点已保存，将印在准考证上。")).toBeVisible();
  await expect(page.getByText("尚未排座")).toBeVisible();

  await page.getByRole("link", { name: "排座与调座" }).click();
  await expect(page.getByRole("heading", { name: `${TITLE} · 排座与调座` })).toBeVisible();
  const provisional = await seatingTable(page);
  // Registration filled room 1 first; 排座 spreads the three of one department over both rooms.
  await page.getByRole("button", { name: "随机排座" }).click();
  await expect(page.getByText(/已为 4 名考生随机排座（排座种子 \d+）/)).toBeVisible();
  await expect(page.getByText(/已于 .* 随机排座（排座种子 \d+，可据此复现）/)).toBeVisible();
  const seated = await seatingTable(page);
  expect(Object.keys(seated).sort()).toEqual(Object.keys(provisional).sort());
  const sameDept = ["李明", people[0].name, people[1].name];
  const rooms = new Set(sameDept.map((n) => seated[n].room));
  expect(rooms.size).toBe(2);
  for (const n of Object.keys(seated))
    expect(seated[n].ticket).toMatch(new RegExp(`^[A-Z]+\\d{6}\\d{2}0${seated[n].room === "第1考场" ? 1 : 2}0${seated[n].seat}$`));

  // Refusals: a taken seat, a seat the (full) room does not have; nothing moves.
  const mover = people[2].name;
  const move = page.getByRole("region", { name: "调整座位" });
  const target = seated[mover].room === "第1考场" ? "第2考场" : "第1考场";
  await move.getByLabel("考生").selectOption({ label: `${mover}（${seated[mover].room} 第${seated[mover].seat}座）` });
  await move.getByLabel("调至考场").selectOption({ label: `${target}（2/2）` });
  await move.getByLabel("座位号").fill("1");
  await move.getByRole("button", { name: "调整" }).click();
  await expect(page.getByText(/第 1 座已有考生（.+），请换一个座位或改用“互换座位”。/)).toBeVisible();
  await move.getByLabel("考生").selectOption({ label: `${mover}（${seated[mover].room} 第${seated[mover].seat}座）` });
  await move.getByLabel("调至考场").selectOption({ label: `${target}（2/2）` });
  await move.getByLabel("座位号").fill("3");
  await move.getByRole("button", { name: "调整" }).click();
  await expect(page.getByText(`${target}只有第 1–2 座，没有第 3 座。`)).toBeVisible();
  expect(await seatingTable(page)).toEqual(seated);

  // Both rooms are full: a swap across rooms is the way to exchange places.
  const swap = page.getByRole("region", { name: "互换座位" });
  const partner = Object.entries(seated).find(([, v]) => v.room === target)![0];
  await swap.getByLabel("考生甲").selectOption({ label: `${mover}（${seated[mover].room} 第${seated[mover].seat}座）` });
  await swap.getByLabel("考生乙").selectOption({ label: `${partner}（${seated[partner].room} 第${seated[partner].seat}座）` });
  await swap.getByRole("button", { name: "互换" }).click();
  await expect(page.getByText(`已互换 ${mover} 与 ${partner} 的座位和准考证号。`)).toBeVisible();
  // The table is read until the revalidated rows are on the page (the message can come first).
  await expect.poll(async () => (await seatingTable(page))[mover]).toEqual(seated[partner]);
  await expect.poll(async () => (await seatingTable(page))[partner]).toEqual(seated[mover]);

  roomIds = await page.getByRole("link", { name: "座位表" }).evaluateAll((as) => as.map((a) => a.getAttribute("href")!.split("/")[3]));
  expect(roomIds).toHaveLength(2);
});

test("考生在“我的考试”打印自己的准考证；看不到别人的", async ({ page }) => {
  await loginAs(page, "candidate");
  await gotoReady(page, "/me/exams");
  const card = page.locator("section").filter({ hasText: TITLE });
  const href = await card.getByRole("link", { name: "打印准考证" }).getAttribute("href");
  expect(href).toMatch(/^\/me\/exams\/[^/]+\/admission-ticket$/);
  const ticketText = (await card.locator(".font-mono").textContent())!.trim();
  await gotoReady(page, href!);
  const t = page.getByTestId("admission-ticket");
  await expect(t.getByRole("heading", { name: "职业技能等级认定准考证" })).toBeVisible();
  await expect(t.getByTestId("ticket-name")).toHaveText("李明");
  await expect(t.getByTestId("ticket-number")).toHaveText(ticketText);
  await expect(t).toContainText("310*************12"); // masked ID
  await expect(t).toContainText("五级/初级工 · 理论知识考试");
  await expect(t).toContainText("北京时间，90 分钟");
  await expect(t).toContainText(ADDRESS);
  await expect(t.getByText("照片", { exact: true })).toBeVisible();
  await expect(t.getByTestId("ticket-qr").locator("svg")).toBeVisible();
  await expect(t.getByRole("heading", { name: "考生须知" })).toBeVisible();
  // Not inside the app layout: no navigation on the print page.
  await expect(page.getByRole("navigation", { name: "主导航" })).toHaveCount(0);
  // Another person's ticket (or a made-up one) is not found.
  const other = await gotoReady(page, "/me/exams/not-a-registration/admission-ticket");
  expect(other?.status()).toBe(404);
  await expect(page.getByText("未找到该准考证。")).toBeVisible();
});

test("中心一次打印本场全部准考证（每人一页 A4）；其他中心不能打印", async ({ page, browser }) => {
  await loginAs(page, "admin");
  await gotoReady(page, `${sittingUrl}/admission-tickets`);
  await expect(page.getByTestId("admission-ticket")).toHaveCount(4);
  await expect(page.getByText("共 4 张准考证，每张一页 A4。")).toBeVisible();
  await page.emulateMedia({ media: "print" });
  const pdf = (await page.pdf({ format: "A4", preferCSSPageSize: true })).toString("latin1");
  expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBe(4);

  const other = await browser.newPage();
  await loginAs(other, "admin2");
  const res = await gotoReady(other, `${sittingUrl}/admission-tickets`);
  expect(res?.status()).toBe(403);
  await other.close();
});

test("监考员打印本考场座位表和签到表；未指派的监考员不能打开", async ({ page, browser }) => {
  await loginAs(page, "admin");
  await gotoReady(page, sittingUrl);
  const room1 = page.getByTestId("room-第1考场");
  await room1.getByLabel("选择监考员").selectOption({ label: "王芳" });
  await room1.getByRole("button", { name: "指派" }).click();
  await expect(page.getByText("已指派监考员 王芳。")).toBeVisible();
  await gotoReady(page, `${sittingUrl}/seating`);
  const seated = await seatingTable(page);
  // The center's admin prints them too, from the seating page.
  await gotoReady(page, (await page.getByRole("link", { name: "签到表" }).first().getAttribute("href"))!);
  await expect(page.getByRole("table", { name: "签到表" })).toBeVisible();

  const proctor = await browser.newPage();
  await loginAs(proctor, "proctor");
  await gotoReady(proctor, `/proctor/rooms/${roomIds[0]}`);
  const chartHref = await proctor.getByRole("link", { name: "打印座位表" }).getAttribute("href");
  const sheetHref = await proctor.getByRole("link", { name: "打印签到表" }).getAttribute("href");
  await gotoReady(proctor, chartHref!);
  const chart = proctor.getByTestId("seating-chart");
  await expect(chart.getByRole("heading", { name: `${TITLE} · 第1考场 · 座位表` })).toBeVisible();
  for (const [name, v] of Object.entries(seated).filter(([, v]) => v.room === "第1考场")) {
    const cell = chart.getByRole("listitem").filter({ hasText: `第 ${v.seat} 座` });
    await expect(cell).toContainText(name);
    await expect(cell).toContainText(v.ticket);
  }
  await gotoReady(proctor, sheetHref!);
  const sheet = proctor.getByRole("table", { name: "签到表" });
  await expect(sheet.getByRole("columnheader")).toHaveText(["座位号", "准考证号", "姓名", "身份证号", "考生签名", "备注"]);
  const first = Object.entries(seated).find(([, v]) => v.room === "第1考场" && v.seat === "1")!;
  await expect(sheet.locator("tbody tr").first()).toContainText(`1${first[1].ticket}${first[0]}`);
  await expect(sheet.locator("tbody tr")).toHaveCount(2);
  await expect(proctor.getByText("应到 2 人")).toBeVisible();
  await proctor.close();

  const stranger = await browser.newPage();
  await loginAs(stranger, "proctor2");
  const res = await gotoReady(stranger, `/proctor/rooms/${roomIds[0]}/sign-in-sheet`);
  expect(res?.status()).toBe(403);
  await stranger.close();
});
