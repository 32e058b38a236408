// Number formatting and small pieces shared by the item-analysis screens.
import { ITEM_FLAG_LABELS, type ItemFlag } from "~/domain/item-analysis";

/** A figure with `digits` decimals, or — when undefined. */
export function fmt(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined ? "—" : x.toFixed(digits);
}

export function pct(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined ? "—" : `${(x * 100).toFixed(digits)}%`;
}

const FLAG_TONE: Record<ItemFlag, string> = {
  too_easy: "bg-amber-100 text-amber-900",
  too_hard: "bg-amber-100 text-amber-900",
  negative_discrimination: "bg-red-100 text-red-800",
  low_discrimination: "bg-orange-100 text-orange-900",
  unused_distractor: "bg-slate-200 text-slate-800",
};

export function FlagBadge({ flag }: { flag: ItemFlag }) {
  return <span className={`badge ${FLAG_TONE[flag]}`}>{ITEM_FLAG_LABELS[flag]}</span>;
}

export function SmallSampleBadge({ n, min }: { n: number; min: number }) {
  return (
    <span className="badge bg-slate-100 text-slate-600" title={`样本不足 ${min}，数据仅供参考`}>
      样本不足（n={n}）
    </span>
  );
}
