// Form schemas of 复核 (client-safe: the inputs read their limits from here).
import { z } from "zod";

export const reviewRequestSchema = z.object({
  reason: z.string().trim().min(5, "请写明申请复核的理由（至少5个字）").max(500, "理由不超过500字"),
});

export const reviewDecisionSchema = z.object({
  outcome: z.enum(["upheld", "corrected"], { message: "请选择复核结论" }),
  reason: z.string().trim().min(5, "请写明复核结论的理由（至少5个字），考生可以看到").max(500, "理由不超过500字"),
});

export const publicityIntentSchema = z.object({ intent: z.enum(["issue"], { message: "未知的操作。" }) });
