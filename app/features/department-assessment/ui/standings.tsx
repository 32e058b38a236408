import { Link } from "react-router";
import { DEPARTMENT_AREAS, formatPoints, type StandingRow, type YearQuarter } from "~/domain/department-form";
import { pageHref } from "../links";

/** One quarter's ranking: the four areas, base, bonus and total per department, 先进集体 marked. */
export function Standings({
  label,
  quarter,
  standings,
  canEdit,
  editable,
}: {
  label: string;
  quarter: YearQuarter;
  standings: { rows: StandingRow[]; tieNote: string | null; unscored: number };
  canEdit: boolean;
  editable: boolean;
}) {
  const advanced = standings.rows.filter((r) => r.advanced);
  return (
    <section className="card p-0" aria-labelledby="standings-h">
      <div className="flex flex-wrap items-baseline justify-between gap-2 px-5 pt-5 pb-3">
        <h2 id="standings-h" className="text-lg font-medium">
          {label}考核排名
        </h2>
        <p className="text-sm text-slate-600">
          已评 {standings.rows.length - standings.unscored} 个部门，未评 {standings.unscored} 个
        </p>
      </div>
      <div className="overflow-x-auto">
        <table className="table" aria-label="考核排名">
          <thead>
            <tr>
              <th scope="col">名次</th>
              <th scope="col">部门</th>
              {DEPARTMENT_AREAS.map((a) => (
                <th key={a.area} scope="col" className="text-right">
                  {a.area}
                  <span className="block text-xs font-normal text-slate-400">满分{a.max}</span>
                </th>
              ))}
              <th scope="col" className="text-right">
                基础分
              </th>
              <th scope="col" className="text-right">
                加分
              </th>
              <th scope="col" className="text-right">
                总分
              </th>
              <th scope="col">先进集体</th>
              {canEdit ? (
                <th scope="col">
                  <span className="sr-only">操作</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {standings.rows.map((r) => (
              <tr key={r.departmentId} data-testid={`standing-${r.departmentId}`} className={r.advanced ? "bg-amber-50/60" : undefined}>
                <td className="font-medium">{r.rank ?? "—"}</td>
                <td className="whitespace-nowrap">{r.name}</td>
                {r.areas
                  ? r.areas.map((a) => (
                      <td key={a.area} className="text-right tabular-nums">
                        {formatPoints(a.points)}
                      </td>
                    ))
                  : DEPARTMENT_AREAS.map((a) => (
                      <td key={a.area} className="text-right text-slate-400">
                        —
                      </td>
                    ))}
                <td className="text-right tabular-nums">{r.base === null ? "—" : formatPoints(r.base)}</td>
                <td className="text-right tabular-nums">{r.bonus === null ? "—" : formatPoints(r.bonus)}</td>
                <td className="text-right font-semibold tabular-nums">
                  {r.total === null ? <span className="badge">未评</span> : formatPoints(r.total)}
                </td>
                <td>{r.advanced ? <span className="badge bg-amber-100 text-amber-900">先进集体</span> : null}</td>
                {canEdit ? (
                  <td className="text-right">
                    {editable ? (
                      <Link
                        className="link whitespace-nowrap"
                        to={pageHref(quarter, { department: r.departmentId })}
                        aria-label={`${r.total === null ? "评分" : "修改"}：${r.name}`}
                      >
                        {r.total === null ? "评分" : "修改"}
                      </Link>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
            {standings.rows.length === 0 ? (
              <tr>
                <td colSpan={11} className="text-slate-500">
                  本中心尚无常驻部门，请先在“部门管理”中添加。
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <div className="space-y-1 px-5 py-4 text-sm text-slate-700">
        {advanced.length > 0 ? (
          <p>
            先进集体：{advanced.map((r) => r.name).join("、")}
            {standings.tieNote ? (
              <strong className="ml-2 text-amber-900" data-testid="advanced-tie">
                {standings.tieNote}
              </strong>
            ) : null}
          </p>
        ) : (
          <p className="text-slate-500">本季度尚无评分。</p>
        )}
        {advanced.length > 0 && standings.unscored > 0 ? (
          <p className="text-amber-900">尚有 {standings.unscored} 个部门未评，排名与先进集体为暂定结果。</p>
        ) : null}
        <p className="text-slate-500">先进集体每季度评选3个，按总分从高到低；第3名并列者全部入选。名次相同者并列，其后名次顺延。</p>
      </div>
    </section>
  );
}
