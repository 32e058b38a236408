// Form schemas of online application (client-safe: the applicant's form checks its rows with the
// same schema the server parses with).
import { z } from "zod";
import { OCCUPATIONS, SCHOOL_TYPES } from "~/domain/eligibility";
import { LEVELS } from "~/domain/levels";

const day = (label: string) => z.string({ message: `请填写${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `请填写有效的${label}`);
const evidence = z
  .string({ message: "请说明将提供的证明材料" })
  .trim()
  .min(2, "请说明将提供的证明材料")
  .max(200, "证明材料说明不超过200字");

export const AddedEducationSchema = z.object({
  schoolType: z.enum(SCHOOL_TYPES, { message: "请选择学校类型" }),
  major: z.string().trim().min(1, "请填写专业").max(40, "专业名称过长"),
  graduated: z.boolean(),
  finalYear: z.boolean(),
  evidence,
});

export const AddedWorkSchema = z
  .object({
    occupation: z.enum(OCCUPATIONS, { message: "请选择职业" }),
    start: day("开始日期"),
    end: day("结束日期").nullable(),
    evidence,
  })
  .refine((w) => w.end === null || w.end >= w.start, { message: "结束日期不能早于开始日期", path: ["end"] });

export const AddedCertificateSchema = z.object({
  level: z.enum(LEVELS, { message: "请选择证书等级" }),
  issued: day("发证日期"),
  occupation: z.enum(OCCUPATIONS, { message: "请选择职业" }),
  evidence,
});

export const AdditionsSchema = z.object({
  education: z.array(AddedEducationSchema).max(5, "补充的学历最多5条"),
  work: z.array(AddedWorkSchema).max(10, "补充的工作经历最多10条"),
  certificates: z.array(AddedCertificateSchema).max(5, "补充的证书最多5本"),
  apprenticeship: z.object({ evidence }).nullable(),
});

/** The application form: the additions travel as one JSON field built by the form. */
export const ApplySchema = z.object({
  additions: z
    .string()
    .max(20_000, "补充内容过长")
    .transform((v, ctx) => {
      let raw: unknown;
      try {
        raw = JSON.parse(v || "{}");
      } catch {
        ctx.addIssue({ code: "custom", message: "补充内容格式不正确，请刷新页面后重试" });
        return z.NEVER;
      }
      const r = AdditionsSchema.safeParse(raw);
      if (!r.success) {
        const issue = r.error.issues[0];
        ctx.addIssue({ code: "custom", message: issue?.message ?? "补充内容有误" });
        return z.NEVER;
      }
      return r.data;
    }),
  version: z.coerce.number().int().min(0).optional(),
});

export const APPLY_INTENTS = ["apply", "resubmit", "withdraw"] as const;

export const ReviewSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("approve"), version: z.coerce.number().int().min(0) }),
  z.object({
    decision: z.literal("reject"),
    version: z.coerce.number().int().min(0),
    note: z.string({ message: "请填写驳回原因" }).trim().min(2, "请填写驳回原因（申请人可以看到）").max(300, "原因不超过300字"),
  }),
  z.object({
    decision: z.literal("needs_info"),
    version: z.coerce.number().int().min(0),
    note: z.string({ message: "请写明需要补充的内容" }).trim().min(2, "请写明需要补充的内容（申请人可以看到）").max(300, "内容不超过300字"),
  }),
]);

export const WindowSchema = z.object({
  opensAt: z.string({ message: "请填写报名开始时间" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "请填写报名开始时间"),
  closesAt: z.string({ message: "请填写报名截止时间" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "请填写报名截止时间"),
  seats: z.coerce.number({ message: "请填写名额" }).int("名额应为整数").min(1, "名额至少为1").max(2000, "名额不超过2000"),
});

export const LIST_FILTERS = ["submitted", "needs_info", "approved", "waitlisted", "rejected"] as const;
