export type OpeningPlanView = {
  perSecond: number;
  source: string;
  total: number;
  allAtOnceWaitSeconds: number;
  waves: { offsetSeconds: number; candidates: number; rooms: { id: string; name: string; candidates: number }[] }[];
};

function seconds(s: number) {
  return s < 60 ? `${s} 秒` : `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
}

/** 考场错峰开考建议: which rooms to open together, and when, from this machine's measured start rate. */
export function OpeningPlan({ plan, currentRoomId }: { plan: OpeningPlanView; currentRoomId?: string }) {
  const single = plan.waves.length <= 1;
  return (
    <section className="card" aria-labelledby="opening-plan-h">
      <h2 id="opening-plan-h" className="text-lg font-semibold">
        考场错峰开考建议
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        本机每秒可让约 {plan.perSecond} 名考生进入考试（{plan.source}）。本场共 {plan.total} 名考生
        {single
          ? "，各考场同时开考即可，考生无需排队等待。"
          : `；若所有考场同时开考，最后一名考生约需排队 ${seconds(plan.allAtOnceWaitSeconds)}（排队时间不计入考试时间）。建议按以下批次开考：`}
      </p>
      {single ? null : (
        <table className="mt-3 w-full text-sm">
          <caption className="sr-only">开考批次</caption>
          <thead>
            <tr className="border-b text-left text-slate-600">
              <th scope="col" className="py-2 pr-3">
                批次
              </th>
              <th scope="col" className="py-2 pr-3">
                开考时间
              </th>
              <th scope="col" className="py-2 pr-3">
                考场
              </th>
              <th scope="col" className="py-2">
                考生
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.waves.map((w, i) => {
              const mine = currentRoomId !== undefined && w.rooms.some((r) => r.id === currentRoomId);
              return (
                <tr key={i} className={`border-b last:border-0 ${mine ? "bg-brand-50" : ""}`}>
                  <th scope="row" className="py-2 pr-3 text-left font-medium">
                    第 {i + 1} 批{mine ? "（本考场）" : ""}
                  </th>
                  <td className="py-2 pr-3">{w.offsetSeconds === 0 ? "准点开考" : `准点后 ${seconds(w.offsetSeconds)}`}</td>
                  <td className="py-2 pr-3">{w.rooms.map((r) => r.name).join("、")}</td>
                  <td className="py-2">{w.candidates} 人</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
