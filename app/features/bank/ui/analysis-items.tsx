// The per-item table of /bank/analysis: sortable by its figures, filterable by flag (both in the
// URL, so a view can be linked and works without script).
import { Link, useSearchParams } from "react-router";
import { ITEM_FLAG_LABELS, ITEM_FLAGS, MIN_ITEM_RESPONSES, type ItemFlag } from "~/domain/item-analysis";
import type { AnalysedItem } from "../service/analysis.server";
import { FlagBadge, fmt, pct, SmallSampleBadge } from "./analysis-format";

export const ITEM_SORTS = ["id", "n", "facility", "discrimination", "upperLower", "blank"] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];
export const ITEM_FILTERS = ["flagged", ...ITEM_FLAGS, "unreliable"] as const;
export type ItemFilter = (typeof ITEM_FILTERS)[number];
export type ItemView = { sort: ItemSort; dir: "asc" | "desc"; flag: ItemFilter | null };

const SORT_VALUE: Record<ItemSort, (i: AnalysedItem) => number | string | null> = {
  id: (i) => i.itemId,
  n: (i) => i.n,
  facility: (i) => i.facility,
  discrimination: (i) => i.pointBiserial,
  upperLower: (i) => i.upperLower,
  blank: (i) => i.blank,
};

export function matchesFilter(i: AnalysedItem, f: ItemFilter | null): boolean {
  if (f === null) return true;
  if (f === "flagged") return i.flags.length > 0;
  if (f === "unreliable") return !i.reliable;
  return i.flags.includes(f);
}

/** Items of the view in its order; undefined figures last whichever the direction, then by id. */
export function viewItems(items: readonly AnalysedItem[], view: ItemView): AnalysedItem[] {
  const value = SORT_VALUE[view.sort];
  const sign = view.dir === "asc" ? 1 : -1;
  return items
    .filter((i) => matchesFilter(i, view.flag))
    .sort((a, b) => {
      const x = value(a),
        y = value(b);
      if (x === null || y === null) return x === y ? a.itemId.localeCompare(b.itemId) : x === null ? 1 : -1;
      const c = typeof x === "string" ? x.localeCompare(y as string) : x - (y as number);
      return c !== 0 ? sign * c : a.itemId.localeCompare(b.itemId);
    });
}

const FILTER_LABELS: Record<ItemFilter, string> = {
  flagged: "有标记",
  ...ITEM_FLAG_LABELS,
  unreliable: "样本不足",
};

function OptionShares({ item }: { item: AnalysedItem }) {
  if (!item.options) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex flex-wrap gap-x-2 text-xs">
      {item.options.map((o) => (
        <span
          key={o.option}
          title={`${o.option}：${item.optionTexts[o.option] ?? ""}（${o.count} 人${o.meanTotal === null ? "" : `，平均总分 ${o.meanTotal.toFixed(1)}`}）`}
          className={o.isKey ? "font-semibold text-green-800" : o.count === 0 ? "text-red-700" : "text-slate-700"}
        >
          {o.option}
          {o.isKey ? "✓" : ""} {pct(o.share)}
        </span>
      ))}
      {item.blank > 0 ? <span className="text-slate-500">空 {pct(item.blank / item.n)}</span> : null}
    </span>
  );
}

export function ItemTable({ items, view }: { items: AnalysedItem[]; view: ItemView }) {
  const [params] = useSearchParams();
  const href = (change: Record<string, string | null>) => {
    const n = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) {
      if (v === null) n.delete(k);
      else n.set(k, v);
    }
    const s = n.toString();
    return s ? `?${s}` : "?";
  };
  const shown = viewItems(items, view);
  const count = (f: ItemFilter | null) => items.filter((i) => matchesFilter(i, f)).length;
  const sortHeader = (key: ItemSort, label: string, firstDir: "asc" | "desc" = "desc") => {
    const active = view.sort === key;
    const next = active ? (view.dir === "asc" ? "desc" : "asc") : firstDir;
    return (
      <th scope="col" aria-sort={active ? (view.dir === "asc" ? "ascending" : "descending") : "none"}>
        <Link className="link" to={href({ sort: key, dir: next })} preventScrollReset>
          {label}
          {active ? (view.dir === "asc" ? " ▲" : " ▼") : ""}
        </Link>
      </th>
    );
  };
  return (
    <div>
      <nav aria-label="按标记筛选题目" className="mb-3 flex flex-wrap gap-2 text-sm">
        {([null, ...ITEM_FILTERS] as (ItemFilter | null)[]).map((f) => {
          const active = view.flag === f;
          return (
            <Link
              key={f ?? "all"}
              to={href({ flag: f })}
              preventScrollReset
              aria-current={active ? "true" : undefined}
              className={`rounded-full border px-3 py-1 ${active ? "border-brand-700 bg-brand-50 text-brand-800" : "border-slate-300 text-slate-700 hover:bg-slate-50"}`}
            >
              {f === null ? "全部" : FILTER_LABELS[f]}（{count(f)}）
            </Link>
          );
        })}
      </nav>
      <div className="card overflow-x-auto p-0">
        <table className="table" aria-label="题目分析">
          <thead>
            <tr>
              {sortHeader("id", "题目", "asc")}
              <th scope="col">题型</th>
              <th scope="col">考核要求</th>
              {sortHeader("n", "作答人数")}
              {sortHeader("facility", "难度P")}
              {sortHeader("discrimination", "区分度（点二列）", "asc")}
              {sortHeader("upperLower", "区分度D（27%）", "asc")}
              {sortHeader("blank", "未作答")}
              <th scope="col">选项选择比例</th>
              <th scope="col">标记</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <tr key={i.itemId} data-testid={`item-${i.itemId}`}>
                <td className="whitespace-nowrap">
                  <Link className="link font-mono text-xs" to={`/bank/items/${i.itemId}`}>
                    {i.itemId}
                  </Link>
                  <p className="max-w-64 truncate text-xs text-slate-500" title={i.stem}>
                    {i.stem}
                  </p>
                </td>
                <td className="whitespace-nowrap">{i.type}</td>
                <td className="whitespace-nowrap font-mono text-xs">{i.requirement}</td>
                <td>
                  {i.n}
                  {i.papers > 1 ? <span className="text-xs text-slate-500">（{i.papers} 卷）</span> : null}
                </td>
                <td>{fmt(i.facility)}</td>
                <td>{fmt(i.pointBiserial)}</td>
                <td>{fmt(i.upperLower)}</td>
                <td>{i.blank}</td>
                <td>
                  <OptionShares item={i} />
                </td>
                <td>
                  <span className="flex flex-wrap gap-1">
                    {i.flags.map((f: ItemFlag) => (
                      <FlagBadge key={f} flag={f} />
                    ))}
                    {!i.reliable ? <SmallSampleBadge n={i.n} min={MIN_ITEM_RESPONSES} /> : null}
                    {i.versions > 1 ? (
                      <span className="badge" title="各试卷中该题的快照不完全相同（题目曾被修改）">
                        {i.versions} 个版本
                      </span>
                    ) : null}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 ? <p className="px-5 py-4 text-sm text-slate-600">没有符合条件的题目。</p> : null}
      </div>
    </div>
  );
}
