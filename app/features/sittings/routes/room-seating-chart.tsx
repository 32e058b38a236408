import { useLoaderData } from "react-router";
import type { Route } from "./+types/room-seating-chart";
import { requireRoomSheet } from "../access.server";
import { roomSheet } from "../service/seating.server";
import { PrintBar } from "../ui/admission-ticket";
import { RoomSheetHeader, backOf } from "../ui/room-sheets";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.sheet.room.name ?? "考场"} · 座位表` }];
}

/** Seats per row of the chart: five desks a row fit an A4 page with name and ticket legible. */
const PER_ROW = 5;

// The room's proctors and the center's admins; posted at the door and on the proctor's desk.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { user, room } = await requireRoomSheet(request, context, params.roomId);
  return { sheet: await roomSheet(room.id), back: backOf(user.id, room) };
}

export default function RoomSeatingChart() {
  const { sheet, back } = useLoaderData<typeof loader>();
  const bySeat = new Map(sheet.candidates.map((c) => [c.seat, c]));
  const seats = Math.max(sheet.room.capacity, ...sheet.candidates.map((c) => c.seat));
  return (
    <>
      <PrintBar back={back} />
      <main className="a4-sheet" data-testid="seating-chart">
        <RoomSheetHeader kind="座位表" sheet={sheet} />
        <p className="mb-3 text-center text-sm text-slate-600">讲台（监考席）</p>
        <ol className="grid gap-2" style={{ gridTemplateColumns: `repeat(${PER_ROW}, minmax(0, 1fr))` }} aria-label="座位">
          {Array.from({ length: seats }, (_, i) => i + 1).map((seat) => {
            const c = bySeat.get(seat);
            return (
              <li
                key={seat}
                className={`rounded border p-2 text-center ${c ? "border-slate-700" : "border-dashed border-slate-400 text-slate-500"}`}
              >
                <p className="text-xs font-semibold">第 {seat} 座</p>
                <p className="mt-1 text-sm font-medium">{c ? c.name : "空"}</p>
                {c ? <p className="font-mono text-[10px] break-all">{c.ticket}</p> : null}
              </li>
            );
          })}
        </ol>
        <p className="mt-4 text-xs text-slate-600">
          共 {sheet.candidates.length} 名考生、{sheet.room.capacity} 个座位；座位号从讲台左前方起按行编排。
        </p>
      </main>
    </>
  );
}
