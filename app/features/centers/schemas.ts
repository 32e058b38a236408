// Center and department form schemas, shared by the server's parse and the inputs' hints (no server imports).
import { z } from "zod";
import { CENTER_KINDS } from "~/domain/roles";

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

/** The fixed parts of the center's certificate numbers, and how long a passed part stays valid. */
export const centerSettingsSchema = z.object({
  certKind: z.enum(["Y", "S"], { message: "评价机构类型应为 Y 或 S" }),
  certBodyCode: z.string().regex(/^\d{4}$/, "评价机构代码应为4位数字"),
  certProvince: z.string().regex(/^\d{2}$/, "省份代码应为2位数字"),
  certSite: z.string().regex(/^\d{6}$/, "站点代码应为6位数字"),
  partValidityMonths: z.coerce.number().int().min(1, "有效期至少1个月").max(36, "有效期不超过36个月"),
});

export type CenterInput = z.output<typeof centerSchema>;
export type CenterSettings = z.output<typeof centerSettingsSchema>;

/** 公示 and 复核 periods in working days (0 公示 days: results are final at publication). */
export const publicitySettingsSchema = z.object({
  publicityDays: z.coerce
    .number({ message: "请填写公示期" })
    .int("公示期应为整数个工作日")
    .min(0, "公示期不能为负数")
    .max(30, "公示期不超过30个工作日"),
  reviewDays: z.coerce
    .number({ message: "请填写复核期限" })
    .int("复核期限应为整数个工作日")
    .min(1, "复核期限至少1个工作日")
    .max(60, "复核期限不超过60个工作日"),
});

export type PublicitySettings = z.output<typeof publicitySettingsSchema>;
