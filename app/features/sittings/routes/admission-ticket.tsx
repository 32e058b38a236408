import { useLoaderData } from "react-router";
import type { Route } from "./+types/admission-ticket";
import { requireUserWithPermission } from "~/platform/auth.server";
import { ownAdmissionTicket } from "../service/seating.server";
import { AdmissionTicketSheet, PrintBar } from "../ui/admission-ticket";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `准考证 ${data?.ticket.ticket ?? ""}` }];
}

// Outside the app layout so that only the A4 sheet prints; a candidate reaches only their own ticket.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:exam:own");
  return { ticket: await ownAdmissionTicket(user.personId, params.registrationId) };
}

export default function AdmissionTicketPrint() {
  const { ticket } = useLoaderData<typeof loader>();
  return (
    <>
      <PrintBar back={{ to: "/me/exams", label: "返回我的考试" }}>
        <p className="text-sm text-slate-600">请用 A4 纸打印，贴上近期免冠照片。</p>
      </PrintBar>
      <main>
        <AdmissionTicketSheet t={ticket} />
      </main>
    </>
  );
}
