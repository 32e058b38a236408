import { describe, expect, it } from "vitest";
import { applyReview, bankVersion, isEligible, itemStatus, loadBank, type BankFile } from "~/domain/bank";
import { readBankFiles } from "~/features/bank/files.server";

/** 1-based line of the first occurrence of `needle` at or after line `from`. */
function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split("\n");
  for (let k = from - 1; k < lines.length; k++) if (lines[k].includes(needle)) return k + 1;
  throw new Error(`not found: ${needle}`);
}

type Fields = {
  type?: string;
  level?: string;
  area?: string;
  requirement?: string;
  stem?: string;
  options?: string[] | null;
  key?: string;
  /** Extra lines appended to the item, without indentation, e.g. ["status: draft"]. */
  extra?: string[];
};

/** One item as YAML, valid unless a field says otherwise. */
function yamlItem(id: string, o: Fields = {}): string {
  const type = o.type ?? "单选";
  const lines = [
    `- id: ${id}`,
    `  type: ${type}`,
    `  level: ${o.level ?? "L5"}`,
    `  area: ${o.area ?? "业务办理"}`,
    `  requirement: ${o.requirement ?? "L5/2.2.3"}`,
    `  stem: ${o.stem ?? `窗口人员办理第 ${id.slice(-4)} 号测试事项时应当如何处理`}`,
  ];
  const options = o.options === undefined ? (type === "判断" ? null : ["A", "B", "C", "D"]) : o.options;
  if (options) {
    lines.push("  options:");
    for (const l of options) lines.push(`    ${l}: 第 ${id.slice(-4)} 题的选项 ${l}`);
  }
  lines.push(`  key: ${o.key ?? (type === "判断" ? "正确" : type === "单选" ? "B" : "[A, C]")}`);
  lines.push(`  explanation: 这是第 ${id.slice(-4)} 号测试题的解析。`);
  for (const l of o.extra ?? []) lines.push(`  ${l}`);
  return lines.join("\n") + "\n";
}

const HEAD = [
  "# 测试用题目文件",
  "",
  yamlItem("T-L5-YW-0001"),
  yamlItem("T-L5-YW-0002", { type: "判断" }),
  yamlItem("T-L5-YW-0003", { type: "多选", options: ["A", "B", "C", "D", "E"], key: "[A, C, E]" }),
].join("\n");
const TAIL = "\n" + yamlItem("T-L5-YW-0099", { type: "判断", key: "错误" });
const PATH = "question-bank/theory/L5/fixture.yaml";

/** HEAD, the item under test, then one more valid item. */
function fileWith(bad: string): BankFile {
  return { path: PATH, text: `${HEAD}\n${bad}${TAIL}` };
}

