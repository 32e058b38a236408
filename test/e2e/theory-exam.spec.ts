import { expect, test, type Browser, type Page } from "@playwright/test";
import { gotoReady, loginAs, uniqueIdNumber, uniqueSuffix } from "./fixtures";
import { paperKeys, paperSecrets, rewindRoom, savedAnswer } from "./exam-db";

// One journey, in order: schedule → staff the rooms → open → candidates sit → publish.
test.describe.configure({ mode: "serial" });

const S = uniqueSuffix().slice(-5);
const TITLE = `E2E五级理论${S}`;
const people = {
  pass: { name: `考生甲${S}`, id: uniqueIdNumber() },
  fail: { name: `考生乙${S}`, id: uniqueIdNumber() },
  late: { name: `考生丙${S}`, id: uniqueIdNumber() },
};
const tickets: Record<string, string> = {};
let sittingUrl = "";

async function createPerson(page: Page, name: string, id: string) {
  await gotoReady(page, "/center/staff/new");
  await page.getByLabel("姓名").fill(name);
  await page.getByLabel("居民身份证号").fill(id);
  await page.getByLabel("手机号").fill("13700009999");
  await page.getByLabel("入职日期").fill("2020-06-01");
  await page.getByLabel("岗位").selectOption("综合窗口工作人员");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("人员已登记")).toBeVisible();
}

async function examLogin(browser: Browser, who: keyof typeof people, startCode: string, opts: { queuedFirst?: boolean } = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  let queueAnswers = 0;
  if (opts.queuedFirst) {
    // The start queue as the server answers it beyond its admission rate (the gate itself is
    // unit-tested): the first sign-in gets a place, the page asks again when told, then enters.
    await page.route("**/exam/api/sign-in", async (route) => {
      if (queueAnswers++ > 0) return route.continue();
      await route.fulfill({
        status: 202,
        contentType: "application/json; charset=utf-8",
        body: JSON.stringify({ queued: { position: 3, etaSeconds: 2, retryAfterMs: 1500 } }),
      });
    });
  }
  await gotoReady(page, "/exam");
  await page.getByLabel("准考证号").fill(tickets[who]);
  await page.getByLabel("身份证号").fill(people[who].id);
  await page.getByLabel("开考码").fill(startCode);
  await page.getByRole("button", { name: "进入考试" }).click();
  if (opts.queuedFirst) {
    await expect(page.getByRole("status")).toContainText("排队中：您前面还有 2 位考生");
    await expect(page.getByRole("status")).toContainText("排队时间不计入您的考试时间");
    await expect(page.getByRole("button", { name: "排队中…" })).toBeDisabled();
  }
  await expect(page.getByRole("navigation", { name: "答题卡" })).toBeVisible();
  await expect(page.getByTestId("save-state")).toContainText("已保存");
  return { ctx, page };
}

/** Answers the current question correctly (or wrongly) by the key from the database. */
async function answerCurrent(page: Page, keys: Awaited<ReturnType<typeof paperKeys>>, correct: boolean) {
  const heading = page.locator("#q-h");
  await expect(heading).toBeVisible();
  const inputs = page.locator("main fieldset input");
  const name = (await inputs.first().getAttribute("name"))!;
  const itemId = name.slice(2);
  const { type, key } = keys.get(itemId)!;
  if (type === "多选") {
    const want = correct ? (key as string[]) : [(key as string[])[0]];
    for (const k of want) await page.locator(`main fieldset input[value="${k}"]`).check();
  } else {
    const all = await inputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const pick = correct ? (key as string) : all.find((v) => v !== key)!;
    await page.locator(`main fieldset input[value="${pick}"]`).check();
  }
  return itemId;
}

async function answered(page: Page) {
  const text = await page
    .getByRole("navigation", { name: "答题卡" })
    .getByText(/已答 \d+\/\d+/)
    .textContent();
  return Number(text!.match(/已答 (\d+)/)![1]);
}

