import { formatRate, type Rates } from "~/domain/ratings";

// The six rates of GB/T 39735-2020 Annex A (REFERENCE §4), in the standard's order.
export const RATE_COLUMNS: { key: keyof Rates; label: string; definition: string }[] = [
  { key: "goodRate", label: "好评率", definition: "（总评价次数 − 有效差评次数）÷ 总评价次数；总评价次数 = 主动评价次数 + 超时未评次数" },
  { key: "activeGoodRate", label: "主动评价好评率", definition: "主动评价为好评的次数 ÷（主动评价次数 − 经核实的无效差评次数）" },
  { key: "unratedRate", label: "未评率", definition: "（超时未评次数 + 无效差评次数）÷ 总评价次数" },
  { key: "replyRate", label: "差评回复率", definition: "已回复的差评件数 ÷ 全部差评件数" },
  {
    key: "rectificationRate",
    label: "差评回访整改率",
    definition: "经回访已整改完成的差评件数 ÷ 有效差评件数（有效差评 = 差评 − 无效差评）",
  },
  { key: "rectificationSatisfaction", label: "差评回访整改满意率", definition: "经回访对整改结果满意的件数 ÷ 经回访已整改完成的差评件数" },
];

/** The header cells of the six rates. */
export function RateHeaders() {
  return (
    <>
      {RATE_COLUMNS.map((c) => (
        <th key={c.key} scope="col">
          {c.label}
        </th>
      ))}
    </>
  );
}

/** The six rates as cells of a row; a rate without data is shown as 无数据 in grey. */
export function RateCells({ r, from = 0 }: { r: Rates; from?: number }) {
  return (
    <>
      {RATE_COLUMNS.slice(from).map((c) => (
        <td key={c.key} className={`whitespace-nowrap tabular-nums ${r[c.key] === null ? "text-slate-400" : ""}`}>
          {formatRate(r[c.key])}
        </td>
      ))}
    </>
  );
}

/** 好评率 as a small bar with its value. */
export function GoodRateBar({ rate }: { rate: number | null }) {
  if (rate === null) return <span className="text-slate-400">无数据</span>;
  const pct = Math.max(0, Math.min(100, rate * 100));
  return (
    <span className="flex items-center gap-2">
      <span className="inline-block h-2 w-24 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
        <span
          className={`block h-full ${rate >= 0.95 ? "bg-green-600" : rate >= 0.9 ? "bg-brand-600" : "bg-amber-500"}`}
          style={{ width: `${pct}%` }}
        />
      </span>
      <span className="tabular-nums">{formatRate(rate)}</span>
    </span>
  );
}
