import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/skill-score-audit";
import { requireScoreAuditReader } from "~/features/skill-scoring/access.server";
import { scoreAuditTrail } from "~/features/skill-scoring/service.server";
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
  review_correct: "复核更正",
};

// Who may read the trail: the center's admin, and the chief examiners of this sitting.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { sitting, admin } = await requireScoreAuditReader(request, context, params.sittingId);
  const rows = await scoreAuditTrail(sitting.id);
  return {
    sitting: { id: sitting.id, title: sitting.title },
    backTo: admin ? `/center/skill-sittings/${sitting.id}` : "/chief",
    rows: rows.map((r) => ({
      id: r.id,
      at: formatDateTime(r.at),
      who: r.userName,
      action: ACTIONS[r.action] ?? r.action,
      ticket: r.ticket,
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
