import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/skill-score-audit";
import { audit } from "~/platform/audit.server";
import { getAuth, requireUser } from "~/platform/auth.server";
import { db } from "~/platform/db.server";
import { httpError } from "~/platform/http.server";
import { canActOnCenter } from "~/domain/permissions";
import { formatDateTime } from "~/domain/time";
import { PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "评分记录 · 技能考核" }];
}

const ACTIONS: Record<string, string> = {
  draft: "录入/修改",
  submit: "提交",
  rescore: "组长退回重评",
  confirm: "组长确认",
  correct: "更正",
};

// Who may read the trail: the center's admin, and the chief examiners of this sitting.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = requireUser(request, context);
  const sitting = await db.sitting.findUnique({ where: { id: params.sittingId }, include: { groups: { include: { examiners: true } } } });
  if (!sitting) httpError(404, "未找到该场次。");
  const admin = canActOnCenter(user.roles, user.centerId, "read", "audit", sitting.centerId);
  const chief = sitting.groups.some((g) => g.examiners.some((e) => e.userId === user.id && e.isChief));
  if (!admin && !chief) {
    await audit({ action: "access.denied", actor: user, target: `score-audit:${sitting.id}`, ip: getAuth(context).clientAddress });
    httpError(403, "只有中心管理员和本场考评组长可以查看评分记录。");
  }
  const [rows, regs] = await Promise.all([
    db.scoreAudit.findMany({ where: { sittingId: sitting.id }, orderBy: { at: "desc" }, take: 1000 }),
    db.registration.findMany({ where: { sittingId: sitting.id }, select: { id: true, ticketNumber: true } }),
  ]);
  const ticket = new Map(regs.map((r) => [r.id, r.ticketNumber]));
  return {
    sitting: { id: sitting.id, title: sitting.title },
    backTo: admin ? `/center/skill-sittings/${sitting.id}` : "/chief",
    rows: rows.map((r) => ({
      id: r.id,
      at: formatDateTime(r.at),
      who: r.userName,
      action: ACTIONS[r.action] ?? r.action,
      ticket: ticket.get(r.registrationId) ?? "",
      task: r.taskId,
      criterion: r.criterion === null ? "" : `第 ${r.criterion + 1} 项`,
      old: r.oldValue ?? "",
      now: r.newValue ?? "",
      reason: r.reason ?? "",
    })),
  };
}

export default function ScoreAudit() {
  const { sitting, rows, backTo } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader
        title={`评分记录 · ${sitting.title}`}
        description="每一次评分录入、修改、提交、退回与确认：谁、何时、原值、新值、理由。"
        actions={
          <Link to={backTo} className="btn-secondary">
            返回
          </Link>
        }
      />
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">人员</th>
              <th scope="col">操作</th>
              <th scope="col">准考证号</th>
              <th scope="col">任务</th>
              <th scope="col">评分要素</th>
              <th scope="col">原值</th>
              <th scope="col">新值</th>
              <th scope="col">理由</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="whitespace-nowrap">{r.at}</td>
                <td>{r.who}</td>
                <td>{r.action}</td>
                <td className="font-mono">{r.ticket}</td>
                <td className="font-mono text-xs">{r.task}</td>
                <td>{r.criterion}</td>
                <td>{r.old}</td>
                <td>{r.now}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
