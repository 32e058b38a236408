import { z } from "zod";
import { validateIdNumber } from "~/domain/id-number";
import { CENTER_KINDS, isPlatformRole, normalizeStaffRole, type PlatformRole } from "~/domain/roles";
import { normalizePhone, parseDate } from "~/domain/staff-import";
import { PASSWORD_MIN_LENGTH } from "~/domain/password-policy";

// Server-side form schemas. Every message is what the user reads.

export const newPasswordSchema = z.string().min(PASSWORD_MIN_LENGTH, `密码至少 ${PASSWORD_MIN_LENGTH} 位`).max(128, "密码不能超过128位");

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, "账号为3–32位字母、数字、下划线、点或短横线");

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

/** Roles from checkboxes named `roles`; unknown values are an error, not silently dropped. */
export const rolesSchema = z
  .array(z.string())
  .refine((rs) => rs.every(isPlatformRole), { message: "包含无效的角色" })
  .transform((rs) => [...new Set(rs)] as PlatformRole[]);

export const accountSchema = z.object({
  username: usernameSchema,
  password: newPasswordSchema,
});

export const centerSchema = z.object({
  name: z.string().trim().min(2, "请填写中心名称").max(60, "名称过长"),
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{2,12}$/, "中心代码为2–12位大写字母或数字"),
  kind: z.enum(Object.keys(CENTER_KINDS) as [keyof typeof CENTER_KINDS], { message: "请选择中心类型" }),
  parentId: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((v) => v || null),
});

export const departmentSchema = z.object({
  name: z.string().trim().min(2, "请填写部门名称").max(40, "部门名称过长"),
});