describe("loadBank", () => {
  it("loads the real bank with no errors", () => {
    const files = readBankFiles();
    expect(files.length).toBeGreaterThan(10);
    const { items, errors } = loadBank(files);
    expect(errors).toEqual([]);
    expect(items.length).toBeGreaterThan(500);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it("loads a valid fixture file, with 多选 keys as sorted lists and absent fields as null/false", () => {
    const { items, errors } = loadBank([{ path: PATH, text: HEAD + TAIL }]);
    expect(errors).toEqual([]);
    expect(items.map((i) => i.id)).toEqual(["T-L5-YW-0001", "T-L5-YW-0002", "T-L5-YW-0003", "T-L5-YW-0099"]);
    expect(items[1]).toMatchObject({ type: "判断", options: null, key: "正确", law: null, retired: false });
    expect(items[1]).toMatchObject({ enemy: null, status: null, author: null, reviewer: null, reviewed: null });
    expect(items[2].key).toEqual(["A", "C", "E"]);
  });

  /** Loads a fixture and returns its errors, checking that every error names the file. */
  function errorsOf(file: BankFile): string[] {
    const { errors, items } = loadBank([file]);
    for (const e of errors) expect(e.startsWith(`${file.path}:`)).toBe(true);
    // the valid items around the bad one still load (YAML errors aside)
    if (!errors.some((e) => e.includes("YAML")))
      expect(items.map((i) => i.id)).toEqual(expect.arrayContaining(["T-L5-YW-0001", "T-L5-YW-0099"]));
    return errors;
  }

  it("reports a duplicate id at the second item's line, pointing back to the first", () => {
    const file = fileWith(yamlItem("T-L5-YW-0002", { stem: "另一道题目的题干使用了重复的编号" }));
    const first = lineOf(file.text, "- id: T-L5-YW-0002");
    const second = lineOf(file.text, "- id: T-L5-YW-0002", first + 1);
    const errors = errorsOf(file);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${PATH}:${second}: .*T-L5-YW-0002.*重复`));
    expect(errors[0]).toContain(`${PATH}:${first}`);
  });

  it("reports a key that is not among the options at the key's line", () => {
    const file = fileWith(yamlItem("T-L5-YW-0010", { key: "E" }));
    const line = lineOf(file.text, "  key: E", lineOf(file.text, "- id: T-L5-YW-0010"));
    const errors = errorsOf(file);
    expect(errors).toHaveLength(1);
    expect(errors[0].startsWith(`${PATH}:${line}: `)).toBe(true);
    expect(errors[0]).toContain("T-L5-YW-0010");
    expect(errors[0]).toContain("key");
  });

  it("reports a 多选 with one key at the key's line", () => {
    for (const key of ["[A]", "A", "[A, A]"]) {
      const file = fileWith(yamlItem("T-L5-YW-0011", { type: "多选", key }));
      const line = lineOf(file.text, `  key: ${key}`, lineOf(file.text, "- id: T-L5-YW-0011"));
      const errors = errorsOf(file);
      expect(errors, key).toHaveLength(1);
      expect(errors[0].startsWith(`${PATH}:${line}: `)).toBe(true);
      expect(errors[0]).toContain("多选题的 key");
    }
  });

  it("reports an unknown requirement code at the requirement's line", () => {
    const file = fileWith(yamlItem("T-L5-YW-0012", { requirement: "L5/9.9.9" }));
    const line = lineOf(file.text, "  requirement: L5/9.9.9");
    const errors = errorsOf(file);
    expect(errors).toHaveLength(1);
    expect(errors[0].startsWith(`${PATH}:${line}: `)).toBe(true);
    expect(errors[0]).toContain("标准中没有要求代码 L5/9.9.9");
  });

  it("reports a requirement of another area (or level) at the requirement's line", () => {
    // L5/1.1.1 is 咨询引导, the item is 业务办理
    const file = fileWith(yamlItem("T-L5-YW-0013", { requirement: "L5/1.1.1" }));
    const line = lineOf(file.text, "  requirement: L5/1.1.1");
    const errors = errorsOf(file);
    expect(errors).toHaveLength(1);
    expect(errors[0].startsWith(`${PATH}:${line}: `)).toBe(true);
    expect(errors[0]).toContain("L5/1.1.1 属于 L5 咨询引导");
    // L4/2.2.1 is L4's 业务办理, the item is L5
    const other = fileWith(yamlItem("T-L5-YW-0014", { requirement: "L4/2.2.1" }));
    const e2 = errorsOf(other);
    expect(e2).toHaveLength(1);
    expect(e2[0].startsWith(`${PATH}:${lineOf(other.text, "  requirement: L4/2.2.1")}: `)).toBe(true);
  });

  it("reports a duplicate stem (ignoring punctuation and spaces) at the second item's line", () => {
    const stem = "窗口人员办理第 0001 号测试事项时应当如何处理";
    for (const dup of [stem, "窗口人员办理第0001号测试事项时，应当如何处理？"]) {
      const file = fileWith(yamlItem("T-L5-YW-0015", { stem: dup }));
      const line = lineOf(file.text, "- id: T-L5-YW-0015");
      const errors = errorsOf(file);
      expect(errors, dup).toHaveLength(1);
      expect(errors[0].startsWith(`${PATH}:${line}: `)).toBe(true);
      expect(errors[0]).toContain("T-L5-YW-0015 题干与 T-L5-YW-0001");
    }
  });

  it("reports the offending field's line for other schema errors", () => {
    const file = fileWith(yamlItem("T-L5-YW-0016", { type: "填空" }));
    const errors = errorsOf(file);
    expect(errors.some((e) => e.startsWith(`${PATH}:${lineOf(file.text, "  type: 填空")}: `))).toBe(true);
  });

  it("reports every bad item of a file, each at its own line", () => {
    const bad = [yamlItem("T-L5-YW-0020", { key: "E" }), "", yamlItem("T-L5-YW-0021", { requirement: "L5/9.9.9" })].join("\n");
    const file = fileWith(bad);
    const errors = errorsOf(file);
    expect(errors).toHaveLength(2);
    expect(errors[0].startsWith(`${PATH}:${lineOf(file.text, "  key: E")}: `)).toBe(true);
    expect(errors[1].startsWith(`${PATH}:${lineOf(file.text, "  requirement: L5/9.9.9")}: `)).toBe(true);
  });

  const badYaml = () => {
    // "a: b: c" on one line is not valid YAML (nested mapping in a compact mapping)
    const item = yamlItem("T-L5-YW-0030").replace(/ {2}stem: .*/, "  stem: 题干: 含有冒号: 未加引号");
    return fileWith(item);
  };

  it("reports bad YAML as an error of that file, and still loads the other files", () => {
    const file = badYaml();
    const good: BankFile = { path: "question-bank/theory/L5/other.yaml", text: yamlItem("T-L5-YW-0040") };
    const { items, errors } = loadBank([file, good]);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatch(new RegExp(`^${PATH}:\\d+: YAML 格式错误`));
    expect(items.map((i) => i.id)).toEqual(["T-L5-YW-0040"]);
  });

  it("reports bad YAML at the line of the error", () => {
    const file = badYaml();
    const line = lineOf(file.text, "  stem: 题干: 含有冒号");
    expect(line).toBeGreaterThan(1);
    const { errors } = loadBank([file]);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].startsWith(`${PATH}:${line}: `)).toBe(true);
  });

  it("rejects a file that is not a list", () => {
    const { errors } = loadBank([{ path: PATH, text: "id: T-L5-YW-0001\ntype: 单选\n" }]);
    expect(errors).toEqual([`${PATH}:1: 文件应为题目列表（YAML 序列）`]);
  });

  it("accepts an empty file", () => {
    expect(loadBank([{ path: PATH, text: "# nothing yet\n" }])).toEqual({ items: [], errors: [] });
  });
});

describe("review fields, enemy tags and law versions", () => {
  const one = (extra: string[]) => loadBank([fileWith(yamlItem("T-L5-YW-0050", { extra }))]);
  const errorsFor = (extra: string[]) => one(extra).errors;
  const itemFor = (extra: string[]) => one(extra).items.find((i) => i.id === "T-L5-YW-0050");

  it("loads enemy, status, author, reviewer, reviewed and law.version", () => {
    const i = itemFor([
      "enemy: l5-xkf-32-on-the-spot-fix",
      "status: active",
      "author: 张三",
      "reviewer: 李四",
      "reviewed: 2026-12-04",
      "law:",
      "  name: 中华人民共和国行政许可法",
      "  article: 第三十二条",
      "  version: 2019-04-23",
    ]);
    expect(i).toMatchObject({
      enemy: "l5-xkf-32-on-the-spot-fix",
      status: "active",
      author: "张三",
      reviewer: "李四",
      reviewed: "2026-12-04",
      law: { name: "中华人民共和国行政许可法", article: "第三十二条", version: "2019-04-23" },
      retired: false,
    });
    expect(isEligible(i!)).toBe(true);
  });

  it("rejects an enemy tag that is not lowercase kebab-case ASCII", () => {
    for (const tag of ["L5-Upper", "with space", "下划线", "a_b", "-lead", "trail-", "a--b"]) {
      const errors = errorsFor([`enemy: "${tag}"`]);
      expect(errors, tag).toHaveLength(1);
      expect(errors[0]).toContain("enemy 应为小写英文字母");
    }
    expect(errorsFor(["enemy: c-14-age-limit-2"])).toEqual([]);
  });

  it("requires law.version on every law item", () => {
    const errors = errorsFor(["law:", "  name: 中华人民共和国宪法", "  article: 第二条"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("law 缺少 version");
    expect(errors[0]).toMatch(/^question-bank\/theory\/L5\/fixture\.yaml:\d+: T-L5-YW-0050 law /);
  });

  it("rejects bad dates in law.version and reviewed", () => {
    expect(errorsFor(["law:", "  name: 中华人民共和国宪法", "  article: 第二条", "  version: 2018-02-30"]).join()).toContain(
      "law.version 应为 YYYY-MM-DD",
    );
    expect(errorsFor(["law:", "  name: 中华人民共和国宪法", "  article: 第二条", "  version: 2018年"]).join()).toContain("law.version");
    expect(errorsFor(["reviewer: 李四", "reviewed: 2026/12/04"]).join()).toContain("reviewed 应为 YYYY-MM-DD");
    expect(errorsFor(["law:", "  name: 中华人民共和国宪法", "  article: 第二条", "  edition: 2018"]).join()).toContain("law");
  });

  it("enforces the review rules", () => {
    expect(errorsFor(["status: active", "author: 张三", "reviewer: 张三", "reviewed: 2026-12-04"]).join()).toContain(
      "审核人不能是作者本人",
    );
    expect(errorsFor(["status: active", "author: 张三"]).join()).toContain("须先经他人审核");
    expect(errorsFor(["status: reviewed", "author: 张三", "reviewer: 李四"]).join()).toContain("reviewed");
    expect(errorsFor(["reviewed: 2026-12-04"]).join()).toContain("没有 reviewer");
    expect(errorsFor(["status: active", "retired: true"]).join()).toContain("矛盾");
    expect(errorsFor(["status: retired", "retired: false"]).join()).toContain("矛盾");
    expect(errorsFor(["status: published"]).join()).toContain("status 应为 draft/reviewed/active/retired");
    // a legacy item may be marked active without an author
    expect(errorsFor(["status: active"])).toEqual([]);
  });

  it("works out the effective status and who may enter papers", () => {
    const cases: [string[], string, boolean][] = [
      [[], "active", true],
      [["status: draft", "author: 张三"], "draft", false],
      [["author: 张三"], "draft", false],
      [["status: reviewed", "author: 张三", "reviewer: 李四", "reviewed: 2026-12-01"], "reviewed", true],
      [["status: active", "author: 张三", "reviewer: 李四", "reviewed: 2026-12-01"], "active", true],
      [["status: retired"], "retired", false],
      [["retired: true"], "retired", false],
      [["status: retired", "retired: true"], "retired", false],
    ];
    for (const [extra, status, eligible] of cases) {
      const i = itemFor(extra);
      expect(i, extra.join()).toBeDefined();
      expect(itemStatus(i!), extra.join()).toBe(status);
      expect(isEligible(i!), extra.join()).toBe(eligible);
      expect(i!.retired).toBe(status === "retired");
    }
  });
});

describe("applyReview", () => {
  const draft = yamlItem("T-L5-YW-0060", { extra: ["status: draft", "author: 张三"] });
  const file = fileWith(draft);

  it("sets status, reviewer and reviewed of that item only, keeping every other line", () => {
    const r = applyReview(file, "T-L5-YW-0060", "李四", "2026-12-04");
    if (!r.ok) throw new Error(r.message);
    const before = file.text.split("\n");
    const after = r.text.split("\n");
    const at = before.indexOf("  status: draft");
    expect(after[at]).toBe("  status: active");
    expect(after.slice(at + 1, at + 4)).toEqual(["  author: 张三", "  reviewer: 李四", "  reviewed: 2026-12-04"]);
    // nothing else changed: removing the two new lines and the status line gives the old text back
    expect(after.filter((_, k) => k !== at + 2 && k !== at + 3).map((l, k) => (k === at ? "  status: draft" : l))).toEqual(before);
    const loaded = loadBank([{ path: PATH, text: r.text }]);
    expect(loaded.errors).toEqual([]);
    expect(loaded.items.find((i) => i.id === "T-L5-YW-0060")).toMatchObject({
      status: "active",
      author: "张三",
      reviewer: "李四",
      reviewed: "2026-12-04",
    });
  });

  it("updates a previous review in place", () => {
    const first = applyReview(file, "T-L5-YW-0060", "李四", "2026-12-04");
    if (!first.ok) throw new Error(first.message);
    const again = applyReview({ path: PATH, text: first.text }, "T-L5-YW-0060", "王五", "2026-12-05");
    if (!again.ok) throw new Error(again.message);
    expect(again.text.split("\n")).toHaveLength(first.text.split("\n").length);
    expect(again.text).toContain("  reviewer: 王五\n  reviewed: 2026-12-05");
  });

  it("adds the fields at the end of an item without them, before the next item", () => {
    const r = applyReview(fileWith(yamlItem("T-L5-YW-0061")), "T-L5-YW-0061", "李四", "2026-12-04");
    if (!r.ok) throw new Error(r.message);
    expect(r.text).toContain("第 0061 号测试题的解析。\n  status: active\n  reviewer: 李四\n  reviewed: 2026-12-04\n\n- id: T-L5-YW-0099");
  });

  it("adds the fields after a nested law mapping at the end of the last item of a file", () => {
    const text = yamlItem("T-L5-YW-0063", {
      extra: [
        "status: draft",
        "author: 张三",
        "law:",
        "  name: 中华人民共和国行政许可法",
        "  article: 第三十二条",
        "  version: 2019-04-23",
        "# 文件末尾的注释",
      ],
    });
    const r = applyReview({ path: PATH, text }, "T-L5-YW-0063", "李四", "2026-12-04");
    if (!r.ok) throw new Error(r.message);
    expect(r.text).toContain("    version: 2019-04-23\n  reviewer: 李四\n  reviewed: 2026-12-04\n  # 文件末尾的注释\n");
  });

  it("refuses when the reviewer is the author, in Chinese", () => {
    const r = applyReview(file, "T-L5-YW-0060", "张三", "2026-12-04");
    expect(r).toEqual({ ok: false, message: expect.stringContaining("审核人不能是作者本人") });
  });

  it("refuses unknown and retired items and bad dates", () => {
    expect(applyReview(file, "T-L5-YW-0999", "李四", "2026-12-04")).toMatchObject({
      ok: false,
      message: expect.stringContaining("没有题目"),
    });
    const retired = fileWith(yamlItem("T-L5-YW-0062", { extra: ["retired: true"] }));
    expect(applyReview(retired, "T-L5-YW-0062", "李四", "2026-12-04")).toMatchObject({
      ok: false,
      message: expect.stringContaining("已退役"),
    });
    expect(applyReview(file, "T-L5-YW-0060", "李四", "2026-13-01")).toMatchObject({
      ok: false,
      message: expect.stringContaining("YYYY-MM-DD"),
    });
  });
});

describe("bankVersion", () => {
  const files = readBankFiles();
  const base = bankVersion(loadBank(files).items);

  it("is a stable content hash", () => {
    expect(base).toMatch(/^[0-9a-f]{12}$/);
    expect(bankVersion(loadBank(files).items)).toBe(base);
    // file order and item order do not matter
    expect(bankVersion(loadBank([...files].reverse()).items)).toBe(base);
    expect(bankVersion([...loadBank(files).items].reverse())).toBe(base);
  });

  it("does not change with comments or blank lines", () => {
    const edited = files.map((f, k) => (k === 0 ? { ...f, text: `# 新增的注释\n\n${f.text}\n\n# 文件末尾的注释\n` } : f));
    expect(bankVersion(loadBank(edited).items)).toBe(base);
  });

  it("changes when a stem changes", () => {
    const { items } = loadBank(files);
    const target = items[0];
    const edited = files.map((f) =>
      f.text.includes(`id: ${target.id}\n`) ? { ...f, text: f.text.replace(target.stem, `${target.stem}（修订）`) } : f,
    );
    const after = loadBank(edited);
    expect(after.errors).toEqual([]);
    expect(after.items.find((i) => i.id === target.id)!.stem).toBe(`${target.stem}（修订）`);
    expect(bankVersion(after.items)).not.toBe(base);
    // and in memory, too
    expect(bankVersion(items.map((i, k) => (k === 5 ? { ...i, stem: i.stem + "？" } : i)))).not.toBe(base);
  });

  it("changes when an item is retired, added or removed", () => {
    const { items } = loadBank(files);
    expect(bankVersion(items.map((i, k) => (k === 3 ? { ...i, retired: true } : i)))).not.toBe(base);
    expect(bankVersion(items.slice(1))).not.toBe(base);
  });
});
