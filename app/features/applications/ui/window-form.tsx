import { Link, useFetcher } from "react-router";
import type { ActionResult } from "~/platform/forms";
import { constraintsOf, errorOf } from "~/platform/forms";
import { Field, FormResult } from "~/platform/ui/field";
import { WindowSchema } from "../schemas";

export type WindowValues = { opensAt: string; closesAt: string; seats: number | null; started: boolean };

/**
 * The sitting page's 网上报名 section: the window and seats, posted to the applications feature
 * (which refuses once the sitting has started, and moves the waiting list up when seats grow).
 */
export function ApplicationWindowSection({ sittingId, values }: { sittingId: string; values: WindowValues }) {
  const fetcher = useFetcher<ActionResult>();
  const result = fetcher.data;
  const busy = fetcher.state !== "idle";
  const published = !!values.opensAt;
  return (
    <section className="card" aria-labelledby="apply-window-title">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="apply-window-title" className="text-lg font-medium">
          网上报名
        </h2>
        {published ? (
          <Link to={`/center/applications?sitting=${sittingId}`} className="link text-sm">
            查看并审核本场报名申请
          </Link>
        ) : null}
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {published
          ? `已开放网上报名：${values.opensAt.replace("T", " ")} 至 ${values.closesAt.replace("T", " ")}（北京时间），名额 ${values.seats} 人。`
          : "尚未开放网上报名。设置报名时间和名额后，本中心工作人员可在“网上报名”中申请本场考试。"}
      </p>
      {values.started ? (
        <p className="mt-2 text-sm text-slate-600">考试已开始，报名设置不能再修改。</p>
      ) : (
        <fetcher.Form method="post" action={`/center/sittings/${sittingId}/application-window`} className="mt-3 space-y-3">
          <FormResult result={result} />
          <div className="grid gap-3 sm:grid-cols-3">
            <Field label="报名开始（北京时间）" name="opensAt" error={errorOf(result, "opensAt")}>
              {(p) => <input {...p} type="datetime-local" className="input" defaultValue={values.opensAt} required />}
            </Field>
            <Field label="报名截止（北京时间）" name="closesAt" error={errorOf(result, "closesAt")}>
              {(p) => <input {...p} type="datetime-local" className="input" defaultValue={values.closesAt} required />}
            </Field>
            <Field label="名额（人）" name="seats" error={errorOf(result, "seats")} hint="名额满后通过审核的申请进入候补">
              {(p) => (
                <input
                  {...p}
                  type="number"
                  className="input"
                  defaultValue={values.seats ?? ""}
                  {...constraintsOf(WindowSchema.shape.seats)}
                />
              )}
            </Field>
          </div>
          <button type="submit" className="btn-primary" disabled={busy}>
            {published ? "保存报名设置" : "开放网上报名"}
          </button>
        </fetcher.Form>
      )}
    </section>
  );
}
