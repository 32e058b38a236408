import { Form, Link } from "react-router";
import type { Rates } from "~/domain/ratings";
import { Field } from "~/platform/ui/field";
import { RATE_COLUMNS, RateCells, RateHeaders } from "./rates";
import { Sparkline, TrendTable, type MonthRow } from "./trend";

const POINTS_LABEL = "好差评情况（按默认换算：10×好评率−2×未整改差评占比）";

/** The year picker of the page (a GET form), with the person kept when one is open. */
export function YearPicker({
  year,
  years,
  personId,
  summary,
}: {
  year: number;
  years: number[];
  personId: string | null;
  summary: string;
}) {
  return (
    <Form method="get" className="flex flex-wrap items-end gap-3">
      <Field label="年份" name="year">
        {(p) => (
          <select {...p} className="input w-32" defaultValue={year} key={year}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}年
              </option>
            ))}
          </select>
        )}
      </Field>
      {personId ? <input type="hidden" name="person" value={personId} /> : null}
      <button type="submit" className="btn-secondary">
        查看
      </button>
      <p className="pb-2 text-sm text-slate-600">{summary}</p>
    </Form>
  );
}

/** One person's year month by month, opened from the staff table. */
export function PersonTrend({
  person,
  year,
  thisMonth,
}: {
  person: { name: string; staffRole: string | null; months: MonthRow[] };
  year: number;
  thisMonth: string;
}) {
  const perYearLabel = `${year}年`;
  return (
    <section className="card" aria-labelledby="person-title">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="person-title" className="text-lg font-medium">
          {person.name} · {perYearLabel}月度趋势
        </h2>
        <Link to={`/center/ratings?year=${year}`} className="link text-sm">
          关闭
        </Link>
      </div>
      <p className="mb-3 text-sm text-slate-600">{person.staffRole}；各月为全部渠道合计。</p>
      <Sparkline months={person.months} label={`${person.name} ${perYearLabel}各月好评率`} />
      <TrendTable months={person.months} thisMonth={thisMonth} label={`${person.name}月度趋势`} />
    </section>
  );
}

type Summary = { total: number; rates: Rates };

/** The center's six rates by channel and in total, with the standard's definitions. */
export function ChannelRates({ year, byChannel, total }: { year: number; byChannel: (Summary & { channel: string })[]; total: Summary }) {
  return (
    <section className="card" aria-labelledby="rates-title">
      <h2 id="rates-title" className="mb-3 text-lg font-medium">
        {year}年本中心六项比率
      </h2>
      <div className="overflow-x-auto">
        <table className="table" aria-label="按渠道的六项比率">
          <thead>
            <tr>
              <th scope="col">渠道</th>
              <th scope="col">评价总数</th>
              <RateHeaders />
            </tr>
          </thead>
          <tbody>
            {byChannel.map((c) => (
              <tr key={c.channel}>
                <th scope="row" className="!bg-white font-normal">
                  {c.channel}
                </th>
                <td className="tabular-nums">{c.total}</td>
                <RateCells r={c.rates} />
              </tr>
            ))}
            <tr className="font-medium">
              <th scope="row" className="!bg-slate-50">
                合计
              </th>
              <td className="tabular-nums">{total.total}</td>
              <RateCells r={total.rates} />
            </tr>
          </tbody>
        </table>
      </div>
      <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm md:grid-cols-2">
        {RATE_COLUMNS.map((c) => (
          <div key={c.key}>
            <dt className="font-medium text-slate-800">{c.label}</dt>
            <dd className="text-slate-600">{c.definition}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-slate-500">分母为 0 时显示“无数据”（不是 0% 或 100%）。比率按千分位截断到 0.1%。</p>
    </section>
  );
}

type StaffRow = Summary & { personId: string; name: string; department: string | null; staffRole: string | null; points: number | null };

/** Every person's year: total, the six rates and the 好差评情况 points; names open the person's trend. */
export function StaffRatings({ year, staff, selected }: { year: number; staff: StaffRow[]; selected: string | null }) {
  return (
    <section className="card p-0" aria-labelledby="staff-title">
      <div className="px-5 pt-4">
        <h2 id="staff-title" className="text-lg font-medium">
          {year}年人员好差评情况
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          点击姓名查看该人员的月度趋势。好差评情况满分 10 分，无评价数据的人员不计分（显示“无数据”）。
        </p>
      </div>
      <div className="mt-3 overflow-x-auto">
        <table className="table" aria-label="人员好差评情况">
          <thead>
            <tr>
              <th scope="col">姓名</th>
              <th scope="col">评价总数</th>
              <RateHeaders />
              <th scope="col" className="!whitespace-normal">
                {POINTS_LABEL}
              </th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.personId} className={selected === s.personId ? "bg-brand-50" : undefined}>
                <th scope="row" className="!bg-transparent font-normal">
                  <Link to={`/center/ratings?year=${year}&person=${s.personId}`} className="link whitespace-nowrap">
                    {s.name}
                  </Link>
                  <span className="block text-xs text-slate-500">{s.department ?? s.staffRole}</span>
                </th>
                <td className="tabular-nums">{s.total}</td>
                <RateCells r={s.rates} />
                <td className={`tabular-nums ${s.points === null ? "text-slate-400" : "font-medium"}`}>
                  {s.points === null ? "无数据" : s.points.toFixed(2)}
                </td>
              </tr>
            ))}
            {staff.length === 0 ? (
              <tr>
                <td colSpan={9} className="text-slate-500">
                  本中心尚无人员
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}
