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
