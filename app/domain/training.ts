// Seed 001 培训管理: the eight pre-job training topics; courses may also target a skill area.
export const PRE_JOB_TOPICS = [
  "基本情况",
  "任职能力/素质",
  "业务技能",
  "日常管理",
  "政务公开",
  "政务理论",
  "应急",
  "法律法规标准",
] as const;
export const SKILL_AREA_TOPICS = ["咨询引导", "业务办理", "综合出件", "现场管理", "培训与管理"] as const;
export const COURSE_TOPICS = [...PRE_JOB_TOPICS, ...SKILL_AREA_TOPICS] as const;
export const COURSE_MODES = ["线下", "线上", "混合"] as const;