test("中心管理员安排场次：考场、监考不足提示、报名、组卷蓝图", async ({ page }) => {
  await loginAs(page, "admin");
  for (const p of Object.values(people)) await createPerson(page, p.name, p.id);

  await gotoReady(page, "/center/sittings");
  await page.getByLabel("场次名称").fill(TITLE);
  await page.getByLabel("等级").selectOption("L5");
  const start = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" })
    .format(new Date())
    .replace(" ", "T");
  await page.getByLabel("开考时间（北京时间）").fill(start);
  await page.getByLabel("考试时长（分钟）").fill("45");
  await page.getByRole("button", { name: "创建场次" }).click();
  await expect(page.getByText("考试时长不得少于 60 分钟")).toBeVisible();
  await page.getByLabel("考试时长（分钟）").fill("60");
  await page.getByRole("button", { name: "创建场次" }).click();
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  await expect(page).toHaveURL(/\/center\/sittings\/[^/]+$/);
  sittingUrl = new URL(page.url()).pathname;

  for (const room of ["第1考场", "第2考场"]) {
    await page.getByLabel("考场名称").fill(room);
    await page.getByLabel("容量").fill(room === "第1考场" ? "2" : "5");
    await page.getByRole("button", { name: "添加考场" }).click();
    await expect(page.getByTestId(`room-${room}`)).toBeVisible();
  }
  await expect(page.getByTestId("room-第1考场")).toContainText("还缺 2 名监考员");

  for (const p of Object.values(people)) await page.getByLabel(p.name).check();
  await page.getByRole("button", { name: "为所选人员报名" }).click();
  await expect(page.getByText("已报名 3 人")).toBeVisible();

  await page.getByRole("button", { name: "组卷" }).click();
  await expect(page.getByText("已组卷")).toBeVisible();
  const blueprint = page.getByRole("table", { name: "组卷蓝图" });
  for (const [area, w] of [
    ["职业道德", "5"],
    ["基础知识", "25"],
    ["咨询引导", "20"],
    ["业务办理", "40"],
    ["综合出件", "10"],
  ]) {
    await expect(blueprint.getByRole("row", { name: new RegExp(`^${area} ${w} ${w} `) })).toBeVisible();
  }

  // Tickets as the admin sees them (room 1 holds the first two, room 2 the third).
  for (const [who, p] of Object.entries(people)) {
    const row = page.getByRole("row").filter({ hasText: p.name });
    tickets[who] = (await row.locator("td").nth(1).textContent())!.trim();
  }
  expect(Object.values(tickets).every((t) => /^[A-Z0-9]{10,}$/.test(t))).toBe(true);
});

test("监考员不足时不能开考；指派后开考并得到开考码", async ({ browser }) => {
  const proctor = await browser.newPage();
  await loginAs(proctor, "proctor");
  const admin = await browser.newPage();
  await loginAs(admin, "admin");
  await gotoReady(admin, sittingUrl);
  // Only one proctor in room 1 first.
  const room1 = admin.getByTestId("room-第1考场");
  await room1.getByLabel("选择监考员").selectOption({ label: "王芳" });
  await room1.getByRole("button", { name: "指派" }).click();
  await expect(admin.getByText("已指派监考员 王芳")).toBeVisible();

  await gotoReady(proctor, "/proctor");
  await proctor.getByRole("link", { name: new RegExp(`${TITLE} · 第1考场`) }).click();
  await proctor.getByRole("button", { name: "开考" }).click();
  await expect(proctor.getByText("监考员不足：本考场 2 名考生需 2 名监考员，还缺 1 名，不能开考。")).toBeVisible();
  // Before the opening the proctor sees the staggered-opening advice from this machine's start rate.
  const plan = proctor.getByRole("region", { name: "考场错峰开考建议" });
  await expect(plan).toContainText("本机每秒可让约");
  await expect(plan).toContainText("各考场同时开考即可");

  for (const room of ["第1考场", "第2考场"]) {
    for (const name of room === "第1考场" ? ["刘洋"] : ["王芳", "刘洋"]) {
      const r = admin.getByTestId(`room-${room}`);
      await r.getByLabel("选择监考员").selectOption({ label: name });
      await r.getByRole("button", { name: "指派" }).click();
      await expect(admin.getByText(`已指派监考员 ${name}`)).toBeVisible();
    }
  }
  await expect(admin.getByTestId("room-第1考场")).toContainText("监考员已满足（2/2）");

  await proctor.reload();
  await proctor.getByRole("button", { name: "开考" }).click();
  await expect(proctor.getByTestId("start-code")).toHaveText(/^\d{6}$/);
  await expect(proctor).toHaveURL(/\/proctor\/rooms\/[^/]+$/);
  const roomUrl = new URL(proctor.url()).pathname;
  await admin.close();
  await proctor.close();

  // Neither an examiner nor another center's admin can reach the room or the sitting.
  const examiner = await browser.newPage();
  await loginAs(examiner, "examiner");
  expect((await gotoReady(examiner, roomUrl))?.status()).toBe(403);
  await examiner.close();
  const other = await browser.newPage();
  await loginAs(other, "admin2");
  expect((await gotoReady(other, sittingUrl))?.status()).toBe(403);
  expect((await gotoReady(other, `${sittingUrl}/print?v=A`))?.status()).toBe(403);
  await other.close();
});

