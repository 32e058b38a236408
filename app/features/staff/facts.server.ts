import { z } from "zod";
import { CERTIFICATE_NUMBER } from "~/domain/certificate";
import { OCCUPATIONS, SCHOOL_TYPES, THIS_OCCUPATION } from "~/domain/eligibility";
import { LEVELS } from "~/domain/levels";
import { parseDate } from "~/domain/staff-import";
import { shanghaiDateToInstant } from "~/domain/time";
import { db } from "~/platform/db.server";

const day = (label: string) =>
  z.string().transform((v, ctx) => {
    const d = parseDate(v);
    if (!d) {
      ctx.addIssue({ code: "custom", message: `请填写有效的${label}` });
      return z.NEVER;
    }
    return d;
  });

export const EducationSchema = z.object({
  schoolType: z.enum(SCHOOL_TYPES, { message: "请选择学校类型" }),
  school: z.string().trim().max(60).optional(),
  major: z.string().trim().min(1, "请填写专业").max(40),
  graduated: z.enum(["graduated", "final-year"], { message: "请选择毕业情况" }),
});
export const WorkSchema = z
  .object({
    occupation: z.enum(OCCUPATIONS, { message: "请选择职业" }),
    employer: z.string().trim().max(60).optional(),
    start: day("开始日期"),
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
export const ExternalCertificateSchema = z.object({
  level: z.enum(LEVELS, { message: "请选择等级" }),
  number: z.string().trim().toUpperCase().regex(CERTIFICATE_NUMBER, "证书编号为1位字母加21位数字"),
  issued: day("发证日期"),
  occupation: z.enum(OCCUPATIONS, { message: "请选择职业" }),
});

export async function addEducation(personId: string, e: z.infer<typeof EducationSchema>) {
  await db.educationRecord.create({
    data: {
      personId,
      schoolType: e.schoolType,
      school: e.school || null,
      major: e.major,
      graduated: e.graduated === "graduated",
      finalYear: e.graduated === "final-year",
    },
  });
}
export async function addWork(personId: string, w: z.infer<typeof WorkSchema>) {
  await db.workRecord.create({
    data: {
      personId,
      occupation: w.occupation === THIS_OCCUPATION ? "行政办事员" : w.occupation,
      employer: w.employer || null,
      start: shanghaiDateToInstant(w.start),
      end: w.end ? shanghaiDateToInstant(w.end) : null,
    },
  });
}
export async function addExternalCertificate(personId: string, c: z.infer<typeof ExternalCertificateSchema>) {
  if (await db.certificate.findUnique({ where: { number: c.number } })) return { ok: false as const, message: "该证书编号已登记" };
  await db.certificate.create({
    data: {
      personId,
      number: c.number,
      level: c.level,
      issuedAt: shanghaiDateToInstant(c.issued),
      source: "external",
      occupation: c.occupation === THIS_OCCUPATION ? "行政办事员（政务服务综合窗口办事员）" : c.occupation,
    },
  });
  return { ok: true as const };
}
