type ForceStar = { force: string; title: string; winners: { name: string; score: string }[]; tied: boolean };
type ServiceStars = {
  staffCount: number;
  count: number;
  unscored: number;
  tiedAtBoundary: boolean;
  winners: { personId: string; name: string; rank: number; total: string }[];
} | null;

/** 五力之星 (the best of each force) and 服务明星 (the top 10 % by total) of a cycle. */
export function CycleStars({ stars, service }: { stars: ForceStar[]; service: ServiceStars }) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section className="card" aria-labelledby="stars-h">
        <h2 id="stars-h" className="text-lg font-medium">
          五力之星
        </h2>
        <p className="text-xs text-slate-500">各维度得分最高者（并列者均入选）。</p>
        <ul className="mt-3 space-y-1 text-sm">
          {stars.map((s) => (
            <li key={s.force}>
              <span className="font-medium">{s.title}</span>（{s.force}）：
              {s.winners.length ? s.winners.map((w) => `${w.name} ${w.score}`).join("、") : "暂无数据"}
              {s.tied ? "（并列）" : ""}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="service-h">
        <h2 id="service-h" className="text-lg font-medium">
          服务明星
        </h2>
        {service ? (
          <>
            <p className="text-xs text-slate-500">
              年度评价总分前 10%：{service.staffCount} 人参评，名额 {service.count} 人（按 10% 向上取整，至少 1 人；并列者全部入选）。
              {service.unscored ? `${service.unscored} 人尚有缺评项，未参与排名。` : ""}
            </p>
            <ul className="mt-3 space-y-1 text-sm">
              {service.winners.map((w) => (
                <li key={w.personId}>
                  第 {w.rank} 名 {w.name}（{w.total} 分）
                </li>
              ))}
              {service.winners.length === 0 ? <li className="text-slate-500">暂无完整得分的人员</li> : null}
            </ul>
            {service.tiedAtBoundary ? (
              <p className="mt-2 text-sm text-amber-800">末位并列，实际入选 {service.winners.length} 人。</p>
            ) : null}
          </>
        ) : null}
      </section>
    </div>
  );
}
