type Stars = {
  staffCount: number;
  count: number;
  unscored: number;
  tieNote: string | null;
  winners: { personId: string; name: string; total: number; rank: number }[];
} | null;

/** 服务明星 of the year: the top 10 % of the annual evaluation. */
export function ServiceStars({ year, stars }: { year: number; stars: Stars }) {
  return (
    <section className="card" aria-labelledby="stars-h">
      <h2 id="stars-h" className="text-lg font-medium">
        服务明星（按年度评价得分前10%）
      </h2>
      <p className="mt-1 text-sm text-slate-600">{year}年度。人数按10%向上取整，至少1人；并列者全部入选。</p>
      {stars === null ? (
        <p className="mt-3 text-sm text-slate-500">本中心尚未开展{year}年度能力评价，暂无服务明星。</p>
      ) : (
        <div className="mt-3 space-y-2 text-sm">
          <p>
            {`参评人员 ${stars.staffCount} 人，应评选 ${stars.count} 人，实际入选 ${stars.winners.length} 人。`}
            {stars.tieNote ? <strong className="ml-1 text-amber-900">{stars.tieNote}</strong> : null}
          </p>
          {stars.unscored > 0 ? <p className="text-amber-900">另有 {stars.unscored} 人尚无年度评价总分，未参与排名。</p> : null}
          {stars.winners.length > 0 ? (
            <table className="table max-w-lg" aria-label="服务明星">
              <thead>
                <tr>
                  <th scope="col">名次</th>
                  <th scope="col">姓名</th>
                  <th scope="col" className="text-right">
                    年度评价得分
                  </th>
                </tr>
              </thead>
              <tbody>
                {stars.winners.map((w) => (
                  <tr key={w.personId}>
                    <td>{w.rank}</td>
                    <td>{w.name}</td>
                    <td className="text-right tabular-nums">{Math.round(w.total * 100) / 100}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-slate-500">尚无已得出总分的人员。</p>
          )}
        </div>
      )}
    </section>
  );
}
