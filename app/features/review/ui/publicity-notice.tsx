import { Link } from "react-router";

/** On a published sitting's page: the way to its 公示, 复核 and certificates. */
export function PublicityNotice({ sittingId }: { sittingId: string }) {
  return (
    <div
      role="status"
      className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-900"
    >
      <span>成绩已发布。公示期内考生可申请复核；公示期满且复核办结后颁发证书。</span>
      <Link to={`/center/sittings/${sittingId}/publicity`} className="btn-secondary">
        公示与发证
      </Link>
    </div>
  );
}

export type ReviewLineData = {
  registrationId: string;
  publicity: { state: "open" | "ended"; lastDay: string | null };
  canRequest: boolean;
  review: {
    status: "open" | "settled";
    statusLabel: string;
    requestedAt: string;
    due: string;
    outcome: string | null;
    outcomeReason: string | null;
  } | null;
};

/** Under a published result on 我的考试: the 公示 date and the 复核 request or its state. */
export function ReviewLine({ data }: { data: ReviewLineData }) {
  return (
    <div className="mt-3 rounded border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="publicity-line">
      <p>
        {data.publicity.state === "open" ? (
          <>
            成绩公示中，公示期至 <strong>{data.publicity.lastDay}</strong>。对计分有疑问可在公示期内申请复核（每科一次）。
          </>
        ) : data.publicity.lastDay ? (
          <>公示期已于 {data.publicity.lastDay} 结束。</>
        ) : (
          <>本场成绩未设公示期。</>
        )}
      </p>
      {data.review ? (
        <p className="mt-1">
          复核申请（{data.review.requestedAt}）：<strong>{data.review.statusLabel}</strong>
          {data.review.status === "open" ? <>，办结期限 {data.review.due}</> : null}
          {data.review.outcome ? (
            <>
              {" "}
              · {data.review.outcome}：{data.review.outcomeReason}
            </>
          ) : null}{" "}
          <Link to={`/me/exams/${data.registrationId}/review`} className="link">
            查看详情
          </Link>
        </p>
      ) : data.canRequest ? (
        <p className="mt-1">
          <Link to={`/me/exams/${data.registrationId}/review`} className="btn-secondary inline-block">
            申请复核
          </Link>
        </p>
      ) : null}
    </div>
  );
}
