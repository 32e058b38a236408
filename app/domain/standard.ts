// The requirement codes of seed 004 that questions and tasks are tagged with.
// Work requirements: "L5/2.2.3" (level / 技能要求 number as printed in that level's table).
// Basic requirements: "basic/2.1.2(3)" (§2 numbering).
import type { Area, Level } from "./levels";

type WorkContent = { code: string; name: string; skills: number[] };
type Func = { no: number; area: Area; contents: WorkContent[] };

/** §3: per level, 职业功能 → 工作内容 → 技能要求 numbers. */
export const WORK_REQUIREMENTS: Record<Level, Func[]> = {
  L5: [
    {
      no: 1,
      area: "咨询引导",
      contents: [
        { code: "1.1", name: "咨询服务", skills: [1, 2, 3] },
        { code: "1.2", name: "引导服务", skills: [1, 2, 3, 4] },
      ],
    },
    {
      no: 2,
      area: "业务办理",
      contents: [
        { code: "2.1", name: "业务沟通", skills: [1, 2] },
        { code: "2.2", name: "材料初审", skills: [1, 2, 3] },
        { code: "2.3", name: "材料流转", skills: [1, 2] },
        { code: "2.4", name: "帮办代办服务", skills: [1, 2] },
        { code: "2.5", name: "信息化设备使用与管理", skills: [1, 2, 3] },
      ],
    },
    {
      no: 3,
      area: "综合出件",
      contents: [
        { code: "3.1", name: "文书整理", skills: [1, 2] },
        { code: "3.2", name: "出件办理", skills: [1, 2, 3, 4] },
      ],
    },
  ],
  L4: [
    {
      no: 1,
      area: "咨询引导",
      contents: [
        { code: "1.1", name: "咨询服务", skills: [1, 2] },
        { code: "1.2", name: "引导服务", skills: [1, 2] },
      ],
    },
    {
      no: 2,
      area: "业务办理",
      contents: [
        { code: "2.1", name: "业务沟通", skills: [1, 2] },
        { code: "2.2", name: "材料初审", skills: [1, 2] },
        { code: "2.3", name: "帮办代办服务", skills: [1, 2, 3] },
        { code: "2.4", name: "统计分析", skills: [1, 2, 3] },
        { code: "2.5", name: "信息化设备使用与管理", skills: [1, 2, 3] },
      ],
    },
    {
      no: 3,
      area: "现场管理",
      // The standard prints only 3.1.2 and 3.1.3 as skills of 内部管理; 3.1.1 is its first
      // knowledge requirement (政务服务业务操作规范), kept so that it can be tested.
      contents: [
        { code: "3.1", name: "内部管理", skills: [1, 2, 3] },
        { code: "3.2", name: "现场协调", skills: [1, 2] },
      ],
    },
  ],
  L3: [
    {
      no: 1,
      area: "业务办理",
      contents: [
        { code: "1.1", name: "业务沟通", skills: [1, 2] },
        { code: "1.2", name: "统计分析", skills: [1, 2] },
      ],
    },
    {
      no: 2,
      area: "现场管理",
      contents: [
        { code: "2.1", name: "内部管理", skills: [1, 2] },
        { code: "2.2", name: "应急处置", skills: [1, 2, 3] },
        { code: "2.3", name: "投诉处理", skills: [1, 2, 3] },
      ],
    },
    {
      no: 3,
      area: "培训与管理",
      contents: [
        { code: "3.1", name: "工作人员培训", skills: [1, 2, 3, 4] },
        { code: "3.2", name: "员工考核", skills: [1, 2, 3] },
        { code: "3.3", name: "质量管理", skills: [1, 2, 3] },
      ],
    },
  ],
};

/** §2: basic requirements; the number is how many sub-items (0 = none). */
const BASIC: { code: string; name: string; area: Area; items: number }[] = [
  { code: "2.1.1", name: "职业道德基本知识", area: "职业道德", items: 0 },
  { code: "2.1.2", name: "职业守则", area: "职业道德", items: 5 },
  { code: "2.2.1", name: "信息化设备基础知识", area: "基础知识", items: 2 },
  { code: "2.2.2", name: "公务活动基础知识", area: "基础知识", items: 3 },
  { code: "2.2.3", name: "公文基础知识", area: "基础知识", items: 3 },
  { code: "2.2.4", name: "政务服务基础知识", area: "基础知识", items: 3 },
  { code: "2.2.5", name: "安全环保知识", area: "基础知识", items: 6 },
  { code: "2.2.6", name: "法律法规", area: "基础知识", items: 9 },
];

export type Requirement = { code: string; area: Area; level: Level | "common"; workContent: string };

function buildCatalog(): Map<string, Requirement> {
  const out = new Map<string, Requirement>();
  for (const b of BASIC) {
    if (b.items === 0)
      out.set(`basic/${b.code}`, { code: `basic/${b.code}`, area: b.area, level: "common", workContent: `${b.code} ${b.name}` });
    for (let i = 1; i <= b.items; i++) {
      const code = `basic/${b.code}(${i})`;
      out.set(code, { code, area: b.area, level: "common", workContent: `${b.code} ${b.name}` });
    }
  }
  for (const level of Object.keys(WORK_REQUIREMENTS) as Level[]) {
    for (const f of WORK_REQUIREMENTS[level]) {
      for (const c of f.contents) {
        for (const s of c.skills) {
          const code = `${level}/${c.code}.${s}`;
          out.set(code, { code, area: f.area, level, workContent: `${c.code} ${c.name}` });
        }
      }
    }
  }
  return out;
}

export const REQUIREMENTS: ReadonlyMap<string, Requirement> = buildCatalog();

/** Every 工作内容 of a level (and the basic-requirement topics), for coverage reports. */
export function workContentsOf(level: Level | "common"): string[] {
  return [...new Set([...REQUIREMENTS.values()].filter((r) => r.level === level).map((r) => r.workContent))];
}
