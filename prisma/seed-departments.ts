// Demo quarterly department assessments (seed 003; REFERENCE §5): the demo center's departments
// for the last four complete quarters before `now` (Asia/Shanghai). Deterministic: the same
// points and notes for the same quarter position, and a tie for 3rd place in the second quarter
// so that the 先进集体 tie note shows.
import type { PrismaClient } from "../app/generated/prisma/client";
import { departmentTotal } from "../app/domain/department";
import { ASSESSMENT_LINES, lastCompleteQuarters, pointsOf, type AssessmentItems } from "../app/domain/department-form";

type Entry = [key: string, points: number, note: string];
/** Per department: deductions ([key, points lost, note]) and bonuses ([key, points, note]). */
type Sheet = { minus: Entry[]; plus: Entry[] };

// The four quarters, oldest first; departments by name. Totals are in the comments.
const SHEETS: Record<string, Sheet>[] = [
  {
    区市场监督管理局: {
      minus: [
        ["onlineHelp", 1, "线上帮办一分钟响应率92%，低于95%的要求"],
        ["consulting", 1, "“小宝”咨询回复超时2次"],
      ],
      plus: [
        ["innovation", 3, "推出企业开办“AI+审批”智能预审"],
        ["publicity", 1, "信息被中心录用1篇"],
      ],
    }, // 102
    区人力资源和社会保障局: {
      minus: [
        ["serviceRating", 2, "收到有效差评1件，已整改"],
        ["windowNorms", 1, "发现1次退件未经综合窗口登记"],
      ],
      plus: [["outstanding", 2, "社保卡帮办服务获群众书面表扬"]],
    }, // 99
    区规划和自然资源局: {
      minus: [
        ["onlineMaturity", 2, "全程网办占比低于全区平均水平"],
        ["twoCentralizations", 1, "1项应进事项尚未在中心直接办结"],
        ["discipline", 0.5, "1人次迟到"],
      ],
      plus: [],
    }, // 96.5
    区税务局: {
      minus: [["coordination", 1, "跨部门协同件流转超时1件"]],
      plus: [
        ["innovation", 2, "“远程云导办”覆盖全部税务事项"],
        ["publicity", 2, "办税经验被区融媒体报道"],
      ],
    }, // 103
    区住房保障和房屋管理局: {
      minus: [
        ["serviceRating", 3, "有效投诉2件，其中1件整改不到位"],
        ["windowSupport", 2, "本季度未组织窗口业务培训"],
        ["discipline", 1, "例会缺席1次"],
      ],
      plus: [],
    }, // 94
    区公安分局: {
      minus: [
        ["onlineMaturity", 1, "电子证照归集不完整"],
        ["offlineHelp", 0.5, "上报帮办案例数偏少"],
      ],
      plus: [],
    }, // 98.5
  },
  {
    区市场监督管理局: { minus: [["onlineHelp", 2, "线上帮办解决率偏低，有2件诉求未闭环"]], plus: [["publicity", 1, "信息被中心录用1篇"]] }, // 99
    区人力资源和社会保障局: {
      minus: [["serviceRating", 1, "12345工单办理超时1件"]],
      plus: [["innovation", 2, "“退休一件事”集成服务上线"]],
    }, // 101
    区规划和自然资源局: {
      minus: [
        ["onlineMaturity", 2, "“两个免于提交”落实不到位"],
        ["coordination", 1, "“啄木鸟”平台问题反馈回复不及时"],
      ],
      plus: [],
    }, // 97
    区税务局: {
      minus: [["windowSupport", 1, "审核要点更新未及时同步至综合窗口"]],
      plus: [
        ["outstanding", 3, "审批流程优化，承诺时限压缩一半"],
        ["publicity", 2, "工作经验被市级媒体报道"],
      ],
    }, // 104
    区住房保障和房屋管理局: {
      minus: [
        ["serviceRating", 2, "收到有效差评1件，已整改"],
        ["windowNorms", 1, "发现1起超时受理"],
        ["twoCentralizations", 1, "进驻人员调动未按要求报备"],
        ["discipline", 0.5, "1人次未按规定请假"],
      ],
      plus: [],
    }, // 95.5
    区公安分局: {
      minus: [
        ["consulting", 1, "电话咨询有2次未接通"],
        ["discipline", 1, "例会缺席1次"],
      ],
      plus: [["other", 1, "协助中心完成节假日保障"]],
    }, // 99 — tied 3rd with 市场监管
  },
  {
    区市场监督管理局: {
      minus: [["discipline", 0.5, "1人次迟到"]],
      plus: [
        ["innovation", 3, "经营主体登记“智能办”上线"],
        ["publicity", 2, "信息被中心录用3篇"],
      ],
    }, // 104.5
    区人力资源和社会保障局: {
      minus: [
        ["onlineHelp", 1, "个别时段线上帮办未及时签到"],
        ["windowSupport", 1, "政策调整未及时告知综合窗口"],
      ],
      plus: [["outstanding", 2, "帮办服务获区级表扬"]],
    }, // 100
    区规划和自然资源局: {
      minus: [
        ["onlineMaturity", 1, "网办深度不足，部分事项仍需到现场"],
        ["offlineHelp", 0.5, "“办不成事”反映窗口配合不够及时"],
      ],
      plus: [["publicity", 1, "信息被中心录用1篇"]],
    }, // 99.5
    区税务局: { minus: [["serviceRating", 2, "收到有效差评1件，已整改"]], plus: [["innovation", 2, "自助办税终端进驻中心"]] }, // 100
    区住房保障和房屋管理局: {
      minus: [
        ["coordination", 1, "跨部门协同件流转超时1件"],
        ["windowNorms", 1, "存在纸质材料未经综合窗口流转的情况"],
      ],
      plus: [],
    }, // 98
    区公安分局: {
      minus: [
        ["onlineMaturity", 2, "全程网办占比偏低"],
        ["serviceRating", 1, "12345工单办理超时1件"],
      ],
      plus: [["other", 1, "协助中心完成专项检查"]],
    }, // 98
  },
  {
    区市场监督管理局: { minus: [["consulting", 1, "网上留言咨询回复超时1次"]], plus: [["outstanding", 2, "帮办服务获群众锦旗"]] }, // 101
    区人力资源和社会保障局: {
      minus: [
        ["consulting", 0.5, "“小宝”咨询回复内容不完整1次"],
        ["discipline", 1, "1人次未按规定请假"],
      ],
      plus: [
        ["innovation", 3, "“就业一件事”跨省通办"],
        ["publicity", 1, "信息被中心录用1篇"],
      ],
    }, // 102.5
    区规划和自然资源局: {
      minus: [["twoCentralizations", 2, "审批授权不到位，1项事项需回部门审批"]],
      plus: [["innovation", 2, "区块链电子材料库应用"]],
    }, // 100
    区税务局: { minus: [["onlineMaturity", 3, "全程网办量下降，电子证照归集不完整"]], plus: [["publicity", 2, "办税经验被区融媒体报道"]] }, // 99
    区住房保障和房屋管理局: {
      minus: [
        ["serviceRating", 1, "办件满意度回访率偏低"],
        ["offlineHelp", 0.5, "上报帮办案例数偏少"],
      ],
      plus: [["other", 1, "协助中心完成专项检查"]],
    }, // 99.5
    区公安分局: {
      minus: [
        ["windowSupport", 2, "本季度未组织窗口业务培训"],
        ["coordination", 1, "跨部门协同件流转超时1件"],
      ],
      plus: [],
    }, // 97
  },
];

