// Staff form schemas, shared by the server's parse and the inputs' browser hints (no server
// imports). Every message is what the user reads.
import { z } from "zod";
import { CERTIFICATE_NUMBER } from "~/domain/certificate";
import { OCCUPATIONS, SCHOOL_TYPES } from "~/domain/eligibility";
import { validateIdNumber } from "~/domain/id-number";
import { LEVELS } from "~/domain/levels";
import { normalizeStaffRole } from "~/domain/roles";
import { normalizePhone, parseDate } from "~/domain/person-fields";
import { accountSchema, newPasswordSchema, rolesSchema } from "~/features/accounts";

/** A calendar day typed as 2021-03-01 or 2021/3/1, as YYYY-MM-DD. */
const daySchema = (label: string) =>
  z.string().transform((v, ctx) => {
    const d = parseDate(v);
    if (!d) {
      ctx.addIssue({ code: "custom", message: `请填写有效的${label}` });
      return z.NEVER;
    }
    return d;
  });

export function personSchema(today: string) {
  return z.object({
    name: z.string().trim().min(1, "请填写姓名").max(30, "姓名不能超过30个字"),
    idNumber: z.string().transform((v, ctx) => {
      const r = validateIdNumber(v, today);
      if (!r.ok) {
        ctx.addIssue({ code: "custom", message: r.error });
        return z.NEVER;
      }
      return r.value;
    }),
    phone: z.string().transform((v, ctx) => {
      const p = normalizePhone(v);
      if (!p) {
        ctx.addIssue({ code: "custom", message: "手机号格式不正确（应为11位手机号或带区号的固定电话）" });
        return z.NEVER;
      }
      return p;
    }),
    staffRole: z.string().transform((v, ctx) => {
      const r = normalizeStaffRole(v);
      if (!r) {
        ctx.addIssue({ code: "custom", message: "请选择岗位" });
        return z.NEVER;
      }
      return r;
    }),
    departmentId: z
      .string()
      .trim()
      .max(40)
      .optional()
      .transform((v) => v || null),
    hireDate: z.string().transform((v, ctx) => {
      const d = parseDate(v);
      if (!d) {
        ctx.addIssue({ code: "custom", message: "请填写有效的入职日期" });
        return z.NEVER;
      }
      if (d > today) {
        ctx.addIssue({ code: "custom", message: "入职日期不能晚于今天" });
        return z.NEVER;
      }
      return d;
    }),
  });
}
export type PersonInput = z.output<ReturnType<typeof personSchema>>;

// ---- the facts behind the declaration conditions (申报条件) ----

export const educationSchema = z.object({
  schoolType: z.enum(SCHOOL_TYPES, { message: "请选择学校类型" }),
  school: z.string().trim().max(60, "学校名称过长").optional(),
  major: z.string().trim().min(1, "请填写专业").max(40, "专业名称过长"),
  graduated: z.enum(["graduated", "final-year"], { message: "请选择毕业情况" }),
});
export type EducationInput = z.output<typeof educationSchema>;

export const workSchema = z
  .object({
    occupation: z.enum(OCCUPATIONS, { message: "请选择职业" }),
    employer: z.string().trim().max(60, "单位名称过长").optional(),
    start: daySchema("开始日期"),
    end: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const d = parseDate(v);
        if (!d) {
          ctx.addIssue({ code: "custom", message: "请填写有效的结束日期" });
          return z.NEVER;
        }
        return d;
      }),
  })
  .refine((w) => !w.end || w.end >= w.start, { message: "结束日期不能早于开始日期", path: ["end"] });
export type WorkInput = z.output<typeof workSchema>;

/** A certificate obtained elsewhere, recorded as a fact (the certificates feature writes it). */
export const externalCertificateSchema = z.object({
  level: z.enum(LEVELS, { message: "请选择等级" }),
  number: z.string().trim().toUpperCase().regex(CERTIFICATE_NUMBER, "证书编号为1位字母加21位数字"),
  issued: daySchema("发证日期"),
  occupation: z.enum(OCCUPATIONS, { message: "请选择职业" }),
});
export type ExternalCertificateInput = z.output<typeof externalCertificateSchema>;

export const apprenticeshipSchema = z.object({ value: z.enum(["true", "false"], { message: "参数有误" }) });
export const recordIdSchema = z.object({ recordId: z.string().min(1, "参数有误").max(40, "参数有误") });

// ---- the forms of a person's page (one action, told apart by `intent`) ----

export const personPageIntentSchema = z.object({
  intent: z.enum(
    [
      "update",
      "create-account",
      "set-roles",
      "reset-password",
      "set-active",
      "add-education",
      "add-work",
      "add-certificate",
      "set-apprenticeship",
      "remove-education",
      "remove-work",
    ],
    { message: "未知的操作" },
  ),
});
/** Opening the person's account: username, initial password and roles (checkboxes `roles`). */
export const newAccountSchema = accountSchema.extend({ roles: rolesSchema });
export const roleChoiceSchema = z.object({ roles: rolesSchema });
export const passwordResetSchema = z.object({ password: newPasswordSchema });
export const accountActiveSchema = z.object({ active: z.enum(["true", "false"], { message: "参数有误" }) });
