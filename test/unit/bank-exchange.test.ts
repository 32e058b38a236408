// The bank's exchange formats: the whole real bank out as a QTI 3.0 package and as the xlsx
// template, and back in, item for item the same; packages from elsewhere (other identifiers, no
// metadata) and faulty rows are read or refused with messages that name the place.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { bankVersion, loadBank, type BankItem } from "~/domain/bank";
import { bankToQtiPackage, itemsToBankFiles, itemToQti, qtiPackageToBank, rowsToBank, SHEET_COLUMNS } from "~/domain/bank-exchange";
import { bankXlsx, importPackage, qtiZip, readSheetRows, readZipTexts } from "~/features/bank/exchange.server";
import { loadBankFromDisk } from "~/features/bank/files.server";

const bank = loadBankFromDisk();
const byId = (items: readonly BankItem[]) => new Map(items.map((i) => [i.id, i]));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "bank-exchange-"));

function expectSameBank(items: readonly BankItem[]) {
  expect(items).toHaveLength(bank.items.length);
  const back = byId(items);
  for (const i of bank.items) expect(back.get(i.id), i.id).toEqual(i);
  expect(bankVersion(items)).toBe(bank.version);
}

describe("bank exchange: round trips of the real bank", () => {
  it("the bank has every kind of item the formats must carry", () => {
    expect(bank.errors).toEqual([]);
    const kinds = new Set(bank.items.map((i) => i.type));
    expect([...kinds].sort()).toEqual(["判断", "单选", "多选"].sort());
    expect(bank.items.some((i) => i.law?.version)).toBe(true);
    expect(bank.items.some((i) => i.enemy)).toBe(true);
    expect(bank.items.some((i) => i.status === "draft")).toBe(true);
    expect(bank.items.some((i) => i.retired)).toBe(true);
  });

  it("QTI 3.0 zip: out and back in gives the same items and the same bank version", async () => {
    const texts = await readZipTexts(await qtiZip(bank.items));
    expect(typeof texts).not.toBe("string");
    const r = qtiPackageToBank(texts as Map<string, string>);
    expect(r.load.errors).toEqual([]);
    expect(r.renamed).toEqual([]);
    expectSameBank(r.load.items);
  });

  it("xlsx template: out and back in gives the same items", async () => {
    const rows = await readSheetRows(await bankXlsx(bank.items));
    expect(typeof rows).not.toBe("string");
    const r = rowsToBank(rows as never);
    expect(r.load.errors).toEqual([]);
    // The template has no column for a return note: drafts lose it, nothing else changes.
    const expected = bank.items.map(({ returned: _r, ...i }) => i);
    expect(r.load.items.map(({ returned: _r, ...i }) => i).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      expected.sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it("imports a package as a new bank folder that loads back the same, and never over an existing bank", async () => {
    const dir = tmp();
    const zip = path.join(dir, "bank.zip");
    fs.writeFileSync(zip, await qtiZip(bank.items));
    const into = path.join(dir, "center-bank");
    const r = await importPackage(zip, into);
    expect(r.ok).toBe(true);
    expectSameBank(loadBankFromDisk(into).items);
    const again = await importPackage(zip, into);
    expect(again).toEqual({ ok: false, errors: [`目标目录 ${into} 已有题目文件，请指定一个新目录。`] });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes YAML that the bank's own loader reads as the same items", () => {
    const files = itemsToBankFiles(bank.items, "test");
    const back = loadBank(files);
    expect(back.errors).toEqual([]);
    expectSameBank(back.items);
  });
});

describe("bank exchange: packages from elsewhere", () => {
  const foreign = (body: string, identifier = "item-001") => `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="${identifier}" title="x" adaptive="false" time-dependent="false">
  ${body}
</qti-assessment-item>`;
  const manifest = (hrefs: string[]) => `<?xml version="1.0"?>
<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="m1"><resources>
${hrefs.map((h, k) => `<resource identifier="r${k}" type="imsqti_item_xmlv3p0" href="${h}"><file href="${h}"/></resource>`).join("\n")}
</resources></manifest>`;
  const multiple = foreign(`<qti-response-declaration identifier="RESPONSE" cardinality="multiple" base-type="identifier">
    <qti-correct-response><qti-value>ChoiceC</qti-value><qti-value>ChoiceA</qti-value></qti-correct-response></qti-response-declaration>
  <qti-item-body><qti-choice-interaction response-identifier="RESPONSE" max-choices="0">
    <qti-prompt>办理行政许可时，下列哪些做法符合<strong>一次告知</strong>的要求？</qti-prompt>
    <qti-simple-choice identifier="ChoiceA">当场列出需要补正的全部材料</qti-simple-choice>
    <qti-simple-choice identifier="ChoiceB">每次来只告知一项缺少的材料</qti-simple-choice>
    <qti-simple-choice identifier="ChoiceC">出具书面的补正告知书</qti-simple-choice>
    <qti-simple-choice identifier="ChoiceD">让申请人自行上网查询要求</qti-simple-choice>
  </qti-choice-interaction></qti-item-body>`);

  it("maps other identifiers to letters and the bank's ids, taking level, area and requirement from the defaults", () => {
    const r = qtiPackageToBank(
      new Map([
        ["imsmanifest.xml", manifest(["a.xml"])],
        ["a.xml", multiple],
      ]),
      {
        level: "L5",
        area: "业务办理",
        requirement: "L5/2.1.1",
      },
    );
    // No explanation in a foreign package: the validator says so, naming the entry.
    expect(r.load.errors).toEqual([expect.stringMatching(/^a\.xml：T-L5-YW-0001 explanation/)]);
    expect(r.renamed).toEqual([{ from: "item-001", to: "T-L5-YW-0001" }]);
  });

  it("reads a foreign 多选 item completely when the package carries an explanation in our metadata", () => {
    const withMeta = manifest(["a.xml"]).replace(
      '<file href="a.xml"/>',
      '<metadata><zw:item xmlns:zw="urn:zhengwu-window-certification:bank:1" type="多选" level="L5" area="业务办理" requirement="L5/2.1.1"><zw:explanation>一次告知要求一次性列全需要补正的内容，并可书面告知。</zw:explanation></zw:item></metadata><file href="a.xml"/>',
    );
    const r = qtiPackageToBank(
      new Map([
        ["imsmanifest.xml", withMeta],
        ["a.xml", multiple],
      ]),
    );
    expect(r.load.errors).toEqual([]);
    expect(r.load.items[0]).toMatchObject({
      id: "T-L5-YW-0001",
      type: "多选",
      stem: "办理行政许可时，下列哪些做法符合一次告知的要求？",
      options: {
        A: "当场列出需要补正的全部材料",
        B: "每次来只告知一项缺少的材料",
        C: "出具书面的补正告知书",
        D: "让申请人自行上网查询要求",
      },
      key: ["A", "C"],
    });
  });

  it("refuses broken packages with a clear message", async () => {
    expect(qtiPackageToBank(new Map()).load.errors).toEqual(["包中没有 imsmanifest.xml"]);
    expect(qtiPackageToBank(new Map([["imsmanifest.xml", manifest(["gone.xml"])]])).load.errors).toEqual(["gone.xml：包中没有这个文件"]);
    const text = foreign(`<qti-item-body><qti-text-entry-interaction response-identifier="RESPONSE"/></qti-item-body>`);
    expect(
      qtiPackageToBank(
        new Map([
          ["imsmanifest.xml", manifest(["t.xml"])],
          ["t.xml", text],
        ]),
      ).load.errors,
    ).toEqual(["t.xml：只支持选择题（qti-choice-interaction）"]);
    expect(await readZipTexts(Buffer.from("not a zip"))).toBe("不是有效的 zip 文件。");
  });

  it("escapes markup characters in the XML it writes", () => {
    const item = { ...bank.items.find((i) => i.type === "单选")!, stem: "比较 a < b & c > d 时（ ）。" };
    const xml = itemToQti(item);
    expect(xml).toContain("a &lt; b &amp; c &gt; d");
    const files = new Map(bankToQtiPackage([item]).map((f) => [f.path, f.text]));
    expect(qtiPackageToBank(files).load.items[0].stem).toBe(item.stem);
  });
});

describe("bank exchange: the xlsx template filled by a center", () => {
  it("names each faulty row and imports nothing from a sheet with errors", () => {
    const r = rowsToBank([
      {
        row: 2,
        values: {
          type: "单选",
          level: "L5",
          area: "业务办理",
          requirement: "L5/2.1.1",
          stem: "受理申请时发现材料不全，窗口人员应当怎样告知？",
          A: "一次性告知需要补正的全部内容",
          B: "先告知一项，下次来再告知其余",
          C: "请申请人自行查询办事指南",
          D: "不作说明，直接退回材料",
          key: "a",
          explanation: "材料不全应一次性告知需要补正的全部内容。",
          status: "draft",
          author: "某中心命题组",
        },
      },
      {
        row: 3,
        values: { type: "单选", level: "L5", area: "业务办理", requirement: "L5/9.9.9", stem: "短", key: "A", explanation: "解析解析" },
      },
      { row: 4, values: {} },
    ]);
    expect(r.load.items.map((i) => [i.id, i.key, i.status])).toEqual([["T-L5-YW-0001", "A", "draft"]]);
    expect(r.load.errors.length).toBeGreaterThanOrEqual(2);
    expect(r.load.errors.every((e) => e.startsWith("第3行："))).toBe(true);
    expect(r.load.errors.join("\n")).toContain("题干过短");
  });

  it("finds its columns by header and refuses a sheet without them", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("题目").addRow(["名称", "内容"]);
    expect(await readSheetRows(Buffer.from(await wb.xlsx.writeBuffer()))).toBe("第1行缺少列：题型、题干、答案（请使用导出的模板）。");
    expect(SHEET_COLUMNS.map((c) => c.header)).toContain("考核要求");
    const empty = await readSheetRows(await bankXlsx([]));
    expect(empty).toEqual([]);
  });

  it("exports the template with its instructions sheet", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await bankXlsx(bank.items.slice(0, 3))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["题目", "填写说明"]);
    expect(wb.getWorksheet("题目")!.rowCount).toBe(4);
    expect(String(wb.getWorksheet("填写说明")!.getRow(2).getCell(1).text)).toBe("编号");
    // a zip of the package holds a manifest and one file per item
    const zip = await JSZip.loadAsync(await qtiZip(bank.items.slice(0, 3)));
    expect(Object.keys(zip.files).filter((f) => !zip.files[f].dir).length).toBe(4);
  });
});
