import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/proctor";
import { requireUserWithPermission } from "~/platform/auth.server";
import { db } from "~/platform/db.server";
import { LEVEL_LABELS, type Level } from "~/domain/levels";
import { formatDateTime } from "~/domain/time";
import { Notice, PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "监考 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:room:center");
  const rooms = await db.room.findMany({
    where: { proctors: { some: { userId: user.id } } },
    include: { sitting: true, _count: { select: { registrations: true } } },
    orderBy: { sitting: { startsAt: "desc" } },
  });
  return {
    rooms: rooms.map((r) => ({
      id: r.id,
      name: r.name,
      sitting: r.sitting.title,
      level: LEVEL_LABELS[r.sitting.level as Level],
      startsAt: formatDateTime(r.sitting.startsAt),
      candidates: r._count.registrations,
      status: r.status === "open" ? (r.pausedAt ? "已暂停" : "考试中") : r.status === "closed" ? "已结束" : "未开考",
    })),
  };
}

export default function Proctor() {
  const { rooms } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title="监考" description="您被指派监考的考场。" />
      {rooms.length === 0 ? <Notice>暂无指派给您的考场。</Notice> : null}
      <ul className="grid gap-4 md:grid-cols-2">
        {rooms.map((r) => (
          <li key={r.id}>
            <Link to={`/proctor/rooms/${r.id}`} className="card block hover:border-brand-600">
              <p className="font-medium text-brand-800">
                {r.sitting} · {r.name}
              </p>
              <p className="mt-1 text-sm text-slate-600">
                {r.level} · {r.startsAt} · 考生 {r.candidates} 人 · <span className="badge">{r.status}</span>
              </p>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
