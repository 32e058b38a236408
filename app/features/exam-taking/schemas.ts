import { z } from "zod";

/** The exam sign-in: the form on /exam and its JSON twin POST /exam/api/sign-in. */
export const ExamSignIn = z.object({
  ticket: z
    .string({ message: "请输入准考证号" })
    .trim()
    .regex(/^[A-Z0-9]{6,24}$/i, "请输入准考证号")
    .transform((t) => t.toUpperCase()),
  idNumber: z.string({ message: "请输入身份证号" }).trim().min(15, "请输入身份证号").max(18, "身份证号应为18位"),
  startCode: z
    .string({ message: "开考码为6位数字" })
    .trim()
    .regex(/^\d{6}$/, "开考码为6位数字"),
});

const windowId = z.string().regex(/^[a-z0-9-]{8,64}$/);

/** The exam page's calls on POST /exam/api. */
export const ExamCall = z.discriminatedUnion("op", [
  z.object({ op: z.literal("claim"), windowId }),
  z.object({
    op: z.literal("save"),
    windowId,
    itemId: z.string().max(40),
    value: z.union([z.string().max(4), z.array(z.string().max(1)).max(5), z.null()]),
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  }),
  z.object({ op: z.literal("submit"), windowId }),
]);
