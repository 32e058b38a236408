import { describe, expect, it } from "vitest";
import { assembleTheoryPaper } from "~/domain/assembly";
import {
  ABSOLUTE_WORDS,
  cueAnswer,
  cueScore,
  DEFAULT_THRESHOLDS,
  explanationProblems,
  figuresOf,
  lintBank,
  nearDuplicates,
  similarity,
} from "~/domain/bank-lint";
import { bankVersion, loadBank, type BankItem } from "~/domain/bank";
import { lawFinder, loadLaws } from "~/domain/laws";
import { readBankFiles, readLawsFile } from "~/features/bank/files.server";

let serial = 0;
function item(o: Partial<BankItem> & Pick<BankItem, "type">): BankItem {
  serial++;
  const options = o.type === "判断" ? null : { A: "选项甲", B: "选项乙", C: "选项丙", D: "选项丁" };
  return {
    id: `T-L5-YW-${String(serial).padStart(4, "0")}`,
    level: "L5",
    area: "业务办理",
    requirement: "L5/2.2.3",
    stem: `第 ${serial} 道合成题目的题干`,
    options,
    key: o.type === "判断" ? "正确" : o.type === "单选" ? "A" : ["A", "B"],
    explanation: "合成题目的解析",
    law: null,
    retired: false,
    enemy: null,
    status: null,
    author: null,
    reviewer: null,
    reviewed: null,
    ...o,
  };
}

describe("figuresOf", () => {
  it("counts strictly longest, tied longest and strictly shortest keys and key letters of 单选", () => {
    const f = figuresOf([
      item({ type: "单选", options: { A: "很长很长的正确选项", B: "短", C: "短", D: "短" }, key: "A" }), // strictly longest
      item({ type: "单选", options: { A: "一样长的", B: "一样长的选", C: "一样长的选", D: "短" }, key: "B" }), // tied longest
      item({ type: "单选", options: { A: "中等长度", B: "中等长度", C: "短", D: "中等长度" }, key: "C" }), // strictly shortest
      item({ type: "单选", options: { A: "中等长度", B: "长一些的选项", C: "短", D: "中等长度" }, key: "D" }), // neither
      item({ type: "单选", retired: true }), // not counted
    ]);
    expect(f.single).toEqual({
      count: 4,
      strictlyLongest: 1,
      longestWithTies: 2,
      strictlyShortest: 1,
      keyLetters: { A: 1, B: 1, C: 1, D: 1 },
    });
    expect(f.items).toBe(4);
    expect(f.status).toEqual({ draft: 0, reviewed: 0, active: 4, retired: 1 });
  });

  it("counts 判断 keys overall and among stems with an absolute word", () => {
    const f = figuresOf([
      item({ type: "判断", stem: "窗口人员必须核验身份证件原件", key: "正确" }),
      item({ type: "判断", stem: "所有申请材料都可以事后补交", key: "错误" }),
      item({ type: "判断", stem: "窗口人员应当一次性告知补正内容", key: "正确" }),
      item({ type: "判断", stem: "申请人可以委托他人代为提交申请", key: "错误" }),
    ]);
    expect(f.judge).toEqual({ count: 4, true: 2, false: 2, absolute: 2, absoluteTrue: 1, absoluteFalse: 1 });
  });

  it("counts 多选 key sizes, all-but-the-shortest keys and all-option keys", () => {
    const opts = { A: "较长的选项一", B: "较长的选项二", C: "短", D: "较长的选项四" };
    const f = figuresOf([
      item({ type: "多选", options: opts, key: ["A", "B", "D"] }), // all but the shortest
      item({ type: "多选", options: opts, key: ["A", "C"] }),
      item({ type: "多选", options: opts, key: ["A", "B", "C", "D"] }),
    ]);
    expect(f.multi).toEqual({ count: 3, keySizes: { "2": 1, "3": 1, "4": 1 }, allButShortest: 1, allOptions: 1 });
  });

  it("lists the absolute words of the brief", () => {
    for (const w of [
      "只需",
      "无需",
      "即可",
      "一律",
      "必须",
      "所有",
      "任何",
      "一切",
      "完全",
      "绝对",
      "全部",
      "总是",
      "从不",
      "只要",
      "只有",
      "仅",
      "均",
      "凡是",
      "一概",
      "都",
    ]) {
      expect(ABSOLUTE_WORDS).toContain(w);
    }
  });
});

