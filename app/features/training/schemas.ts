// The training forms' schemas (no server imports): a new course, and the roster's three intents.
import { z } from "zod";
import { LEVELS } from "~/domain/levels";
import { STAFF_ROLES } from "~/domain/roles";
import { shanghaiDateToInstant } from "~/domain/time";
import { COURSE_MODES, COURSE_TOPICS } from "~/domain/training";
import { parseCovers } from "~/domain/weak-areas";

/** The requirement codes a course teaches, as typed ("L4/2.2, basic/2.2.6"); checked against the standard. */
const coversField = z
  .string()
  .max(400, "覆盖的技能要求过长")
  .optional()
  .transform((v, ctx) => {
    const r = parseCovers(v ?? "");
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.covers;
  });

export const CourseSchema = z.object({
  title: z.string().trim().min(2, "请填写课程名称").max(60, "名称过长"),
  level: z.enum(LEVELS, { message: "请选择计入的等级" }),
  hours: z.coerce.number({ message: "请填写学时" }).int("学时应为整数").min(1, "学时至少为1").max(160, "单门课程不超过160学时"),
  topic: z.enum(COURSE_TOPICS, { message: "请选择培训内容" }),
  mode: z.enum(COURSE_MODES, { message: "请选择培训方式" }),
  plannedFor: z.union([z.enum(STAFF_ROLES), z.literal("")]).transform((v) => v || null),
  hasAssessment: z
    .string()
    .optional()
    .transform((v) => v === "1"),
  covers: coversField,
  startsOn: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) {
        ctx.addIssue({ code: "custom", message: "请填写有效的计划日期" });
        return z.NEVER;
      }
      return shanghaiDateToInstant(v);
    }),
});

export type NewCourse = z.output<typeof CourseSchema>;

export const RosterIntentSchema = z.object({
  intent: z.enum(["assign", "attend", "complete", "assign-weak", "covers"], { message: "未知的操作。" }),
});

/** 保存覆盖范围 on the course page. */
export const CoversSchema = z.object({ covers: coversField });

const personIds = z.array(z.string().max(40)).max(2000);

/** 指派: chosen people and/or every active person of a post. */
export const AssignSchema = z.object({
  personId: personIds,
  staffRole: z.union([z.enum(STAFF_ROLES), z.literal("")], { message: "岗位选项有误。" }),
});

/** 记录出勤 / 保存结业: the ticked learners. */
export const DoneSchema = z.object({ done: personIds });
