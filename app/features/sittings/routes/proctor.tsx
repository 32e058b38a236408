import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/proctor";
import { requireUserWithPermission } from "~/platform/auth.server";
import { proctorRooms } from "../service.server";
import { Notice, PageHeader } from "~/platform/ui/page";

export function meta() {
  return [{ title: "监考 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:room:center");
  return { rooms: await proctorRooms(user.id, new Date()) };
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
