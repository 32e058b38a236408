// Certificate form schemas, shared by the server's parse and the inputs' hints (no server imports).
import { z } from "zod";

/** The public lookup: certificate number and holder's name. */
export const verifyQuerySchema = z.object({
  n: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[YS]\d{21}$/, "证书编号为1位字母加21位数字"),
  name: z.string().trim().min(1, "请输入持证人姓名").max(30),
});

const reason = z.string().trim().min(1, "请填写原因").max(200, "原因不超过200字");

/** The center's certificate search: part of a number, or a name. */
export const certificateSearchSchema = z.object({ q: z.string().trim().max(40, "查询内容过长").default("") });

export const CERTIFICATE_INTENTS = ["void", "reissue", "correct-name"] as const;
export const certificateIntentSchema = z.object({ intent: z.enum(CERTIFICATE_INTENTS, { message: "未知的操作。" }) });

export const voidSchema = z.object({ reason: reason.describe("作废原因") });

/** 补发: what happened to the old paper (optional: "遗失", "损毁"…). */
export const reissueSchema = z.object({ note: z.string().trim().max(100, "说明不超过100字").default("") });

export const correctNameSchema = z.object({
  name: z.string().trim().min(1, "请填写更正后的姓名").max(30, "姓名不超过30字"),
  reason,
});

export const REGISTRY_FORMATS = ["xlsx", "csv-utf8", "csv-gbk"] as const;
export const registryFormatSchema = z.object({ format: z.enum(REGISTRY_FORMATS, { message: "未知的导出格式。" }) });
