import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { idNumberCheckChar } from "~/domain/id-number";
import { checkStaffCsv, decodeCsv, normalizePhone, parseDate } from "~/domain/staff-import";

const id = (first17: string) => first17 + idNumberCheckChar(first17);
const A = id("31010719900101001");
const B = id("31010719910202002");
const ctx = { today: "2026-11-22", departments: ["区税务局"], existingIdNumbers: new Set<string>() };
const HEADER = "姓名,身份证号,手机号,岗位,部门,入职日期";

describe("CSV decoding", () => {
  const text = `${HEADER}\r\n张三,${A},13800138000,综合窗口工作人员,,2021-03-01\r\n`;
  it("reads GBK as Excel writes it", () => {
    const r = decodeCsv(iconv.encode(text, "gbk"), "auto");
    expect(r.encoding).toBe("gbk");
    expect(r.text).toBe(text);
  });
  it("reads UTF-8 with and without BOM", () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(decodeCsv(bom, "auto")).toEqual({ text, encoding: "utf-8" });
    expect(decodeCsv(Buffer.from(text), "auto")).toEqual({ text, encoding: "utf-8" });
  });
  it("honours an explicit choice", () => {
    expect(decodeCsv(iconv.encode(text, "gbk"), "gbk").text).toBe(text);
  });
});

describe("staff CSV validation", () => {
  it("accepts good rows and normalises values", () => {
    const r = checkStaffCsv(`${HEADER}\n张三,${A},138 0013 8000,帮(代)办人员,区税务局,2021/3/1\n`, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.bad).toBe(0);
    expect(r.rows[0].row).toEqual({
      name: "张三",
      idNumber: A,
      phone: "13800138000",
      staffRole: "帮（代）办人员",
      department: "区税务局",
      hireDate: "2021-03-01",
    });
    expect(r.rows[0].line).toBe(2);
  });

  it("lists every error of a row, with file line numbers", () => {
    const bad = A.slice(0, 17) + (A[17] === "1" ? "2" : "1");
    const r = checkStaffCsv(`${HEADER}\n,${bad},123,保安,不存在,2030-01-01\n\n李四,${B},13800138001,咨询引导人员,,2020-13-01\n`, ctx);
    if (!r.ok) throw new Error(r.fileError);
    expect(r.bad).toBe(2);
    expect(r.rows[0].line).toBe(2);
    expect(r.rows[0].errors).toEqual([
      "姓名不能为空",
      "身份证号校验位不正确，请核对是否输错",
      "手机号格式不正确（应为11位手机号或带区号的固定电话）",
      expect.stringContaining("岗位“保安”不存在"),
      "部门“不存在”不在本中心的部门列表中",
      "入职日期不能晚于今天",
    ]);
    expect(r.rows[1].line).toBe(4); // the empty line 3 is skipped but counted
    expect(r.rows[1].errors).toEqual(["入职日期格式不正确（例如 2021-03-01）"]);
  });

  it("catches duplicates within the file and against registered people", () => {
    const r = checkStaffCsv(
      `${HEADER}\n甲,${A},13800138000,综合窗口工作人员,,2021-01-01\n乙,${A},13800138001,综合窗口工作人员,,2021-01-01\n丙,${B},13800138002,综合窗口工作人员,,2021-01-01\n`,
      {
        ...ctx,
        existingIdNumbers: new Set([B]),
      },
    );
    if (!r.ok) throw new Error(r.fileError);
    expect(r.rows.map((x) => x.errors)).toEqual([[], ["身份证号与第 2 行重复"], ["该身份证号已登记，不能重复导入"]]);
  });

  it("explains Excel's scientific notation for ID numbers", () => {
    const r = checkStaffCsv(`${HEADER}\n甲,3.10107E+17,13800138000,综合窗口工作人员,,2021-01-01\n`, ctx);
    if (!r.ok) throw new Error(r.fileError);
    expect(r.rows[0].errors[0]).toContain("科学计数法");
  });

  it("rejects files without the required columns or rows", () => {
    const noCol = checkStaffCsv("姓名,手机号\n张三,13800138000\n", ctx);
    expect(noCol.ok === false && noCol.fileError).toContain("缺少必需的列：身份证号、岗位、入职日期");
    const empty = checkStaffCsv(`${HEADER}\n`, ctx);
    expect(empty.ok === false && empty.fileError).toBe("文件中没有数据行");
  });

  it("handles quoted fields with commas", () => {
    const r = checkStaffCsv(`${HEADER}\n"张,三",${A},13800138000,综合窗口工作人员,,2021-01-01\n`, ctx);
    if (!r.ok) throw new Error(r.fileError);
    expect(r.rows[0].row?.name).toBe("张,三");
  });
});

describe("field parsers", () => {
  it("parses the date shapes Excel and people write", () => {
    expect(parseDate("2021-3-1")).toBe("2021-03-01");
    expect(parseDate("2021/03/01")).toBe("2021-03-01");
    expect(parseDate("2021.3.1")).toBe("2021-03-01");
    expect(parseDate("2021年3月1日")).toBe("2021-03-01");
    expect(parseDate("2021-02-29")).toBeNull();
    expect(parseDate("01/03/2021")).toBeNull();
  });
  it("accepts mobile numbers and landlines", () => {
    expect(normalizePhone("+86 139-1234-5678")).toBe("13912345678");
    expect(normalizePhone("021-62345678")).toBe("021-62345678");
    expect(normalizePhone("12345678901")).toBeNull();
  });
});
