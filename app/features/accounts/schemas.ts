// Account form schemas, shared by the server's parse and the inputs' browser hints (no server imports).
import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/domain/password-policy";
import { isPlatformRole, type PlatformRole } from "~/domain/roles";

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `密码至少 ${PASSWORD_MIN_LENGTH} 位`)
  .max(PASSWORD_MAX_LENGTH, `密码不能超过${PASSWORD_MAX_LENGTH}位`);

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, "账号为3–32位字母、数字、下划线、点或短横线");

/** Roles from checkboxes named `roles`; unknown values are an error, not silently dropped. */
export const rolesSchema = z
  .array(z.string())
  .refine((rs) => rs.every(isPlatformRole), { message: "包含无效的角色" })
  .transform((rs) => [...new Set(rs)] as PlatformRole[]);

export const accountSchema = z.object({
  username: usernameSchema,
  password: newPasswordSchema,
});

/** A center's first admin account, opened by a platform admin. */
export const centerAdminSchema = accountSchema.extend({
  centerId: z.string().min(1, "请选择中心").max(40),
  displayName: z.string().trim().min(1, "请填写姓名").max(30, "姓名过长"),
});

export const loginSchema = z.object({
  username: z.string().trim().min(1, "请输入账号").max(64, "账号过长"),
  password: z.string().min(1, "请输入密码").max(PASSWORD_MAX_LENGTH, "密码过长"),
  redirectTo: z.string().optional(),
});

export const changePasswordSchema = z
  .object({
    current: z.string().min(1, "请输入当前密码"),
    next: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.next === v.confirm, { message: "两次输入的新密码不一致", path: ["confirm"] })
  .refine((v) => v.next !== v.current, { message: "新密码不能与当前密码相同", path: ["next"] });
