// Seed 004: the three levels, their standard training hours (§1.8) and the weight tables (§4).

export const LEVELS = ["L5", "L4", "L3"] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = { L5: "五级/初级工", L4: "四级/中级工", L3: "三级/高级工" };
export const STANDARD_TRAINING_HOURS: Record<Level, number> = { L5: 160, L4: 120, L3: 80 };
/** Lower levels whose work-requirement items a level's paper may also draw ("higher covers lower"). */
export const LOWER_LEVELS: Record<Level, Level[]> = { L5: [], L4: ["L5"], L3: ["L4", "L5"] };

export const AREAS = ["职业道德", "基础知识", "咨询引导", "业务办理", "综合出件", "现场管理", "培训与管理"] as const;
export type Area = (typeof AREAS)[number];
/** Two-letter area codes used in item and task ids (T-L5-YW-0001, S-L4-XC-01). */
export const AREA_CODES: Record<Area, string> = {
  职业道德: "ZD",
  基础知识: "JC",
  咨询引导: "ZX",
  业务办理: "YW",
  综合出件: "CJ",
  现场管理: "XC",
  培训与管理: "PX",
};

/** Basic-requirement areas (§2): common to every level. */
export const BASIC_AREAS: readonly Area[] = ["职业道德", "基础知识"];

/** Table 4.1 理论知识权重表; a missing area is "–". */
export const THEORY_WEIGHTS: Record<Level, Partial<Record<Area, number>>> = {
  L5: { 职业道德: 5, 基础知识: 25, 咨询引导: 20, 业务办理: 40, 综合出件: 10 },
  L4: { 职业道德: 5, 基础知识: 15, 咨询引导: 15, 业务办理: 35, 现场管理: 30 },
  L3: { 职业道德: 5, 基础知识: 10, 业务办理: 20, 现场管理: 30, 培训与管理: 35 },
};

/** Table 4.2 技能要求权重表. */
export const SKILL_WEIGHTS: Record<Level, Partial<Record<Area, number>>> = {
  L5: { 咨询引导: 30, 业务办理: 50, 综合出件: 20 },
  L4: { 咨询引导: 20, 业务办理: 50, 现场管理: 30 },
  L3: { 业务办理: 20, 现场管理: 40, 培训与管理: 40 },
};

export const PASS_MARK = 60;

export function isLevel(v: string): v is Level {
  return (LEVELS as readonly string[]).includes(v);
}
