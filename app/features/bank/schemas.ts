// Form and query schemas of the bank's screens, shared by the server's parse and the inputs' hints.
import { z } from "zod";
import { ITEM_STATUSES, ITEM_TYPES, RETURN_REASON_MAX } from "~/domain/bank";
import { AREAS } from "~/domain/levels";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** Which items the review screen lists. */
export const REVIEW_VIEWS = ["pending", "active", "retired"] as const;
export type ReviewView = (typeof REVIEW_VIEWS)[number];
export const REVIEW_VIEW_LABELS: Record<ReviewView, string> = { pending: "待审核", active: "已启用", retired: "已停用" };

export const BANK_LEVELS = ["common", "L5", "L4", "L3"] as const;
export const BANK_LEVEL_LABELS: Record<(typeof BANK_LEVELS)[number], string> = {
  common: "公共（基础要求）",
  L5: "五级/初级工",
  L4: "四级/中级工",
  L3: "三级/高级工",
};

/** The query string of /bank/review. */
export const ReviewFilterSchema = z.object({
  view: z.preprocess(blank, z.enum(REVIEW_VIEWS, { message: "列表应为 待审核/已启用/已停用" }).default("pending")),
  level: z.preprocess(blank, z.enum(BANK_LEVELS, { message: "等级应为 公共/五级/四级/三级" }).optional()),
  area: z.preprocess(blank, z.enum(AREAS, { message: "没有这个区域" }).optional()),
  type: z.preprocess(blank, z.enum(ITEM_TYPES, { message: "题型应为 判断/单选/多选" }).optional()),
  q: z.preprocess(blank, z.string().trim().max(40, "搜索词不能超过 40 个字").optional()),
  page: z.preprocess(
    blank,
    z.coerce.number({ message: "页码应为数字" }).int("页码应为整数").min(1, "页码从 1 开始").max(10_000, "页码过大").default(1),
  ),
});
export type ReviewFilter = z.output<typeof ReviewFilterSchema>;

export const ITEM_ID = /^T-(C|L5|L4|L3)-(ZD|JC|ZX|YW|CJ|XC|PX)-\d{4}$/;
export const REVIEW_INTENTS = ["activate", "return", "retire"] as const;
export type ReviewIntent = (typeof REVIEW_INTENTS)[number];

/** One action of the review screen on one item. */
export const ReviewActionSchema = z
  .object({
    intent: z.enum(REVIEW_INTENTS, { message: "未知的操作" }),
    id: z.string({ message: "缺少题目编号" }).trim().regex(ITEM_ID, "题目编号应形如 T-L5-YW-0001"),
    /** The state the maintainer saw: the change is refused if the file says otherwise by now. */
    from: z.enum(ITEM_STATUSES, { message: "缺少题目当前状态，请刷新页面后重试" }),
    reason: z.preprocess(blank, z.string().trim().max(RETURN_REASON_MAX, `理由不能超过 ${RETURN_REASON_MAX} 个字`).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "return" && (v.reason === undefined || v.reason.length < 4))
      ctx.addIssue({ code: "custom", path: ["reason"], message: "请写明退回理由（至少 4 个字）" });
  });
export type ReviewAction = z.output<typeof ReviewActionSchema>;

/** The reason field alone, for the inputs' browser hints. */
export const ReasonField = z.string().trim().min(4).max(RETURN_REASON_MAX);
