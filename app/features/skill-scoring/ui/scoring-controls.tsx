import { Form, useNavigation } from "react-router";
import { Notice } from "~/platform/ui/page";

/** Start scoring (while set up) and publish (while scoring); a notice once published. */
export function ScoringControls({ status }: { status: string }) {
  const busy = useNavigation().state !== "idle";
  if (status === "published") return <Notice tone="success">成绩已发布。</Notice>;
  return (
    <section className="card flex flex-wrap gap-3">
      {status === "scheduled" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="start-scoring" />
          <button className="btn-primary" disabled={busy}>
            开始评分
          </button>
        </Form>
      ) : null}
      {status === "scoring" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="publish" />
          <button className="btn-primary" disabled={busy}>
            发布成绩
          </button>
        </Form>
      ) : null}
      <p className="text-sm text-slate-600">
        开始评分前须组卷、每个考评组人数符合要求；全部评分完成且分差过大的任务经考评组长复核后方可发布。
      </p>
    </section>
  );
}
