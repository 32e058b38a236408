import { formatPoints, quarterLabel, type HistoryCell, type YearQuarter } from "~/domain/department-form";
import { QUARTER_NAMES } from "../links";

/** Every department's total and rank in the eight quarters of this year and the year before. */
export function History({
  quarter,
  history,
}: {
  quarter: YearQuarter;
  history: {
    quarters: (YearQuarter & { future: boolean })[];
    rows: { departmentId: string; name: string; cells: HistoryCell[] }[];
  };
}) {
  return (
    <section className="card p-0" aria-labelledby="history-h">
      <div className="px-5 pt-5 pb-3">
        <h2 id="history-h" className="text-lg font-medium">
          历史得分与名次（{quarter.year - 1}—{quarter.year}年）
        </h2>
        <p className="mt-1 text-sm text-slate-600">每格为该季度总分与名次；★ 为先进集体，— 为未评。</p>
      </div>
      <div className="overflow-x-auto">
        <table className="table" aria-label="历史得分与名次">
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                部门
              </th>
              {[quarter.year - 1, quarter.year].map((y) => (
                <th key={y} scope="colgroup" colSpan={4} className="text-center">
                  {y}年
                </th>
              ))}
            </tr>
            <tr>
              {history.quarters.map((h) => (
                <th key={`${h.year}-${h.quarter}`} scope="col" className="text-center" aria-label={quarterLabel(h)}>
                  {QUARTER_NAMES[h.quarter - 1]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {history.rows.map((r) => (
              <tr key={r.departmentId}>
                <th scope="row" className="whitespace-nowrap text-left font-normal text-slate-900">
                  {r.name}
                </th>
                {r.cells.map((c, i) => {
                  const h = history.quarters[i];
                  const current = h.year === quarter.year && h.quarter === quarter.quarter;
                  return (
                    <td
                      key={i}
                      className={`text-center tabular-nums ${current ? "bg-brand-50" : ""}`}
                      data-testid={`history-${r.departmentId}-${h.year}-${h.quarter}`}
                    >
                      {c ? (
                        <>
                          <span className="font-medium">{formatPoints(c.total)}</span>
                          <span className="block text-xs text-slate-500">
                            第{c.rank}名{c.advanced ? " ★" : ""}
                          </span>
                        </>
                      ) : (
                        <span className="text-slate-300" title={h.future ? undefined : "未评"}>
                          {h.future ? "" : "—"}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
