import { useLoaderData } from "react-router";
import type { Route } from "./+types/room-sign-in-sheet";
import { requireRoomSheet } from "../access.server";
import { roomSheet } from "../service/seating.server";
import { PrintBar } from "../ui/admission-ticket";
import { RoomSheetHeader, backOf } from "../ui/room-sheets";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.sheet.room.name ?? "考场"} · 签到表` }];
}

// Candidates sign on paper when they enter; the proctor checks the face against the ID card.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { user, room } = await requireRoomSheet(request, context, params.roomId);
  return { sheet: await roomSheet(room.id), back: backOf(user.id, room) };
}

export default function RoomSignInSheet() {
  const { sheet, back } = useLoaderData<typeof loader>();
  return (
    <>
      <PrintBar back={back} />
      <main className="a4-sheet" data-testid="sign-in-sheet">
        <RoomSheetHeader kind="考生签到表" sheet={sheet} />
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" aria-label="签到表">
            <thead>
              <tr>
                {["座位号", "准考证号", "姓名", "身份证号", "考生签名", "备注"].map((h) => (
                  <th key={h} scope="col" className="border border-slate-700 px-2 py-1.5 text-center font-semibold whitespace-nowrap">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sheet.candidates.map((c) => (
                <tr key={c.seat}>
                  <td className="border border-slate-700 px-2 py-3 text-center whitespace-nowrap">{c.seat}</td>
                  <td className="border border-slate-700 px-2 py-3 font-mono">{c.ticket}</td>
                  <td className="border border-slate-700 px-2 py-3 whitespace-nowrap">{c.name}</td>
                  <td className="border border-slate-700 px-2 py-3 font-mono">{c.idNumber}</td>
                  <td className="w-[24%] border border-slate-700 px-2 py-3" aria-label={`${c.name}签名`} />
                  <td className="w-[10%] border border-slate-700 px-2 py-3" />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-6 flex justify-between text-sm">
          <span>应到 {sheet.candidates.length} 人　实到＿＿人　缺考＿＿人</span>
          <span>监考员签名：＿＿＿＿＿＿＿＿＿＿</span>
        </p>
      </main>
    </>
  );
}
