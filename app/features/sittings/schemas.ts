// Form schemas of the sittings pages (client-safe: the pages read their limits with constraintsOf).
import { z } from "zod";
import { MIN_DURATION_MINUTES } from "~/domain/exam-rules";
import { LEVELS } from "~/domain/levels";

export const SittingSchema = z.object({
  title: z.string().trim().min(2, "请填写场次名称").max(60, "名称过长"),
  level: z.enum(LEVELS, { message: "请选择等级" }),
  kind: z.enum(["theory", "skill"], { message: "请选择考核类型" }),
  startsAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "请填写开考时间"),
  durationMinutes: z.coerce
    .number({ message: "请填写时长" })
    .int("时长应为整数分钟")
    .min(MIN_DURATION_MINUTES, `考试时长不得少于 ${MIN_DURATION_MINUTES} 分钟`)
    .max(240, "考试时长不超过 240 分钟"),
  seed: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(999_999).optional()),
});

export const RoomSchema = z.object({
  name: z.string().trim().min(1, "请填写考场名称").max(30, "考场名称不超过30个字"),
  capacity: z.coerce.number({ message: "请填写容量" }).int("容量应为整数").min(1, "容量至少为1").max(200, "容量不超过200"),
});

export const AssignProctorSchema = z.object({
  roomId: z.string({ message: "请选择考场。" }).min(1, "请选择考场。").max(40),
  userId: z.string({ message: "请选择监考员。" }).min(1, "请选择监考员。").max(40),
});

export const RegisterSchema = z.object({
  personIds: z.array(z.string().max(40)).min(1, "请选择要报名的人员。").max(2000, "一次最多报名 2000 人"),
});

export const OpenRoomSchema = z.object({
  confirmLate: z.literal("on").optional(),
  lateNote: z.string().trim().max(200, "原因不超过200字").optional().default(""),
});

export const ExtraSchema = z.object({
  registrationId: z.string().min(1).max(40),
  minutes: z.coerce.number({ message: "请填写延长分钟数" }).int("请填写整数").min(1, "至少延长1分钟").max(120, "最多延长120分钟"),
  reason: z.string().trim().min(2, "请填写延时原因").max(200, "原因过长"),
});

export const IncidentSchema = z.object({
  note: z.string().trim().min(2, "请填写记录内容").max(500, "内容过长"),
  registrationId: z.string().max(40).optional(),
});

export const ROOM_INTENTS = ["open", "pause", "resume", "close", "extra", "incident"] as const;
export const SITTING_INTENTS = ["add-room", "assign-proctor", "register", "set-address", "assemble", "publish"] as const;

// ---- seating (排座) and the sitting's address ----

export const AddressSchema = z.object({
  address: z.string({ message: "请填写考试地点。" }).trim().min(4, "请填写考试地点（至少4个字）").max(120, "地址不超过120字"),
});

const registrationId = (message: string) => z.string({ message }).trim().min(1, message).max(40);

export const MoveSeatSchema = z.object({
  registrationId: registrationId("请选择要调整的考生。"),
  roomId: z.string({ message: "请选择考场。" }).trim().min(1, "请选择考场。").max(40),
  seat: z.coerce.number({ message: "请填写座位号。" }).int("座位号应为整数").min(1, "座位号至少为1").max(200, "座位号不超过200"),
});

export const SwapSeatsSchema = z.object({
  registrationId: registrationId("请选择第一名考生。"),
  otherRegistrationId: registrationId("请选择第二名考生。"),
});

export const SEATING_INTENTS = ["assign-seats", "move-seat", "swap-seats"] as const;
