import { formatPoints, OBJECTIVE_INDICATORS, type EvaluationResult } from "~/domain/evaluation";
import { formatRate, type RatingCounts, type Rates } from "~/domain/ratings";

type IndicatorRow = {
  key: string;
  group: string;
  name: string;
  max: number;
  self: number | null;
  peers: number[];
  peerMean: number | null;
  manager: number | null;
  final: number | null;
};

const cell = (v: number | null) => (v === null ? <span className="text-amber-700">缺评</span> : formatPoints(v));

/** Every subjective indicator with its three inputs and the weighted result, then the objective part and totals. */
export function IndicatorTable({ indicators, result }: { indicators: IndicatorRow[]; result: EvaluationResult }) {
  return (
    <table className="table mt-2 text-sm" data-testid="indicator-table">
      <thead>
        <tr>
          <th scope="col">一级指标</th>
          <th scope="col">二级指标</th>
          <th scope="col">分值</th>
          <th scope="col">自评</th>
          <th scope="col">互评（平均）</th>
          <th scope="col">负责人</th>
          <th scope="col">得分</th>
        </tr>
      </thead>
      <tbody>
        {indicators.map((i) => (
          <tr key={i.key}>
            <td className="text-slate-500">{i.group}</td>
            <th scope="row" className="text-left font-normal">
              {i.name}
            </th>
            <td>{i.max}</td>
            <td className="tabular-nums">{cell(i.self)}</td>
            <td className="tabular-nums">{i.peers.length ? `${formatPoints(i.peerMean)}（${i.peers.join("、")}）` : cell(null)}</td>
            <td className="tabular-nums">{cell(i.manager)}</td>
            <td className="tabular-nums font-medium">{cell(i.final)}</td>
          </tr>
        ))}
        <tr className="bg-slate-50 font-medium">
          <td colSpan={6}>主观评价小计（满分 55）</td>
          <td className="tabular-nums">{cell(result.subjectiveTotal)}</td>
        </tr>
        {OBJECTIVE_INDICATORS.map((d) => (
          <tr key={d.key}>
            <td className="text-slate-500">{d.group}</td>
            <th scope="row" className="text-left font-normal">
              {d.name}
            </th>
            <td>{d.max}</td>
            <td colSpan={3} className="text-slate-500">
              客观数据
            </td>
            <td className="tabular-nums font-medium">{cell(result.objective[d.key])}</td>
          </tr>
        ))}
        <tr className="bg-slate-50 font-medium">
          <td colSpan={6}>客观评价小计（满分 45）</td>
          <td className="tabular-nums">{cell(result.objectiveTotal)}</td>
        </tr>
        <tr>
          <td colSpan={6}>特殊贡献加分（上限 10）</td>
          <td className="tabular-nums">{formatPoints(result.bonus)}</td>
        </tr>
        <tr>
          <td colSpan={6}>扣分（下限 −20{result.vetoed ? "；一票否决 −100" : ""}）</td>
          <td className="tabular-nums">{formatPoints(result.deduction)}</td>
        </tr>
        <tr className="bg-slate-100 font-semibold">
          <td colSpan={6}>总分</td>
          <td className="tabular-nums">{cell(result.total)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** 好差评情况 with the counts, the six rates and the conversion into points. */
export function RatingSummary({
  ratings,
  penalty,
}: {
  ratings: { counts: RatingCounts; rates: Rates; points: number | null } | null;
  penalty: number;
}) {
  if (!ratings)
    return (
      <p>
        好差评情况：<span className="text-amber-700">缺评（本年度无好差评数据）</span>
      </p>
    );
  const { counts: c, rates: r } = ratings;
  const total = c.activeGood + c.activeBad + c.timeoutUnrated;
  const validBad = c.activeBad - c.invalidBad;
  return (
    <div>
      <p>
        好差评情况：评价 {total} 次（主动好评 {c.activeGood}、差评 {c.activeBad}、超时未评 {c.timeoutUnrated}），好评率{" "}
        {formatRate(r.goodRate)}； 有效差评 {validBad}，已整改 {c.rectified}。换算：10 × 好评率 − {penalty} × 未整改差评占比 ={" "}
        <strong>{formatPoints(ratings.points)}</strong> 分
      </p>
      <p className="text-xs text-slate-500">
        主动评价好评率 {formatRate(r.activeGoodRate)} · 未评率 {formatRate(r.unratedRate)} · 差评回复率 {formatRate(r.replyRate)} ·
        差评回访整改率 {formatRate(r.rectificationRate)} · 整改满意率 {formatRate(r.rectificationSatisfaction)}
      </p>
    </div>
  );
}