test("监考员暂停后考生计时停止、不能作答；恢复后继续；为一名考生延时并记录原因", async ({ browser }) => {
  test.setTimeout(90_000);
  const proctor = await browser.newPage();
  await loginAs(proctor, "proctor");
  await gotoReady(proctor, "/proctor");
  await proctor.getByRole("link", { name: new RegExp(`${TITLE} · 第1考场`) }).click();
  const code = (await proctor.getByTestId("start-code").textContent())!.trim();
  const c = await examLogin(browser, "fail", code);

  await proctor.getByRole("button", { name: "暂停考试" }).click();
  await expect(proctor.getByText("已暂停，考生计时已停止。")).toBeVisible();
  await expect(c.page.getByRole("alertdialog")).toContainText("考试已暂停", { timeout: 15_000 });
  const frozen = await c.page.getByTestId("countdown").textContent();
  await c.page.waitForTimeout(2500);
  expect(await c.page.getByTestId("countdown").textContent()).toBe(frozen);

  await proctor.getByRole("button", { name: "恢复考试" }).click();
  await expect(proctor.getByText("已恢复考试。")).toBeVisible();
  await expect(c.page.getByRole("alertdialog")).toHaveCount(0, { timeout: 15_000 });

  const row = proctor.getByTestId(`roster-${tickets.fail}`);
  const before = (await row.locator("td").nth(5).textContent())!.trim();
  await row.getByLabel("延长分钟").fill("15");
  await row.getByRole("button", { name: "延时" }).click();
  await expect(proctor.getByText("请填写延时原因")).toBeVisible();
  await row.getByLabel("延长分钟").fill("15");
  await row.getByLabel("延时原因").fill("考生电脑故障更换座位");
  await row.getByRole("button", { name: "延时" }).click();
  await expect(proctor.getByText(`已为 ${tickets.fail} 延长 15 分钟。`)).toBeVisible();
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  // The roster refreshes itself; wait for the row to show the new end time.
  await expect
    .poll(async () => {
      const after = (await proctor.getByTestId(`roster-${tickets.fail}`).locator("td").nth(5).textContent())!.trim();
      return (minutes(after) - minutes(before) + 1440) % 1440;
    })
    .toBe(15);

  await proctor.getByLabel("记录内容（违纪、设备故障等）").fill("3号机显示器故障，已更换");
  await proctor.getByRole("button", { name: "记录" }).click();
  await expect(proctor.getByText("3号机显示器故障，已更换")).toBeVisible();
  await c.ctx.close();
  await proctor.close();
});

