import { hasPermission, type Permission } from "~/domain/permissions";
import type { PlatformRole } from "~/domain/roles";

/** `role`: shown only to holders of that role (personal pages make sense only for staff who are candidates). */
export type NavItem = { to: string; label: string; permission: Permission; description: string; role?: PlatformRole };
export type NavGroup = { title: string; items: NavItem[]; centerOnly?: boolean };

// One list drives the sidebar, the home page cards and the placeholder pages' permission checks.
export const NAV_GROUPS: NavGroup[] = [
  {
    title: "我的",
    items: [
      { to: "/me", label: "个人信息", permission: "read:profile:own", description: "查看本人登记信息与岗位" },
      { to: "/me/exams", label: "我的考试", permission: "read:exam:own", description: "报名的考试、准考证与成绩", role: "candidate" },
      { to: "/me/applications", label: "网上报名", permission: "apply:exam:own", description: "申请考试并查看审核结果", role: "candidate" },
      { to: "/me/training", label: "我的培训", permission: "read:training:own", description: "课程、学时与申报条件", role: "candidate" },
      {
        to: "/me/certificates",
        label: "我的证书",
        permission: "read:certificate:own",
        description: "已取得的职业技能等级证书",
        role: "candidate",
      },
      {
        to: "/me/evaluation",
        label: "能力画像",
        permission: "read:evaluation:own",
        description: "年度评价结果与五力画像",
        role: "candidate",
      },
      { to: "/evaluate", label: "评价打分", permission: "score:evaluation:own", description: "年度评价的自评、同事互评与负责人评分" },
    ],
  },
  {
    title: "考务",
    items: [
      { to: "/proctor", label: "监考", permission: "read:room:center", description: "考场开考、暂停、延时与违纪记录" },
      { to: "/examiner", label: "技能评分", permission: "read:scoring:center", description: "按评分要素为考生评分" },
      { to: "/chief", label: "评分复核", permission: "review:scoring:center", description: "考评组长复核分差过大的评分" },
      { to: "/reviews", label: "成绩复核", permission: "review:result:center", description: "考生在公示期内申请的成绩复核" },
    ],
  },
  {
    title: "培训",
    items: [{ to: "/trainer", label: "培训管理", permission: "read:training:center", description: "课程、指派、考勤与结业" }],
  },
  {
    title: "中心管理",
    centerOnly: true, // a platform admin belongs to no center and uses the platform pages
    items: [
      { to: "/center/staff", label: "人员管理", permission: "read:staff:center", description: "本中心人员、账号、角色与批量导入" },
      { to: "/center/departments", label: "部门管理", permission: "read:department:center", description: "常驻部门、证书编号与有效期设置" },
      { to: "/center/sittings", label: "考试安排", permission: "read:sitting:center", description: "考场、场次与考生报名" },
      {
        to: "/center/certificates",
        label: "证书管理",
        permission: "read:certificate:center",
        description: "查找证书，作废、补发与姓名更正",
      },
      { to: "/center/applications", label: "报名审核", permission: "read:sitting:center", description: "网上报名申请的审核与候补" },
      { to: "/center/training", label: "培训计划", permission: "read:training:center", description: "年度培训计划与人员学时" },
      { to: "/center/evaluation", label: "年度评价", permission: "read:evaluation:center", description: "年度能力评价、汇总表与五力之星" },
      { to: "/center/ratings", label: "好差评", permission: "read:evaluation:center", description: "好差评数据导入、六项比率与月度趋势" },
      {
        to: "/center/department-assessment",
        label: "部门考核",
        permission: "read:evaluation:center",
        description: "常驻部门季度考核、先进集体与服务明星",
      },
      { to: "/center/reports", label: "统计报表", permission: "read:report:center", description: "持证情况与导出" },
      { to: "/audit", label: "操作日志", permission: "read:audit:center", description: "登录、拒绝访问与数据变更记录" },
    ],
  },
  {
    title: "题库",
    items: [
      { to: "/bank", label: "题库审核", permission: "read:bank:any", description: "浏览题目，审核新题、退回与停用" },
      { to: "/bank/analysis", label: "题目分析", permission: "read:bank:any", description: "难度、区分度、干扰项与试卷信度" },
    ],
  },
  {
    title: "平台管理",
    items: [
      { to: "/admin/centers", label: "中心管理", permission: "read:center:any", description: "政务服务中心与中心管理员" },
      { to: "/audit", label: "全平台日志", permission: "read:audit:any", description: "所有中心的操作日志" },
    ],
  },
];

export function navFor(roles: readonly PlatformRole[], hasCenter: boolean): NavGroup[] {
  const seen = new Set<string>();
  return NAV_GROUPS.filter((g) => hasCenter || !g.centerOnly)
    .map((g) => ({
      title: g.title,
      items: g.items.filter((i) => {
        if (seen.has(i.to) || !hasPermission(roles, i.permission) || (i.role && !roles.includes(i.role))) return false;
        seen.add(i.to);
        return true;
      }),
    }))
    .filter((g) => g.items.length > 0);
}

export function findNavItem(path: string): NavItem | undefined {
  for (const g of NAV_GROUPS) for (const i of g.items) if (i.to === path) return i;
  return undefined;
}
