// Per requirement code of the standard: how hard its items were on average.
import type { AnalysedRequirement } from "../service/analysis.server";
import { fmt } from "./analysis-format";

export function RequirementTable({ rows }: { rows: AnalysedRequirement[] }) {
  return (
    <div className="card overflow-x-auto p-0">
      <table className="table" aria-label="考核要求">
        <thead>
          <tr>
            <th scope="col">考核要求代码</th>
            <th scope="col">工作内容</th>
            <th scope="col">题数</th>
            <th scope="col">作答人次</th>
            <th scope="col">平均难度P</th>
            <th scope="col">平均区分度（点二列）</th>
            <th scope="col">样本充足题数</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.requirement}>
              <td className="font-mono text-xs">{r.requirement}</td>
              <td>{r.workContent}</td>
              <td>{r.items}</td>
              <td>{r.responses}</td>
              <td>
                <span className="inline-flex items-center gap-2">
                  <span className="inline-block h-2 w-20 rounded bg-slate-100" aria-hidden="true">
                    <span className="block h-2 rounded bg-brand-600" style={{ width: `${Math.round((r.meanFacility ?? 0) * 100)}%` }} />
                  </span>
                  {fmt(r.meanFacility)}
                </span>
              </td>
              <td>{fmt(r.meanPointBiserial)}</td>
              <td>
                {r.reliableItems}/{r.items}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