test("考生作答：刷新与断网不丢答案，第二个窗口不能覆盖，交卷后发布成绩", async ({ browser }) => {
  test.setTimeout(120_000);
  const proctor = await browser.newPage();
  await loginAs(proctor, "proctor");
  await gotoReady(proctor, "/proctor");
  await proctor.getByRole("link", { name: new RegExp(`${TITLE} · 第1考场`) }).click();
  const code = (await proctor.getByTestId("start-code").textContent())!.trim();

  // A wrong start code is refused.
  const bad = await browser.newPage();
  await gotoReady(bad, "/exam");
  await bad.getByLabel("准考证号").fill(tickets.pass);
  await bad.getByLabel("身份证号").fill(people.pass.id);
  await bad.getByLabel("开考码").fill(code === "123456" ? "654321" : "123456");
  await bad.getByRole("button", { name: "进入考试" }).click();
  await expect(bad.getByRole("alert")).toContainText("开考码不正确");
  await bad.close();

  const keys = await paperKeys(TITLE);
  const { ctx, page } = await examLogin(browser, "pass", code);
  // No key reaches the browser: neither the page nor its loader data holds explanations,
  // requirement codes or which option is right.
  const secrets = await paperSecrets(TITLE);
  for (const body of [await page.content(), await (await page.request.get("/exam/paper.data")).text()]) {
    for (const e of secrets.explanations) expect(body).not.toContain(e);
    for (const r of secrets.requirements) expect(body).not.toContain(r);
    expect(body).not.toMatch(/"(key|explanation|requirement)"/);
  }

  const total = Number((await page.getByText(/已答 \d+\/(\d+)/).textContent())!.match(/\/(\d+)/)![1]);
  expect(total).toBe(keys.size);
  // Answer the first 5, then reload: nothing is lost.
  for (let i = 0; i < 5; i++) {
    await answerCurrent(page, keys, true);
    await page.getByRole("button", { name: "下一题" }).click();
  }
  await expect(page.getByTestId("save-state")).toContainText("已保存");
  await page.reload();
  await expect(page.getByTestId("save-state")).toContainText("已保存");
  expect(await answered(page)).toBe(5);

  // Offline: the answer is kept locally, the banner shows, and it is saved when the network returns.
  await page.getByRole("button", { name: "第 6 题，未答" }).click();
  await ctx.setOffline(true);
  const offlineItem = await answerCurrent(page, keys, true);
  await expect(page.getByText("网络已断开")).toBeVisible();
  await expect(page.getByTestId("save-state")).toContainText("未保存");
  expect(await savedAnswer(tickets.pass, offlineItem)).toBeUndefined();
  await ctx.setOffline(false);
  await expect(page.getByTestId("save-state")).toContainText("已保存", { timeout: 15_000 });
  expect(await savedAnswer(tickets.pass, offlineItem)).toEqual(keys.get(offlineItem)!.key);

  // A second window takes over; the first can no longer write.
  const second = await ctx.newPage();
  await gotoReady(second, "/exam/paper");
  await expect(second.getByTestId("save-state")).toContainText("已保存");
  await page.getByRole("button", { name: "第 7 题，未答" }).click();
  const staleItem = await answerCurrent(page, keys, false);
  await expect(page.getByText("本场考试已在另一个窗口打开")).toBeVisible();
  expect(await savedAnswer(tickets.pass, staleItem)).toBeUndefined();
  await page.close();

  // Finish in the second window: answer everything correctly, then submit.
  await second.getByRole("button", { name: "第 1 题，已答" }).click();
  for (let i = 0; i < total; i++) {
    const current = second.getByRole("navigation", { name: "答题卡" }).locator('button[aria-current="true"]');
    const label = (await current.getAttribute("aria-label"))!;
    if (label.includes("未答")) await answerCurrent(second, keys, true);
    if (i < total - 1) await second.getByRole("button", { name: "下一题" }).click();
  }
  await expect(second.getByTestId("save-state")).toContainText("已保存", { timeout: 15_000 });
  expect(await answered(second)).toBe(total);
  await second.getByRole("button", { name: "交卷" }).click();
  await expect(second.getByText("全部题目均已作答")).toBeVisible();
  await second.getByRole("button", { name: "确认交卷" }).click();
  await expect(second.getByRole("heading", { name: "已交卷" })).toBeVisible();
  await expect(second.getByText("成绩待中心发布")).toBeVisible();
  await ctx.close();

  // The other candidate answers two questions wrongly and submits with the rest unanswered.
  const f = await examLogin(browser, "fail", code, { queuedFirst: true });
  await answerCurrent(f.page, keys, false);
  await f.page.getByRole("button", { name: "下一题" }).click();
  await answerCurrent(f.page, keys, false);
  await expect(f.page.getByTestId("save-state")).toContainText("已保存");
  await f.page.getByRole("button", { name: "交卷" }).click();
  await expect(f.page.getByText(`还有 ${total - 2} 题未作答`)).toBeVisible();
  await f.page.getByRole("button", { name: "确认交卷" }).click();
  await expect(f.page.getByRole("heading", { name: "已交卷" })).toBeVisible();
  // 已交卷 came from the submit's answer alone; the server says the same after a reload.
  await f.page.reload();
  await expect(f.page.getByRole("heading", { name: "已交卷" })).toBeVisible();
  await f.ctx.close();

  await proctor.reload();
  await expect(proctor.getByTestId(`roster-${tickets.pass}`)).toContainText("已交卷");
  await expect(proctor.getByTestId(`roster-${tickets.fail}`)).toContainText("已交卷");
  // Everyone in room 1 has submitted: the room has ended by itself, and says so.
  await expect(proctor.getByTestId("room-state")).toContainText("考试已结束");
  await expect(proctor.getByRole("button", { name: "暂停考试" })).toHaveCount(0);
  await gotoReady(proctor, "/proctor");
  await expect(proctor.getByRole("link", { name: new RegExp(`${TITLE} · 第1考场`) })).toContainText("已结束");
  await proctor.close();

  // Room 2 has not even opened: the center cannot publish yet, and the page says why.
  const admin = await browser.newPage();
  await loginAs(admin, "admin");
  await gotoReady(admin, sittingUrl);
  await expect(admin.getByTestId("publish-refusal")).toHaveText("还有考场未结束：第2考场（未开考）。全部考场结束后才能发布成绩。");
  await expect(admin.getByRole("button", { name: "发布成绩" })).toHaveCount(0);
  await expect(admin.getByRole("button", { name: "重新组卷" })).toHaveCount(0);
  await admin.close();
});