function itemsOf(sheet: Sheet): AssessmentItems {
  const items: AssessmentItems = {};
  for (const line of ASSESSMENT_LINES) items[line.key] = { points: line.kind === "base" ? line.max : 0, note: "" };
  for (const [key, lost, note] of sheet.minus) items[key] = { points: items[key].points - lost, note };
  for (const [key, points, note] of sheet.plus) items[key] = { points, note };
  return items;
}

export async function seedDepartmentAssessments(db: PrismaClient, centerId: string, now: Date) {
  const departments = await db.department.findMany({ where: { centerId }, select: { id: true, name: true } });
  const quarters = lastCompleteQuarters(now, SHEETS.length);
  const rows = [];
  for (const [i, q] of quarters.entries()) {
    for (const d of departments) {
      const sheet = SHEETS[i][d.name];
      if (!sheet) continue;
      const items = itemsOf(sheet);
      const t = departmentTotal(pointsOf(items, "base"), pointsOf(items, "bonus"));
      if (t.error) throw new Error(`部门考核演示数据有误：${d.name} ${t.error}`);
      rows.push({
        centerId,
        departmentId: d.id,
        year: q.year,
        quarter: q.quarter,
        items: JSON.stringify(items),
        base: t.base,
        bonus: t.bonus,
        total: t.total,
        updatedBy: "吴强",
      });
    }
  }
  await db.departmentAssessment.createMany({ data: rows });
  return rows.length;
}
