import { FORCE_COLORS, FORCE_STARS, type Force, type ForceScore } from "~/domain/five-forces";

type Series = { label: string; values: (number | null)[]; color: string; dashed?: boolean };

/** A five-axis radar (0–100) in plain SVG; a missing value is drawn at the centre and said so in the table beside it. */
export function RadarChart({ axes, series, size = 320 }: { axes: readonly string[]; series: Series[]; size?: number }) {
  const c = size / 2;
  const r = size / 2 - 48;
  const point = (i: number, v: number) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / axes.length;
    return [c + r * (v / 100) * Math.cos(a), c + r * (v / 100) * Math.sin(a)] as const;
  };
  const poly = (vals: (number | null)[]) => vals.map((v, i) => point(i, v ?? 0).join(",")).join(" ");
  return (
    <figure className="inline-block">
      <svg
        viewBox={`0 0 ${size} ${size}`}
        width={size}
        height={size}
        role="img"
        aria-label={`五力雷达图：${series.map((s) => `${s.label} ${axes.map((a, i) => `${a}${s.values[i] === null ? "无数据" : Math.round(s.values[i]!)}`).join("，")}`).join("；")}`}
      >
        {[20, 40, 60, 80, 100].map((g) => (
          <polygon key={g} points={poly(axes.map(() => g))} fill="none" stroke="#e2e8f0" />
        ))}
        {axes.map((a, i) => {
          const [x, y] = point(i, 100);
          const [lx, ly] = point(i, 122);
          return (
            <g key={a}>
              <line x1={c} y1={c} x2={x} y2={y} stroke="#cbd5e1" />
              <text
                x={lx}
                y={ly}
                textAnchor="middle"
                dominantBaseline="middle"
                fontSize="13"
                fill={FORCE_COLORS[a as Force] ?? "#334155"}
                fontWeight="600"
              >
                {a}
              </text>
            </g>
          );
        })}
        {series.map((s) => (
          <polygon
            key={s.label}
            points={poly(s.values)}
            fill={s.dashed ? "none" : s.color}
            fillOpacity={0.18}
            stroke={s.color}
            strokeWidth={2}
            strokeDasharray={s.dashed ? "5 4" : undefined}
          />
        ))}
      </svg>
      <figcaption className="mt-1 flex justify-center gap-4 text-xs text-slate-600">
        {series.map((s) => (
          <span key={s.label} className="inline-flex items-center gap-1">
            <svg width="18" height="6" aria-hidden="true">
              <line x1="0" y1="3" x2="18" y2="3" stroke={s.color} strokeWidth="2" strokeDasharray={s.dashed ? "4 3" : undefined} />
            </svg>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

const fmt = (v: number | null) => (v === null ? "无数据" : v.toFixed(1));

/** The radar against the center average and the "如何计算" panel listing every input and its weight. */
export function ForceProfile({
  forces,
  average,
  name,
}: {
  forces: ForceScore[];
  average: { force: Force; score: number | null }[];
  name: string;
}) {
  return (
    <div className="grid gap-6 lg:grid-cols-[auto_1fr]">
      <div className="flex flex-col items-center">
        <RadarChart
          axes={forces.map((f) => f.force)}
          series={[
            { label: name, values: forces.map((f) => f.score), color: "#1d4ed8" },
            { label: "中心平均", values: average.map((a) => a.score), color: "#64748b", dashed: true },
          ]}
        />
        <table className="table mt-2 text-sm" aria-label="五力得分">
          <thead>
            <tr>
              <th scope="col">维度</th>
              <th scope="col">本人</th>
              <th scope="col">中心平均</th>
            </tr>
          </thead>
          <tbody>
            {forces.map((f, i) => (
              <tr key={f.force} data-testid={`force-${f.force}`}>
                <td>
                  <span className="mr-1 inline-block h-2 w-2 rounded-full" style={{ background: FORCE_COLORS[f.force] }} />
                  {f.force}
                </td>
                <td className="tabular-nums">{fmt(f.score)}</td>
                <td className="tabular-nums">{fmt(average[i]?.score ?? null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="rounded-md border border-slate-200 p-4 text-sm" open>
        <summary className="cursor-pointer font-medium">如何计算</summary>
        <p className="mt-2 text-slate-600">
          每个维度 0–100 分，是下列各项“得分率”的平均值（各项权重相等；缺少数据的项不参与计算，并标注“无数据”）。 主观指标按 自评×0.2 +
          互评平均×0.3 + 负责人评分×0.5 计；考试项取最近一次已公布的认定成绩中该模块得分占该模块分值的比例；
          培训项为尚未取得的最低等级已完成学时占标准学时的比例（最高 100%）。本方法为平台默认映射（标准附录D只规定五个维度，未规定算法）。
        </p>
        {forces.map((f) => {
          const present = f.inputs.filter((i) => i.share !== null).length;
          return (
            <div key={f.force} className="mt-3" data-testid={`how-${f.force}`}>
              <h4 className="font-medium" style={{ color: FORCE_COLORS[f.force] }}>
                {f.force}（{FORCE_STARS[f.force]}）：{fmt(f.score)}
              </h4>
              <ul className="ml-5 list-disc text-slate-700">
                {f.inputs.map((i) => (
                  <li key={i.label}>
                    {i.label}：
                    {i.share === null ? (
                      <span className="text-amber-700">无数据（不计入）</span>
                    ) : (
                      <>
                        得分率 {(i.share * 100).toFixed(1)}%，权重 {present ? `1/${present}` : "—"}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </details>
    </div>
  );
}
