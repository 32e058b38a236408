// Form schemas of skill scoring, shared by the server's parse and the inputs' browser hints.
import { z } from "zod";

const id = z.string().min(1).max(40);

/** Which candidate and task a score sheet is for (the score page's query string). */
export const ScoreTarget = z.object({ reg: id, task: z.string().regex(/^S-(L5|L4|L3)-[A-Z]{2}-\d{2}$/) });

/** One examiner's sheet: `c0`…`c{n-1}` per rubric criterion (empty = not scored yet), and draft or submit → { scores, submit }. */
export function sheetSchema(criteria: number) {
  const shape: Record<string, z.ZodType<number | null>> = {};
  for (let i = 0; i < criteria; i++) {
    shape[`c${i}`] = z
      .string()
      .optional()
      .transform((raw, ctx) => {
        const v = (raw ?? "").trim();
        if (v === "") return null;
        const n = Number(v);
        if (!Number.isFinite(n)) {
          ctx.addIssue({ code: "custom", message: `第 ${i + 1} 项评分不是数字。` });
          return z.NEVER;
        }
        return n;
      });
  }
  return z.object({ ...shape, intent: z.enum(["draft", "submit"]).catch("draft") }).transform((sheet) => ({
    submit: sheet.intent === "submit",
    scores: Array.from({ length: criteria }, (_, i) => (sheet as Record<string, unknown>)[`c${i}`] as number | null),
  }));
}

export const ReviewIntent = z.object({ intent: z.enum(["rescore", "confirm", "correct"], { message: "未知的操作。" }) });

export const Decision = z.object({
  intent: z.enum(["rescore", "confirm"]),
  registrationId: id,
  taskId: z.string().max(20),
  reason: z.string().trim().min(4, "请写明理由（至少 4 个字）").max(500, "理由过长"),
});

export const Correction = z.object({
  intent: z.literal("correct"),
  registrationId: id,
  taskId: z.string().max(20),
  examinerId: id,
  criterion: z.coerce.number().int().min(0).max(50),
  value: z.coerce.number({ message: "请填写更正后的分数" }),
  reason: z.string().trim().min(4, "请写明更正理由（至少 4 个字）").max(500, "理由过长"),
});

export const SittingIntent = z.object({
  intent: z.enum(["assemble", "add-group", "assign-examiner", "register", "start-scoring", "publish"]),
});

export const GroupName = z.object({ name: z.string().trim().min(1, "请填写考评组名称").max(30) });

export const AssignExaminer = z.object({
  groupId: z.string().max(40),
  userId: z.string().min(1, "请选择考评员").max(40),
  chief: z.enum(["0", "1"]),
});

export const Register = z.object({
  groupId: z.string({ message: "请选择考评组。" }).min(1, "请选择考评组。").max(40, "请选择考评组。"),
  personIds: z.array(z.string().max(40)).max(500, "一次最多报名 500 人").min(1, "请选择要报名的人员。"),
});
