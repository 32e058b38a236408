import { Form } from "react-router";
import { AWARD_POINTS, formatPoints, VETO_GROUNDS } from "~/domain/evaluation";
import { errorOf, valueOf, type ActionResult } from "~/platform/forms";
import { Field } from "~/platform/ui/field";

type Adjustment = { id: string; kind: string; awardLevel: string | null; points: number; reason: string; evidence: string };

/** Bonuses, deductions and the veto: the recorded entries, and (while open) the forms that add them. */
export function PersonAdjustments({
  adjustments,
  veto,
  vetoEvidence,
  bonus,
  deduction,
  canEdit,
  result,
}: {
  adjustments: Adjustment[];
  veto: string | null;
  vetoEvidence: string | null;
  bonus: number;
  deduction: number;
  canEdit: boolean;
  result: ActionResult<unknown> | undefined;
}) {
  const err = (name: string) => errorOf(result, name);
  return (
    <section className="card" aria-labelledby="adj-h">
      <h2 id="adj-h" className="text-lg font-medium">
        加减分与一票否决
      </h2>
      <p className="text-sm text-slate-600">
        加分合计 {formatPoints(bonus)}（上限 10）· 扣分合计 {formatPoints(deduction)}（下限 −20，一票否决为 −100）
      </p>
      <table className="table mt-2 text-sm">
        <thead>
          <tr>
            <th scope="col">类型</th>
            <th scope="col">分值</th>
            <th scope="col">事由</th>
            <th scope="col">依据</th>
            {canEdit ? (
              <th scope="col">
                <span className="sr-only">操作</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {adjustments.map((a) => (
            <tr key={a.id}>
              <td>{a.kind === "award" ? `表彰（${a.awardLevel}级）` : a.kind === "majorEvent" ? "重大活动表现" : "扣分"}</td>
              <td className="tabular-nums">{a.kind === "deduction" ? `−${a.points}` : `+${a.points}`}</td>
              <td>{a.reason}</td>
              <td>{a.evidence}</td>
              {canEdit ? (
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-adjustment" />
                    <input type="hidden" name="adjustmentId" value={a.id} />
                    <button className="link">删除</button>
                  </Form>
                </td>
              ) : null}
            </tr>
          ))}
          {adjustments.length === 0 ? (
            <tr>
              <td colSpan={5} className="text-slate-500">
                暂无加减分
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {canEdit ? (
        <div className="mt-4 grid gap-6 lg:grid-cols-2">
          <Form method="post" className="space-y-3" noValidate>
            <input type="hidden" name="intent" value="adjustment" />
            <Field label="类型" name="kind" error={err("kind")}>
              {(p) => (
                <select {...p} className="input" defaultValue={valueOf(result, "kind") ?? "award"}>
                  <option value="award">表彰奖励（街镇 +0.5、区 +1、市/部 +1.5、国家 +2）</option>
                  <option value="majorEvent">重大活动表现突出（+0.5 至 +1）</option>
                  <option value="deduction">扣分（每项 0 至 5 分）</option>
                </select>
              )}
            </Field>
            <Field label="表彰级别（表彰奖励时）" name="awardLevel" error={err("awardLevel")}>
              {(p) => (
                <select {...p} className="input" defaultValue={valueOf(result, "awardLevel") ?? "区"}>
                  {Object.keys(AWARD_POINTS).map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="分值（重大活动或扣分时）" name="points" error={err("points")}>
              {(p) => <input {...p} className="input" inputMode="decimal" defaultValue={valueOf(result, "points")} />}
            </Field>
            <Field label="事由" name="reason" error={err("reason")}>
              {(p) => <input {...p} className="input" maxLength={200} defaultValue={valueOf(result, "reason")} />}
            </Field>
            <Field label="依据" name="evidence" error={err("evidence")}>
              {(p) => (
                <input
                  {...p}
                  className="input"
                  maxLength={500}
                  placeholder="文号、证书编号或情况说明"
                  defaultValue={valueOf(result, "evidence")}
                />
              )}
            </Field>
            <button className="btn-secondary">添加</button>
          </Form>
          <Form method="post" className="space-y-3" noValidate>
            <input type="hidden" name="intent" value="veto" />
            <Field label="一票否决情形" name="veto" error={err("veto")}>
              {(p) => (
                <select {...p} className="input" defaultValue={veto ?? ""}>
                  <option value="">无</option>
                  {VETO_GROUNDS.map((g) => (
                    <option key={g} value={g}>
                      {g}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="依据" name="vetoEvidence" error={err("vetoEvidence")}>
              {(p) => <input {...p} className="input" maxLength={500} defaultValue={vetoEvidence ?? ""} />}
            </Field>
            <button className="btn-danger">保存一票否决</button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}