describe("the cue-only candidate", () => {
  it("answers 单选 with the strictly longest option, ties to the first of them", () => {
    expect(cueAnswer(item({ type: "单选", options: { A: "短", B: "最长的那个选项", C: "短", D: "短" } }))).toBe("B");
    expect(cueAnswer(item({ type: "单选", options: { A: "短", B: "并列最长", C: "并列最长", D: "短" } }))).toBe("B");
  });

  it("answers 判断 错误 when the stem has an absolute word, else 正确", () => {
    expect(cueAnswer(item({ type: "判断", stem: "申请人只需提交身份证即可办理" }))).toBe("错误");
    expect(cueAnswer(item({ type: "判断", stem: "申请人可以委托他人代为办理" }))).toBe("正确");
  });

  it("answers 多选 with every option but the shortest", () => {
    expect(cueAnswer(item({ type: "多选", options: { A: "较长选项", B: "短", C: "较长选项", D: "较长选项", E: "较长选项" } }))).toEqual([
      "A",
      "C",
      "D",
      "E",
    ]);
  });

  it("scores a paper with 1 point per 判断/单选 and 2 per 多选, all or nothing", () => {
    const items = [
      item({ type: "判断", stem: "窗口人员一律不得代填申请表", key: "错误" }), // cue right: 1
      item({ type: "判断", stem: "窗口人员可以帮助申请人填写表格", key: "错误" }), // cue wrong
      item({ type: "单选", options: { A: "最长最长的选项", B: "短", C: "短", D: "短" }, key: "A" }), // 1
      item({ type: "多选", options: { A: "较长选项", B: "较长选项", C: "较长选项", D: "短" }, key: ["A", "B", "C"] }), // 2
      item({ type: "多选", options: { A: "较长选项", B: "较长选项", C: "较长选项", D: "短" }, key: ["A", "B"] }), // 0
    ];
    const paper = {
      level: "L5" as const,
      kind: "theory" as const,
      seed: 1,
      bankVersion: "v",
      totalPoints: 7,
      sections: [
        {
          area: "业务办理" as const,
          weight: 7,
          points: 7,
          items: items.map((i) => ({ id: i.id, type: i.type, points: 1, level: i.level, requirement: i.requirement })),
        },
      ],
    };
    expect(cueScore(paper, new Map(items.map((i) => [i.id, i])))).toBe(4);
  });
});

describe("nearDuplicates", () => {
  const a = item({ type: "判断", stem: "申请材料不齐全的，行政机关应当当场或者在五日内一次告知申请人需要补正的全部内容。" });
  const b = item({ type: "判断", stem: "申请材料不齐全时，行政机关应当当场或在五日内一次性告知申请人需补正的全部内容。" });
  const c = item({ type: "判断", stem: "窗口工作人员在岗期间应当佩戴工作牌并保持仪容整洁。" });

  it("finds pairs at or above the threshold, most similar first", () => {
    expect(similarity("甲乙丙丁", "甲乙丙丁")).toBe(1);
    const d = nearDuplicates([a, b, c], 0.6);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ a: a.id, b: b.id });
    expect(d[0].similarity).toBeGreaterThanOrEqual(0.6);
  });

  it("leaves out pairs that share an enemy tag, and retired items", () => {
    expect(nearDuplicates([{ ...a, enemy: "l5-bz-5" }, { ...b, enemy: "l5-bz-5" }, c], 0.6)).toEqual([]);
    expect(nearDuplicates([a, { ...b, retired: true }, c], 0.6)).toEqual([]);
    // different tags still count
    expect(
      nearDuplicates(
        [
          { ...a, enemy: "x" },
          { ...b, enemy: "y" },
        ],
        0.6,
      ),
    ).toHaveLength(1);
  });

  it("compares the keyed option text too", () => {
    const stem = "行政机关对申请人提出的行政许可申请，下列处理方式正确的是哪一项？";
    const s1 = item({ type: "单选", stem, options: { A: "当场受理", B: "五日内一次告知", C: "不予受理", D: "转交" }, key: "A" });
    const s2 = item({
      type: "单选",
      stem: `${stem}（甲）`,
      options: { A: "当场受理", B: "五日内一次告知", C: "不予受理", D: "转交" },
      key: "A",
    });
    const s3 = item({
      type: "单选",
      stem: `${stem}（乙）`,
      options: { A: "当场受理", B: "五日内一次告知", C: "不予受理", D: "转交" },
      key: "B",
    });
    const d = nearDuplicates([s1, s2, s3], 0.95);
    expect(d.map((x) => [x.a, x.b])).toEqual([[s1.id, s2.id]]);
  });
});

