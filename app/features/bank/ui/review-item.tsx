// One item of the bank screen: what a reviewer must read (stem, options with the key, explanation,
// law, author and review record) and, for 题库管理员, the actions its state allows.
import { Form, useNavigation } from "react-router";
import type { BankItem, ItemStatus } from "~/domain/bank";
import { LEVEL_LABELS } from "~/domain/levels";
import { constraintsOf } from "~/platform/forms";
import { Field } from "~/platform/ui/field";
import { ReasonField } from "../schemas";

/** A listed item as the loader sends it (see ListedItem in service/review.server.ts). */
export type ReviewItemView = Omit<BankItem, "retired"> & { status: ItemStatus; file: string; notes: string[]; used?: number };

export const STATUS_BADGE: Record<ItemStatus, { label: string; className: string }> = {
  draft: { label: "待审核", className: "bg-amber-100 text-amber-900" },
  reviewed: { label: "已审核", className: "bg-brand-50 text-brand-800" },
  active: { label: "已启用", className: "bg-green-100 text-green-900" },
  retired: { label: "已停用", className: "bg-slate-200 text-slate-800" },
};

/** 判断 keys are 正确/错误; 单选 a letter; 多选 letters. */
function keyText(item: ReviewItemView): string {
  return Array.isArray(item.key) ? item.key.join("、") : item.key;
}

export function ReviewItem({
  item,
  canReview,
  viewer,
  usageWindow,
}: {
  item: ReviewItemView;
  canReview: boolean;
  viewer: string;
  usageWindow: number;
}) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("id") === item.id;
  const keys = new Set(Array.isArray(item.key) ? item.key : [item.key]);
  const ownItem = !!item.author && item.author === viewer;
  const badge = STATUS_BADGE[item.status];
  return (
    <article className="card space-y-3" aria-labelledby={`${item.id}-title`} data-testid="bank-item">
      <header className="flex flex-wrap items-center gap-2">
        <h3 id={`${item.id}-title`} className="font-mono text-base font-semibold">
          {item.id}
        </h3>
        <span className={`badge ${badge.className}`}>{badge.label}</span>
        <span className="text-sm text-slate-700">
          {item.level === "common" ? "公共" : LEVEL_LABELS[item.level]} · {item.area} · {item.type} · 考核要求 {item.requirement}
        </span>
      </header>
      <p className="whitespace-pre-line">{item.stem}</p>
      {item.options ? (
        <ul className="space-y-1 text-sm" aria-label="选项">
          {Object.entries(item.options).map(([letter, text]) => (
            <li key={letter} className={keys.has(letter) ? "font-semibold text-green-900" : undefined}>
              {letter}. {text}
              {keys.has(letter) ? <span className="ml-2 text-xs">（答案）</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[7rem_1fr]">
        <dt className="text-slate-600">答案</dt>
        <dd className="font-semibold">{keyText(item)}</dd>
        <dt className="text-slate-600">解析</dt>
        <dd>{item.explanation}</dd>
        {item.law ? (
          <>
            <dt className="text-slate-600">法律依据</dt>
            <dd>
              {item.law.name} {item.law.article}
              {item.law.version ? `（依 ${item.law.version} 文本）` : ""}
            </dd>
          </>
        ) : null}
        {item.enemy ? (
          <>
            <dt className="text-slate-600">互斥标签</dt>
            <dd className="font-mono">{item.enemy}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">作者</dt>
        <dd>{item.author ?? "—（早期题目）"}</dd>
        <dt className="text-slate-600">审核</dt>
        <dd>{item.reviewer ? `${item.reviewer}，${item.reviewed ?? "日期未记录"}` : "未审核"}</dd>
        <dt className="text-slate-600">使用次数</dt>
        <dd>{item.used === undefined ? "—" : `近 ${usageWindow} 个月 ${item.used} 份试卷`}</dd>
        <dt className="text-slate-600">文件</dt>
        <dd className="break-all font-mono text-xs">{item.file}</dd>
      </dl>
      {item.notes.length ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-800">
          <p className="font-medium">文件中的备注</p>
          {item.notes.map((n, k) => (
            <p key={k}>{n}</p>
          ))}
        </div>
      ) : null}
      {item.returned ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {item.returned.date} 由 {item.returned.by} 退回：{item.returned.reason}
        </p>
      ) : null}
      {canReview && item.status !== "retired" ? (
        <div className="flex flex-wrap items-start gap-3 border-t border-slate-200 pt-3">
          {item.status === "draft" || item.status === "reviewed" ? (
            ownItem ? (
              <p className="text-sm text-slate-700">这道题的作者是您本人，须由其他题库管理员审核。</p>
            ) : (
              <Form method="post">
                <input type="hidden" name="id" value={item.id} />
                <input type="hidden" name="from" value={item.status} />
                <button className="btn-primary" type="submit" name="intent" value="activate" disabled={busy}>
                  审核通过并启用
                </button>
              </Form>
            )
          ) : null}
          {item.status === "draft" || item.status === "reviewed" ? (
            <details className="min-w-64 flex-1">
              <summary className="btn-secondary inline-block cursor-pointer">退回作者修改</summary>
              <Form method="post" className="mt-2 space-y-2">
                <input type="hidden" name="id" value={item.id} />
                <input type="hidden" name="from" value={item.status} />
                <Field label="退回理由（作者会在题目文件中看到）" name="reason" id={`${item.id}-reason`}>
                  {(p) => <textarea {...p} rows={2} className="input w-full" {...constraintsOf(ReasonField)} />}
                </Field>
                <button className="btn-secondary" type="submit" name="intent" value="return" disabled={busy}>
                  确认退回
                </button>
              </Form>
            </details>
          ) : null}
          <Form
            method="post"
            onSubmit={(e) => {
              if (!confirm(`停用后 ${item.id} 不再进入新试卷（已组的试卷不受影响）。确定停用？`)) e.preventDefault();
            }}
          >
            <input type="hidden" name="id" value={item.id} />
            <input type="hidden" name="from" value={item.status} />
            <button className="btn-danger" type="submit" name="intent" value="retire" disabled={busy}>
              停用
            </button>
          </Form>
        </div>
      ) : null}
    </article>
  );
}
