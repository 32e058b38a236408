import { Form, Link } from "react-router";
import { constraintsOf, errorOf, valueOf, type ActionResult } from "~/platform/forms";
import { Field } from "~/platform/ui/field";
import { AddressSchema } from "../schemas";

/** The sitting page's part of 准考证 and seating: the address printed on tickets, and where to go next. */
export function SeatingSection({
  sittingId,
  address,
  seatedAt,
  seed,
  candidates,
  editable,
  busy,
  result,
}: {
  sittingId: string;
  address: string;
  seatedAt: string | null;
  seed: number | null;
  candidates: number;
  editable: boolean;
  busy: boolean;
  result: ActionResult<unknown> | undefined;
}) {
  return (
    <section className="card" aria-labelledby="seating-h">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="seating-h" className="text-lg font-medium">
          座位与准考证
        </h2>
        <p className="flex flex-wrap gap-3 text-sm">
          <Link className="btn-secondary" to={`/center/sittings/${sittingId}/seating`}>
            排座与调座
          </Link>
          {candidates > 0 ? (
            <Link className="btn-secondary" to={`/center/sittings/${sittingId}/admission-tickets`} target="_blank">
              打印全部准考证
            </Link>
          ) : null}
        </p>
      </div>
      <p className="mb-3 text-sm text-slate-600">
        {seatedAt ? `已于 ${seatedAt} 随机排座（排座种子 ${seed}）。` : "尚未排座：考生目前按报名顺序暂排座位，开考前请随机排座。"}
      </p>
      {editable ? (
        <Form method="post" className="flex flex-wrap items-start gap-3">
          <input type="hidden" name="intent" value="set-address" />
          <Field
            label="考试地点（印在准考证上）"
            name="address"
            className="min-w-0 flex-1 sm:min-w-[24rem]"
            error={errorOf(result, "address")}
            hint="写明楼宇、楼层等，考生据此到达考点。"
          >
            {(p) => (
              <input
                {...p}
                className="input"
                defaultValue={valueOf(result, "address") ?? address}
                {...constraintsOf(AddressSchema.shape.address)}
              />
            )}
          </Field>
          <button type="submit" className="btn-primary sm:mt-6" disabled={busy}>
            保存地点
          </button>
        </Form>
      ) : (
        <p className="text-sm">考试地点：{address || "未填写"}</p>
      )}
    </section>
  );
}