describe("explanationProblems", () => {
  const opts = { A: "选项一", B: "选项二", C: "选项三", D: "选项四" };
  it("catches 前三项 / 以上都 / 答案为 … that disagree with the key", () => {
    expect(
      explanationProblems(item({ type: "多选", options: opts, key: ["B", "C", "D"], explanation: "前三项均是法定义务，D 项不是。" })),
    ).toHaveLength(1);
    expect(explanationProblems(item({ type: "多选", options: opts, key: ["A", "B", "C"], explanation: "前三项均是法定义务。" }))).toEqual(
      [],
    );
    expect(explanationProblems(item({ type: "多选", options: opts, key: ["B", "C", "D"], explanation: "后三项均正确。" }))).toEqual([]);
    expect(explanationProblems(item({ type: "多选", options: opts, key: ["A", "B", "C"], explanation: "以上各项都正确。" }))).toHaveLength(
      1,
    );
    expect(explanationProblems(item({ type: "多选", options: opts, key: ["A", "B", "C", "D"], explanation: "以上各项都正确。" }))).toEqual(
      [],
    );
    expect(explanationProblems(item({ type: "单选", options: opts, key: "B", explanation: "故选C。" }))).toHaveLength(1);
    expect(explanationProblems(item({ type: "多选", options: opts, key: ["A", "C"], explanation: "正确答案为A、C。" }))).toEqual([]);
  });

  it("catches a 判断 explanation that calls the statement the opposite of its key", () => {
    expect(explanationProblems(item({ type: "判断", key: "正确", explanation: "该说法错误，应当一次告知。" }))).toHaveLength(1);
    expect(explanationProblems(item({ type: "判断", key: "错误", explanation: "错误。应当一次告知。" }))).toEqual([]);
    expect(explanationProblems(item({ type: "判断", key: "错误", explanation: "题干说法正确。" }))).toHaveLength(1);
  });
});

