type Sheet = {
  room: { name: string };
  sitting: { title: string; level: string; date: string; time: string; address: string };
};

export function RoomSheetHeader({ kind, sheet }: { kind: string; sheet: Sheet }) {
  return (
    <header className="mb-4 border-b-2 border-slate-900 pb-2 text-center">
      <h1 className="text-xl font-bold">
        {sheet.sitting.title} · {sheet.room.name} · {kind}
      </h1>
      <p className="mt-1 text-sm text-slate-700">
        {sheet.sitting.level} · 理论知识考试 · {sheet.sitting.date} {sheet.sitting.time}（北京时间）
        {sheet.sitting.address ? ` · ${sheet.sitting.address}` : ""}
      </p>
    </header>
  );
}

/** Where "back" leads: the proctor's room page for its proctors, the seating page for the center's admin. */
export function backOf(userId: string, room: { id: string; sittingId: string; proctors: { userId: string }[] }) {
  return room.proctors.some((p) => p.userId === userId)
    ? { to: `/proctor/rooms/${room.id}`, label: "返回考场" }
    : { to: `/center/sittings/${room.sittingId}/seating`, label: "返回排座" };
}