test("时间到自动交卷，保存过的答案计入成绩；发布后考生看到分数与各范围得分", async ({ browser }) => {
  test.setTimeout(90_000);
  const proctor = await browser.newPage();
  await loginAs(proctor, "proctor2");
  await gotoReady(proctor, "/proctor");
  await proctor.getByRole("link", { name: new RegExp(`${TITLE} · 第2考场`) }).click();
  await proctor.getByRole("button", { name: "开考" }).click();
  const code = (await proctor.getByTestId("start-code").textContent())!.trim();

  // Leave this room 20 seconds of its 60 minutes.
  await rewindRoom("第2考场", TITLE, 60, 20);
  const keys = await paperKeys(TITLE);
  const late = await examLogin(browser, "late", code);
  await expect(late.page.getByTestId("countdown")).toHaveText(/^00:00:(1\d|20|0\d)$/);
  const item = await answerCurrent(late.page, keys, true);
  await expect(late.page.getByTestId("save-state")).toContainText("已保存");
  await expect(late.page.getByRole("heading", { name: "考试时间到，已自动交卷" })).toBeVisible({ timeout: 40_000 });
  expect(await savedAnswer(tickets.late, item)).toEqual(keys.get(item)!.key);
  await late.ctx.close();
  await proctor.close();

  const admin = await browser.newPage();
  await loginAs(admin, "admin");
  await gotoReady(admin, sittingUrl);
  await admin.getByRole("button", { name: "发布成绩" }).click();
  await expect(admin.getByText("成绩已发布，考生可以查看。")).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: people.pass.name })).toContainText("100 分 合格");
  await expect(admin.getByRole("row").filter({ hasText: people.fail.name })).toContainText("0 分 不合格");
  await admin.close();

  // The candidate signs in again with the room's code and sees the published result.
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await gotoReady(page, "/exam");
  await page.getByLabel("准考证号").fill(tickets.pass);
  await page.getByLabel("身份证号").fill(people.pass.id);
  const proctorPage = await browser.newPage();
  await loginAs(proctorPage, "proctor");
  await gotoReady(proctorPage, "/proctor");
  await proctorPage.getByRole("link", { name: new RegExp(`${TITLE} · 第1考场`) }).click();
  const code1 = (await proctorPage.getByTestId("start-code").textContent())!.trim();
  await page.getByLabel("开考码").fill(code1);
  await page.getByRole("button", { name: "进入考试" }).click();
  await expect(page.getByText("100").first()).toBeVisible();
  await expect(page.getByText("合格", { exact: true })).toBeVisible();
  const areas = page.getByRole("table", { name: "各鉴定范围得分" });
  await expect(areas.getByRole("row", { name: "业务办理 40 40" })).toBeVisible();
  await expect(areas.getByRole("row", { name: "职业道德 5 5" })).toBeVisible();
  await ctx.close();
  await proctorPage.close();
});