describe("laws", () => {
  const LAWS = [
    "- name: 中华人民共和国行政许可法",
    "  version: 2019-04-23",
    "  effective: 2019-04-23",
    "  note: 2019-04-23 修正",
    "- name: GB/T 39735—2020 政务服务评价工作指南",
    "  version: 2020-12-14",
    "  effective: 2021-01-01",
    "  note: 2020-12-14 发布",
    "",
  ].join("\n");

  it("parses laws.yaml and finds a law by full name, short name, GB number or title", () => {
    const book = loadLaws("laws.yaml", LAWS);
    expect(book.errors).toEqual([]);
    const find = lawFinder(book.laws);
    expect(find("中华人民共和国行政许可法")?.version).toBe("2019-04-23");
    expect(find("行政许可法")?.name).toBe("中华人民共和国行政许可法");
    expect(find("GB/T 39735")?.name).toBe("GB/T 39735—2020 政务服务评价工作指南");
    expect(find("GB/T39735—2020")?.name).toBe("GB/T 39735—2020 政务服务评价工作指南");
    expect(find("政务服务评价工作指南")?.name).toBe("GB/T 39735—2020 政务服务评价工作指南");
    expect(find("中华人民共和国公司法")).toBeUndefined();
  });

  it("reports bad entries of laws.yaml at their line", () => {
    const bad = loadLaws(
      "laws.yaml",
      `${LAWS}- name: 中华人民共和国公司法\n  version: 2023-12-29\n  effective: 2023-01-01\n  note: 修订\n- name: 行政许可法\n  version: 2019-4-23\n  effective: 2019-04-23\n  note: 重复\n`,
    );
    expect(bad.errors).toEqual([
      "laws.yaml:11: 中华人民共和国公司法 effective 不能早于 version",
      "laws.yaml:14: 行政许可法 version 应为 YYYY-MM-DD 格式的日期",
    ]);
    const dup = loadLaws("laws.yaml", `${LAWS}- name: 行政许可法\n  version: 2019-04-23\n  effective: 2019-04-23\n  note: 重复\n`);
    expect(dup.errors).toEqual(["laws.yaml:9: 名称或别名「行政许可法」与第 1 行的条目重复"]);
  });

  /** A file of items: each a 判断 of L5 业务办理 with the given extra YAML lines. */
  function file(items: { stem: string; explanation?: string; extra?: string[] }[]) {
    const text = items
      .map((it, k) =>
        [
          `- id: T-L5-YW-${String(k + 1).padStart(4, "0")}`,
          "  type: 判断",
          "  level: L5",
          "  area: 业务办理",
          "  requirement: L5/2.2.3",
          `  stem: ${it.stem}`,
          "  key: 正确",
          `  explanation: ${it.explanation ?? "合成题目的解析。"}`,
          ...(it.extra ?? []).map((l) => `  ${l}`),
        ].join("\n"),
      )
      .join("\n\n");
    return { path: "question-bank/theory/L5/fixture.yaml", text: text + "\n" };
  }

  it("checks law items against laws.yaml: missing laws, old and new versions, no version, mentions without law:", () => {
    const law = (name: string, version?: string) => [
      "law:",
      `  name: ${name}`,
      "  article: 第三十二条",
      ...(version ? [`  version: ${version}`] : []),
    ];
    const r = lintBank({
      files: [
        file([
          { stem: "第一题：申请材料可以当场更正的应当允许当场更正", extra: law("中华人民共和国行政许可法", "2019-04-23") },
          { stem: "第二题：依据旧文本的行政许可题目", extra: law("中华人民共和国行政许可法", "2003-08-27") },
          { stem: "第三题：版本晚于法律清单的题目", extra: law("中华人民共和国行政许可法", "2030-01-01") },
          { stem: "第四题：没有写版本的行政许可题目", extra: law("中华人民共和国行政许可法", "2019-04-23") },
          { stem: "第五题：引用清单之外法律的题目", extra: law("中华人民共和国公司法", "2023-12-29") },
          { stem: "第六题：根据《中华人民共和国行政许可法》，申请人可以撤回申请" },
          { stem: "第七题：窗口人员应当按照规定一次告知", explanation: "依据立法法的适用规则作答。" },
          { stem: "第八题：简称写法的题目", extra: law("行政许可法", "2019-04-23") },
        ]),
      ],
      laws: { path: "laws.yaml", text: LAWS },
    });
    expect(r.errors).toEqual([]);
    expect(r.lawVersionMismatch.map((f) => f.id)).toEqual(["T-L5-YW-0002", "T-L5-YW-0003"]);
    // (a law: without version is a validation error now; the lint still lists any it is given)
    expect(r.lawVersionMismatch[0].message).toContain("旧文本");
    expect(r.lawVersionMismatch[0].where).toBe("question-bank/theory/L5/fixture.yaml:14");
    expect(r.lawWithoutVersion).toEqual([]);
    expect(r.lawsMissing).toEqual([
      { name: "中华人民共和国公司法", ids: ["T-L5-YW-0005"] },
      { name: "立法法", ids: ["T-L5-YW-0007"] },
    ]);
    expect(r.lawMentionWithoutLaw.map((f) => f.id)).toEqual(["T-L5-YW-0006", "T-L5-YW-0007"]);
    expect(r.lawNameNotCanonical.map((f) => f.id)).toEqual(["T-L5-YW-0008"]);
    expect(r.failures.join("；")).toContain("不在 laws.yaml 中");
    expect(r.failures.join("；")).toContain("law.version 与 laws.yaml 不一致");
  });

  it("fails on validation errors, such as a law: without version", () => {
    const r = lintBank({
      files: [
        file([{ stem: "第一题：没有写版本的行政许可题目", extra: ["law:", "  name: 中华人民共和国行政许可法", "  article: 第三十二条"] }]),
      ],
      laws: { path: "laws.yaml", text: LAWS },
    });
    expect(r.errors).toEqual([expect.stringContaining("law 缺少 version")]);
    expect(r.failures[0]).toContain("校验错误");
  });

  it("does not count a draft's figures as eligible, but lists it for review", () => {
    const r = lintBank({
      files: [
        file([{ stem: "第一题：一道草稿题目的题干", extra: ["status: draft", "author: 张三"] }, { stem: "第二题：一道旧题目的题干" }]),
      ],
      laws: { path: "laws.yaml", text: LAWS },
    });
    expect(r.drafts).toEqual(["T-L5-YW-0001"]);
    expect(r.overall.status).toEqual({ draft: 1, reviewed: 0, active: 1, retired: 0 });
  });
});

