import { Form, Link, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/bank";
import { ITEM_TYPES } from "~/domain/bank";
import { hasPermission } from "~/domain/permissions";
import { AREAS } from "~/domain/levels";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { actionOk, parseWith, runAction } from "~/platform/forms.server";
import { formToObject } from "~/platform/forms";
import { httpError } from "~/platform/http.server";
import { Field, FormResult } from "~/platform/ui/field";
import { Notice, PageHeader } from "~/platform/ui/page";
import {
  BANK_LEVEL_LABELS,
  BANK_LEVELS,
  REVIEW_VIEW_LABELS,
  REVIEW_VIEWS,
  ReviewActionSchema,
  ReviewFilterSchema,
  type ReviewFilter,
} from "../schemas";
import { bankListing, changeItemStatus, withUsage } from "../service/review.server";
import { ReviewItem } from "../ui/review-item";

export function meta() {
  return [{ title: "题库 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:bank:any");
  const filter = ReviewFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!filter.success) httpError(400, `查询条件有误：${filter.error.issues[0]?.message ?? "请检查筛选条件"}。`);
  return {
    listing: await withUsage(bankListing(filter.data), new Date()),
    canReview: hasPermission(user.roles, "review:bank:any"),
    viewer: user.displayName,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "review:bank:any");
  const values = formToObject(await request.formData());
  const parsed = parseWith(ReviewActionSchema, values);
  if (!parsed.ok) return parsed.response;
  const actor = { id: user.id, displayName: user.displayName, centerId: null, ip: getAuth(context).clientAddress };
  return runAction(async () => actionOk((await changeItemStatus(parsed.data, actor, new Date())).message), values);
}

/** The query string of the listing with some fields changed (empty values dropped). */
function hrefWith(filter: ReviewFilter, change: Partial<Record<keyof ReviewFilter, string | number | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...change }))
    if (v !== undefined && v !== "" && !(k === "page" && v === 1)) q.set(k, String(v));
  return `/bank?${q}`;
}

export default function Bank() {
  const { listing, canReview, viewer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { filter } = listing;
  return (
    <div className="space-y-6">
      <PageHeader
        title="题库"
        description="理论知识题库以题目文件为准（question-bank/theory）。新题须经作者以外的人审核通过后才进入试卷；审核、退回和停用写入题目文件并重新导入，同时记入操作日志。"
        actions={
          <>
            <Link className="btn-secondary" to="/bank/analysis">
              题目分析
            </Link>
            <a className="btn-secondary" href="/bank/export.zip" download>
              导出 QTI 3.0 题目包
            </a>
            <a className="btn-secondary" href="/bank/export.xlsx" download>
              导出 xlsx
            </a>
            <a className="btn-secondary" href="/bank/export.xlsx?empty=1" download>
              空白模板
            </a>
          </>
        }
      />
      <FormResult result={result} />
      {listing.errors.length ? (
        <Notice tone="error">
          题库文件有 {listing.errors.length} 处校验错误，修正前不能审核：{listing.errors.slice(0, 3).join("；")}
        </Notice>
      ) : null}

      <nav aria-label="题目状态" className="flex flex-wrap gap-2">
        {REVIEW_VIEWS.map((v) => (
          <Link
            key={v}
            to={hrefWith(filter, { view: v, page: 1 })}
            aria-current={filter.view === v ? "page" : undefined}
            className={filter.view === v ? "btn-primary" : "btn-secondary"}
          >
            {REVIEW_VIEW_LABELS[v]}（{listing.counts[v]}）
          </Link>
        ))}
      </nav>

      <Form method="get" className="card flex flex-wrap items-end gap-3" aria-label="筛选题目">
        <input type="hidden" name="view" value={filter.view} />
        <Field label="等级" name="level">
          {(p) => (
            <select {...p} defaultValue={filter.level ?? ""} className="input w-44">
              <option value="">全部</option>
              {BANK_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {BANK_LEVEL_LABELS[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="区域" name="area">
          {(p) => (
            <select {...p} defaultValue={filter.area ?? ""} className="input w-36">
              <option value="">全部</option>
              {AREAS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="题型" name="type">
          {(p) => (
            <select {...p} defaultValue={filter.type ?? ""} className="input w-28">
              <option value="">全部</option>
              {ITEM_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="搜索（编号、题干、选项、解析）" name="q">
          {(p) => <input {...p} type="search" defaultValue={filter.q ?? ""} maxLength={40} className="input w-64" />}
        </Field>
        <button className="btn-secondary" type="submit">
          筛选
        </button>
      </Form>

      <section aria-labelledby="list-heading" className="space-y-3">
        <h2 id="list-heading" className="text-lg font-medium">
          {REVIEW_VIEW_LABELS[filter.view]}：共 {listing.total} 道{listing.pages > 1 ? `，第 ${filter.page}/${listing.pages} 页` : ""}
        </h2>
        {listing.items.length === 0 ? <Notice>没有符合条件的题目。</Notice> : null}
        {listing.items.map((item) => (
          <ReviewItem
            key={item.id}
            item={item}
            canReview={canReview && listing.errors.length === 0}
            viewer={viewer}
            usageWindow={listing.window}
          />
        ))}
      </section>

      {listing.pages > 1 ? (
        <nav aria-label="分页" className="flex flex-wrap items-center gap-2">
          {filter.page > 1 ? (
            <Link className="btn-secondary" to={hrefWith(filter, { page: filter.page - 1 })}>
              上一页
            </Link>
          ) : null}
          <span className="text-sm text-slate-700">
            第 {filter.page} / {listing.pages} 页
          </span>
          {filter.page < listing.pages ? (
            <Link className="btn-secondary" to={hrefWith(filter, { page: filter.page + 1 })}>
              下一页
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
