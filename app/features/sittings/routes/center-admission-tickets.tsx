import { useLoaderData } from "react-router";
import type { Route } from "./+types/center-admission-tickets";
import { Notice } from "~/platform/ui/page";
import { requireSitting } from "../access.server";
import { sittingAdmissionTickets } from "../service/seating.server";
import { AdmissionTicketSheet, PrintBar } from "../ui/admission-ticket";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.title ?? "考试场次"} · 全部准考证` }];
}

// Every ticket of the sitting, one A4 page each, in room and seat order; the center's admins only.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { sitting } = await requireSitting(request, context, params.sittingId, "read");
  return {
    title: sitting.title,
    back: sitting.kind === "skill" ? `/center/skill-sittings/${sitting.id}` : `/center/sittings/${sitting.id}`,
    tickets: await sittingAdmissionTickets(sitting.id),
  };
}

export default function SittingAdmissionTickets() {
  const { title, back, tickets } = useLoaderData<typeof loader>();
  return (
    <>
      <PrintBar back={{ to: back, label: "返回场次" }}>
        <p className="text-sm text-slate-600">
          {title}：共 {tickets.length} 张准考证，每张一页 A4。
        </p>
      </PrintBar>
      <main>
        {tickets.length === 0 ? (
          <div className="no-print mx-auto max-w-[210mm] px-4">
            <Notice>本场考试还没有报名的考生。</Notice>
          </div>
        ) : null}
        {tickets.map((t) => (
          <AdmissionTicketSheet key={t.id} t={t} />
        ))}
      </main>
    </>
  );
}