describe("lintBank on the real bank", () => {
  const started = performance.now();
  const r = lintBank({ files: readBankFiles(), laws: readLawsFile() });
  const ms = performance.now() - started;

  it("runs fast and has no validation errors", () => {
    expect(ms).toBeLessThan(5000);
    expect(r.errors).toEqual([]);
  });

  it("has figures per file that add up to the overall ones", () => {
    expect(r.files.length).toBeGreaterThan(10);
    const sum = (f: (x: (typeof r.files)[number]) => number) => r.files.reduce((n, x) => n + f(x), 0);
    expect(sum((f) => f.single.count)).toBe(r.overall.single.count);
    expect(sum((f) => f.single.strictlyLongest)).toBe(r.overall.single.strictlyLongest);
    expect(sum((f) => f.judge.absoluteFalse)).toBe(r.overall.judge.absoluteFalse);
    expect(sum((f) => f.multi.allButShortest)).toBe(r.overall.multi.allButShortest);
    expect(r.overall.items).toBe(loadBank(readBankFiles()).items.filter((i) => !i.retired).length);
  });

  it("scores the cue-only candidate on 20 real papers of each level, as the assembly draws them", () => {
    expect(r.cue.map((c) => c.level)).toEqual(["L5", "L4", "L3"]);
    const { items } = loadBank(readBankFiles());
    for (const c of r.cue) {
      expect(c.error).toBeUndefined();
      expect(c.scores).toHaveLength(DEFAULT_THRESHOLDS.seedsPerLevel);
      // the mean is rounded to one decimal
      expect(Math.abs(c.mean - c.scores.reduce((s, x) => s + x, 0) / c.scores.length)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(c.max).toBe(Math.max(...c.scores));
      for (const s of c.scores) expect(s).toBeGreaterThanOrEqual(0);
    }
    // the first score of L5 is the candidate's score on the paper of seed 1
    const p = assembleTheoryPaper(items, "L5", 1, bankVersion(items));
    if (!p.ok) throw new Error(p.message);
    expect(cueScore(p.paper, new Map(items.map((i) => [i.id, i])))).toBe(r.cue[0].scores[0]);
  });

  it("says pass or fail by the thresholds", () => {
    const longest = r.overall.single.strictlyLongest / r.overall.single.count;
    expect(r.failures.some((f) => f.includes("唯一最长选项"))).toBe(longest > DEFAULT_THRESHOLDS.longestKeyMax);
    expect(r.failures.some((f) => f.includes("只凭线索作答"))).toBe(r.cue.some((c) => c.mean >= DEFAULT_THRESHOLDS.cueMeanFail));
  });
});
