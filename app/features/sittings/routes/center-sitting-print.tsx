import { useLoaderData } from "react-router";
import type { Route } from "./+types/center-sitting-print";
import { requireCenterAccess, requireUserWithPermission } from "~/platform/auth.server";
import { httpError } from "~/platform/http.server";
import { paperOf } from "~/domain/paper";
import { printView } from "../service.server";
import { candidateOrder } from "~/domain/assembly";
import { LEVEL_LABELS, type Level } from "~/domain/levels";
import { formatDateTime } from "~/domain/time";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.title ?? "试卷"}（${data?.version ?? ""}卷）` }];
}

// A/B versions for paper-based sittings: A keeps the paper's order, B shuffles items within each
// area and the options of each item. Keys are not printed.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:sitting:center");
  const sitting = await printView(params.sittingId);
  await requireCenterAccess(request, context, user, "read", "sitting", sitting.centerId);
  if (!sitting.paper) httpError(409, "尚未组卷。");
  const version = new URL(request.url).searchParams.get("v") === "B" ? "B" : "A";
  const { paper, items } = paperOf(sitting.paper);
  const order =
    version === "A"
      ? paper.sections.flatMap((s) =>
          s.items.map((i) => ({ itemId: i.id, options: i.type === "判断" ? [] : Object.keys(items.get(i.id)?.options ?? {}).sort() })),
        )
      : candidateOrder(paper, items, `${sitting.paper.id}|B`);
  const byArea = paper.sections.map((s) => {
    const ids = new Set(s.items.map((i) => i.id));
    return {
      area: s.area,
      points: s.points,
      items: order
        .filter((o) => ids.has(o.itemId))
        .map((o) => {
          const it = items.get(o.itemId)!;
          return {
            id: it.id,
            type: it.type,
            points: it.points,
            stem: it.stem,
            options: o.options.map((k, idx) => ({ label: "ABCDE"[idx], text: it.options?.[k as "A"] ?? "" })),
          };
        }),
    };
  });
  return {
    title: sitting.title,
    level: LEVEL_LABELS[sitting.level as Level],
    startsAt: formatDateTime(sitting.startsAt),
    duration: sitting.durationMinutes,
    version,
    byArea,
    total: paper.totalPoints,
  };
}

export default function PrintPaper() {
  const d = useLoaderData<typeof loader>();
  let n = 0;
  return (
    <article className="mx-auto max-w-3xl bg-white p-8 print:p-0">
      <p className="no-print mb-4">
        <button type="button" className="btn-primary" onClick={() => window.print()}>
          打印
        </button>
      </p>
      <header className="mb-6 text-center">
        <h1 className="text-xl font-bold">
          行政办事员（政务服务综合窗口办事员）{d.level} 理论知识考试试卷（{d.version}卷）
        </h1>
        <p className="mt-2 text-sm">
          {d.title} · {d.startsAt} · 考试时间 {d.duration} 分钟 · 满分 {d.total} 分
        </p>
        <p className="mt-3 text-sm">姓名：＿＿＿＿＿＿　准考证号：＿＿＿＿＿＿＿＿＿＿　座号：＿＿＿</p>
      </header>
      {d.byArea.map((s) => (
        <section key={s.area} className="mb-6 break-inside-avoid-page">
          <h2 className="mb-2 font-semibold">
            {s.area}（共 {s.points} 分）
          </h2>
          <ol className="space-y-3">
            {s.items.map((it) => {
              n++;
              return (
                <li key={it.id} className="break-inside-avoid text-sm">
                  <p>
                    {n}. 【{it.type}，{it.points}分】{it.stem}
                    {it.type === "判断" ? "（　）" : ""}
                  </p>
                  {it.options.length ? (
                    <ul className="mt-1 grid gap-1 pl-5 sm:grid-cols-2">
                      {it.options.map((o) => (
                        <li key={o.label}>
                          {o.label}. {o.text}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </article>
  );
}
