// Per paper: KR-20, the score summary and the distribution of totals as a bar chart (plain SVG).
import { MIN_PAPER_ATTEMPTS, type ScoreBin } from "~/domain/item-analysis";
import { LEVEL_LABELS, PASS_MARK } from "~/domain/levels";
import type { AnalysedPaper } from "../service/analysis.server";
import { fmt, pct, SmallSampleBadge } from "./analysis-format";

/** Bars of the bins; the pass mark drawn as a dashed line at its bin boundary. */
export function DistributionChart({ bins, label }: { bins: ScoreBin[]; label: string }) {
  const w = 420,
    h = 170,
    left = 28,
    bottom = 24,
    top = 10;
  const plotW = w - left - 6;
  const plotH = h - bottom - top;
  const most = Math.max(1, ...bins.map((b) => b.count));
  const bw = plotW / bins.length;
  const maxScore = bins.at(-1)?.to ?? 100;
  const passX = left + (PASS_MARK / (bins.length * 10)) * plotW;
  return (
    <svg
      viewBox={`0 0 ${w} ${h}`}
      className="h-auto w-full max-w-md"
      role="img"
      aria-label={`${label}成绩分布：${bins.map((b) => `${b.from}–${b.to}分 ${b.count} 人`).join("，")}`}
    >
      <line x1={left} y1={top + plotH} x2={w - 6} y2={top + plotH} stroke="#94a3b8" />
      <line x1={left} y1={top} x2={left} y2={top + plotH} stroke="#94a3b8" />
      <text x={left - 4} y={top + 4} textAnchor="end" fontSize="10" fill="#64748b">
        {most}
      </text>
      <text x={left - 4} y={top + plotH} textAnchor="end" fontSize="10" fill="#64748b">
        0
      </text>
      {bins.map((b, i) => {
        const bh = (b.count / most) * plotH;
        const x = left + i * bw + 2;
        return (
          <g key={b.from}>
            <rect x={x} y={top + plotH - bh} width={bw - 4} height={bh} fill={b.from >= PASS_MARK ? "#1d4ed8" : "#94a3b8"} rx="2">
              <title>{`${b.from}–${b.to}分：${b.count} 人`}</title>
            </rect>
            {b.count > 0 ? (
              <text x={x + (bw - 4) / 2} y={top + plotH - bh - 2} textAnchor="middle" fontSize="10" fill="#334155">
                {b.count}
              </text>
            ) : null}
            <text x={left + i * bw} y={h - 8} textAnchor="middle" fontSize="10" fill="#64748b">
              {b.from}
            </text>
          </g>
        );
      })}
      <text x={w - 6} y={h - 8} textAnchor="end" fontSize="10" fill="#64748b">
        {maxScore}
      </text>
      <line x1={passX} y1={top} x2={passX} y2={top + plotH} stroke="#dc2626" strokeDasharray="4 3" />
      <text x={passX + 3} y={top + 9} fontSize="10" fill="#dc2626">
        及格线 {PASS_MARK}
      </text>
    </svg>
  );
}

export function PaperPanels({ papers }: { papers: AnalysedPaper[] }) {
  if (papers.length === 0) return <p className="text-sm text-slate-600">没有符合条件的试卷。</p>;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {papers.map((p) => {
        const title = p.sittings.map((s) => s.title).join("、") || p.paperId;
        return (
          <article key={p.paperId} className="card" aria-labelledby={`paper-${p.paperId}`} data-testid="paper-panel">
            <h3 id={`paper-${p.paperId}`} className="font-medium text-slate-900">
              {title}
            </h3>
            <p className="mt-0.5 text-xs text-slate-500">
              {LEVEL_LABELS[p.level]} · {p.sittings.map((s) => `${s.date} ${s.center}`).join("；")} · 试卷 {p.paperId}
            </p>
            <dl className="mt-3 grid grid-cols-3 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
              <div>
                <dt className="text-slate-500">KR-20 信度</dt>
                <dd className="text-lg font-semibold" data-testid="kr20">
                  {fmt(p.kr20, 3)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">人数 / 题数</dt>
                <dd>
                  {p.n} / {p.k}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">平均分（标准差）</dt>
                <dd>
                  {fmt(p.mean, 1)}（{fmt(p.sd, 1)}）
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">最低 – 最高</dt>
                <dd>
                  {fmt(p.min, 0)} – {fmt(p.max, 0)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">及格率</dt>
                <dd>
                  {pct(p.passRate, 1)}（{p.passed} 人）
                </dd>
              </div>
            </dl>
            {!p.reliable ? (
              <p className="mt-2 text-xs">
                <SmallSampleBadge n={p.n} min={MIN_PAPER_ATTEMPTS} /> 少于 {MIN_PAPER_ATTEMPTS} 份答卷，信度和分布仅供参考。
              </p>
            ) : null}
            <div className="mt-3">
              <DistributionChart bins={p.bins} label={title} />
            </div>
          </article>
        );
      })}
    </div>
  );
}
