import { Link } from "react-router";

type Person = { personId: string; name: string; verdict: string; passed: boolean | null };
type Row = { group: string; name: string; max: number | string; kind: string; shown: string[] };

/** Table C.1: every indicator by person, with the verdict row; names link to the person's page. */
export function CycleTable({ cycleId, passMark, people, rows }: { cycleId: string; passMark: number; people: Person[]; rows: Row[] }) {
  return (
    <section className="card overflow-x-auto p-0" aria-labelledby="c1-h">
      <h2 id="c1-h" className="px-5 pt-4 text-lg font-medium">
        评价汇总表
      </h2>
      <p className="px-5 text-xs text-slate-500">
        “缺评”表示该项尚有自评、互评、负责人评分或客观数据未到，不按 0 分计。分数保留两位小数（截断）。
      </p>
      <table className="table mt-2 whitespace-nowrap text-sm" data-testid="c1-table">
        <thead>
          <tr>
            <th scope="col">一级指标</th>
            <th scope="col">二级指标</th>
            <th scope="col">分值</th>
            {people.map((p) => (
              <th key={p.personId} scope="col">
                <Link className="link" to={`/center/evaluation/${cycleId}/people/${p.personId}`}>
                  {p.name}
                </Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} className={r.kind === "indicator" ? "" : "bg-slate-50 font-medium"}>
              <td className="text-slate-500">{r.group}</td>
              <th scope="row" className="text-left font-normal">
                {r.name}
              </th>
              <td>{r.max}</td>
              {r.shown.map((v, i) => (
                <td key={people[i].personId} className={`tabular-nums ${v === "缺评" ? "text-amber-700" : ""}`}>
                  {v}
                </td>
              ))}
            </tr>
          ))}
          <tr className="bg-slate-50 font-medium">
            <td className="text-slate-500">结论</td>
            <th scope="row" className="text-left font-normal">
              评价结果
            </th>
            <td>≥{passMark}</td>
            {people.map((p) => (
              <td key={p.personId} className={p.passed === false ? "text-red-700" : p.passed ? "text-green-700" : "text-slate-500"}>
                {p.verdict}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </section>
  );
}
