import { formatRate, type Rates } from "~/domain/ratings";
import { GoodRateBar, RateCells, RateHeaders } from "./rates";

export type MonthRow = { month: number; period: string; total: number; rates: Rates };

/** 好评率 over the 12 months as a small SVG line; months without data leave a gap. */
export function Sparkline({ months, label }: { months: MonthRow[]; label: string }) {
  const values = months.map((m) => m.rates.goodRate);
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return null;
  const W = 360,
    H = 80,
    padX = 28,
    padY = 10;
  const lo = Math.min(0.8, Math.floor(Math.min(...known) * 20) / 20);
  const x = (i: number) => padX + (i * (W - padX - 8)) / 11;
  const y = (v: number) => padY + (1 - (v - lo) / (1 - lo)) * (H - 2 * padY);
  const segments: string[][] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current);
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) segments.push(current);
  const described = months
    .filter((m) => m.rates.goodRate !== null)
    .map((m) => `${m.month}月 ${formatRate(m.rates.goodRate)}`)
    .join("，");
  return (
    <figure className="mb-3">
      <svg viewBox={`0 0 ${W} ${H + 14}`} className="h-24 w-full max-w-md" role="img" aria-label={`${label}：${described}`}>
        <line x1={padX} x2={W - 8} y1={y(1)} y2={y(1)} className="stroke-slate-200" strokeDasharray="3 3" />
        <line x1={padX} x2={W - 8} y1={y(lo)} y2={y(lo)} className="stroke-slate-200" />
        <text x={padX - 4} y={y(1) + 3} textAnchor="end" className="fill-slate-500" fontSize="9">
          100%
        </text>
        <text x={padX - 4} y={y(lo) + 3} textAnchor="end" className="fill-slate-500" fontSize="9">
          {Math.round(lo * 100)}%
        </text>
        {segments.map((s, i) =>
          s.length > 1 ? <polyline key={i} points={s.join(" ")} fill="none" className="stroke-brand-600" strokeWidth="2" /> : null,
        )}
        {values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r="2.5" className="fill-brand-700" />))}
        {months.map((m, i) => (
          <text key={m.month} x={x(i)} y={H + 10} textAnchor="middle" className="fill-slate-500" fontSize="9">
            {m.month}
          </text>
        ))}
      </svg>
      <figcaption className="text-xs text-slate-500">{label}（横轴为月份）</figcaption>
    </figure>
  );
}

/** The 12 months with the total and the six rates; months still to come are greyed. */
export function TrendTable({ months, thisMonth, label }: { months: MonthRow[]; thisMonth: string; label: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">月份</th>
            <th scope="col">评价总数</th>
            <RateHeaders />
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.period} className={m.period > thisMonth ? "text-slate-400" : undefined}>
              <th scope="row" className="!bg-white font-normal">
                {m.month}月{m.period > thisMonth ? "（未到）" : ""}
              </th>
              <td className="tabular-nums">{m.total}</td>
              <td>
                <GoodRateBar rate={m.rates.goodRate} />
              </td>
              <RateCells r={m.rates} from={1} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
