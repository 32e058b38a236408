// The evaluation forms' schemas: the server parses with them and the inputs take their limits
// from them (constraintsOf). No server imports here.
import { z } from "zod";
import { AWARD_POINTS, SUBJECTIVE_INDICATORS, VETO_GROUNDS, type SubjectiveKey } from "~/domain/evaluation";

const num = (msg: string) => z.coerce.number({ message: msg }).refine(Number.isFinite, msg);

export const OpenCycleSchema = z.object({
  year: z.coerce.number({ message: "请填写年度" }).int("年度应为整数").min(2000, "年度不正确").max(2100, "年度不正确"),
  passMark: num("合格分数线应为数字").pipe(z.number().min(0, "合格分数线应在 0 至 100 之间").max(100, "合格分数线应在 0 至 100 之间")),
  ratingPenalty: num("未整改扣减系数应为数字").pipe(
    z.number().min(0, "未整改扣减系数应在 0 至 10 之间").max(10, "未整改扣减系数应在 0 至 10 之间"),
  ),
  peersPerPerson: z.coerce
    .number({ message: "互评人数应为整数" })
    .int("互评人数应为整数")
    .min(1, "互评人数至少 1 人")
    .max(8, "互评人数至多 8 人"),
  managerPersonId: z.string().min(1, "请选择默认评分负责人"),
});

export const CycleSettingsSchema = OpenCycleSchema.pick({ passMark: true, ratingPenalty: true });

/** The intents of the cycle summary page. */
export const CycleIntentSchema = z.object({
  intent: z.enum(["close", "reopen", "settings", "completion"], { message: "未知的操作" }),
});

/** The 11 subjective indicators of one assignment: each empty (not yet scored) or 0 to its max. */
export function scoresSchema() {
  return z.object(
    Object.fromEntries(
      SUBJECTIVE_INDICATORS.map((d) => [
        d.key,
        z
          .union([
            z.literal("").transform(() => null),
            z.coerce
              .number({ message: `${d.name}应为数字` })
              .refine((v) => Number.isFinite(v) && v >= 0 && v <= d.max, `${d.name}应在 0 至 ${d.max} 分之间`),
          ])
          .optional()
          .transform((v) => v ?? null),
      ]),
    ) as unknown as Record<SubjectiveKey, z.ZodType<number | null>>,
  );
}

export const ScoreIntentSchema = z.object({ intent: z.enum(["draft", "submit"]).default("draft") });

// ---- What the center enters on a person's page ----

export const PersonIntentSchema = z.object({
  intent: z.enum(["evaluators", "objective", "adjustment", "remove-adjustment", "veto"], { message: "未知的操作" }),
});

export const AssignmentsSchema = z.object({
  managerPersonId: z
    .string()
    .optional()
    .transform((v) => v || null),
  peerIds: z.array(z.string().min(1)).max(8, "互评人至多 8 人"),
});

const evidence = z.string().trim().max(500, "说明不超过 500 字");
export const ObjectiveSchema = z
  .object({
    completionDone: z
      .union([z.literal(""), num("完成量应为数字").pipe(z.number().min(0, "完成量不能为负数"))])
      .transform((v) => (v === "" ? null : v)),
    completionTarget: z
      .union([z.literal(""), num("目标量应为数字").pipe(z.number().positive("目标量应大于 0"))])
      .transform((v) => (v === "" ? null : v)),
    complaintsPoints: z
      .union([
        z.literal(""),
        num("投诉情况得分应为数字").pipe(z.number().min(0, "投诉情况应在 0 至 5 分之间").max(5, "投诉情况应在 0 至 5 分之间")),
      ])
      .transform((v) => (v === "" ? null : v)),
    complaintsEvidence: evidence,
    praisePoints: z
      .union([
        z.literal(""),
        num("表扬褒奖得分应为数字").pipe(z.number().min(0, "表扬褒奖应在 0 至 5 分之间").max(5, "表扬褒奖应在 0 至 5 分之间")),
      ])
      .transform((v) => (v === "" ? null : v)),
    praiseEvidence: evidence,
  })
  .superRefine((v, ctx) => {
    if ((v.completionDone === null) !== (v.completionTarget === null))
      ctx.addIssue({ code: "custom", path: ["completionTarget"], message: "完成量与目标量应同时填写" });
    if (v.complaintsPoints !== null && !v.complaintsEvidence)
      ctx.addIssue({ code: "custom", path: ["complaintsEvidence"], message: "请填写投诉情况的依据" });
    if (v.praisePoints !== null && !v.praiseEvidence)
      ctx.addIssue({ code: "custom", path: ["praiseEvidence"], message: "请填写表扬褒奖的依据" });
  });

export const AdjustmentSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("award"),
      awardLevel: z.enum(Object.keys(AWARD_POINTS) as [keyof typeof AWARD_POINTS], { message: "请选择表彰级别" }),
      reason: z.string().trim().min(1, "请填写表彰名称").max(200),
      evidence: z.string().trim().min(1, "请填写依据（文号或证书编号）").max(500),
    }),
    z.object({
      kind: z.literal("majorEvent"),
      points: num("加分应为数字").pipe(z.number().min(0.5, "重大活动加分应在 0.5 至 1 分之间").max(1, "重大活动加分应在 0.5 至 1 分之间")),
      reason: z.string().trim().min(1, "请填写事由").max(200),
      evidence: z.string().trim().min(1, "请填写依据").max(500),
    }),
    z.object({
      kind: z.literal("deduction"),
      points: num("扣分应为数字").pipe(z.number().min(0, "每项扣分应在 0 至 5 分之间").max(5, "每项扣分应在 0 至 5 分之间")),
      reason: z.string().trim().min(1, "请填写扣分事由").max(200),
      evidence: z.string().trim().min(1, "请填写依据").max(500),
    }),
  ],
  { message: "请选择加减分类型" },
);

/** An unknown or missing id is the service's 404, as for any other adjustment that is not the subject's. */
export const RemoveAdjustmentSchema = z.object({ adjustmentId: z.string().default("") });

export const VetoSchema = z
  .object({
    veto: z.union([z.literal(""), z.enum(VETO_GROUNDS, { message: "请选择一票否决情形" })]).transform((v) => v || null),
    vetoEvidence: z.string().trim().max(500, "依据不超过 500 字"),
  })
  .refine((v) => v.veto === null || v.vetoEvidence.length > 0, { path: ["vetoEvidence"], message: "一票否决须填写依据" });
