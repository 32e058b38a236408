import { Form } from "react-router";
import { OCCUPATIONS, SCHOOL_TYPES } from "~/domain/eligibility";
import { LEVEL_LABELS, LEVELS } from "~/domain/levels";
import { type ActionFail, constraintsOf, errorOf } from "~/platform/forms";
import { Field } from "~/platform/ui/field";
import { educationSchema, workSchema } from "../schemas";

type Fact = { id: string; text: string };
export type PersonFacts = { apprenticeship: boolean; education: Fact[]; work: Fact[]; certificates: Fact[] };
export type LevelEligibility = { level: string; label: string; eligible: boolean; metBy: string | null; missing: string[] };

/**
 * The declaration conditions (申报条件) of each level and the facts they rest on, with the forms
 * that record them. `refusalOf(intent)` is the refused submit of that form, if it was the last.
 */
export function FactsSection({
  eligibility,
  facts,
  canEdit,
  busy,
  refusalOf,
}: {
  eligibility: LevelEligibility[];
  facts: PersonFacts;
  canEdit: boolean;
  busy: boolean;
  refusalOf: (intent: string) => ActionFail | undefined;
}) {
  const education = refusalOf("add-education");
  const work = refusalOf("add-work");
  const certificate = refusalOf("add-certificate");
  return (
    <section className="card space-y-4" aria-labelledby="facts-title">
      <h2 id="facts-title" className="text-lg font-medium">
        申报条件
      </h2>
      <ul className="space-y-2 text-sm">
        {eligibility.map((e) => (
          <li key={e.level} data-testid={`staff-eligibility-${e.level}`}>
            <span className="font-medium">{e.label}：</span>
            {e.eligible ? <span className="text-green-700">符合（{e.metBy}）</span> : <span className="text-red-700">暂不符合</span>}
            {!e.eligible ? (
              <ul className="mt-1 list-disc pl-5 text-slate-600">
                {e.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="grid gap-4 md:grid-cols-3">
        <div>
          <h3 className="font-medium">学历</h3>
          <FactList items={facts.education} intent="remove-education" canEdit={canEdit} />
        </div>
        <div>
          <h3 className="font-medium">工作经历（本中心任职自入职日期起自动计入）</h3>
          <FactList items={facts.work} intent="remove-work" canEdit={canEdit} />
        </div>
        <div>
          <h3 className="font-medium">已持证书</h3>
          <FactList items={facts.certificates} canEdit={false} />
        </div>
      </div>
      {canEdit ? (
        <div className="space-y-3 border-t border-slate-100 pt-4">
          <Form method="post" className="flex items-center gap-3 text-sm">
            <input type="hidden" name="intent" value="set-apprenticeship" />
            <input type="hidden" name="value" value={facts.apprenticeship ? "false" : "true"} />
            <span>学徒期：{facts.apprenticeship ? "已满" : "未满或无"}</span>
            <button className="btn-secondary py-1" disabled={busy}>
              {facts.apprenticeship ? "改为未满" : "记为学徒期已满"}
            </button>
          </Form>
          <Form method="post" className="flex flex-wrap items-end gap-2" noValidate>
            <input type="hidden" name="intent" value="add-education" />
            <Field label="学校类型" name="schoolType" id="edu-type" error={errorOf(education, "schoolType")}>
              {(p) => (
                <select {...p} className="input w-56">
                  {SCHOOL_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="学校" name="school" id="edu-school" error={errorOf(education, "school")}>
              {(p) => <input {...p} className="input w-40" {...constraintsOf(educationSchema.shape.school)} />}
            </Field>
            <Field label="专业" name="major" id="edu-major" error={errorOf(education, "major")}>
              {(p) => <input {...p} className="input w-40" {...constraintsOf(educationSchema.shape.major)} />}
            </Field>
            <Field label="毕业情况" name="graduated" id="edu-grad" error={errorOf(education, "graduated")}>
              {(p) => (
                <select {...p} className="input w-32">
                  <option value="graduated">已毕业</option>
                  <option value="final-year">应届在校</option>
                </select>
              )}
            </Field>
            <button className="btn-secondary" disabled={busy}>
              添加学历
            </button>
          </Form>
          <Form method="post" className="flex flex-wrap items-end gap-2" noValidate>
            <input type="hidden" name="intent" value="add-work" />
            <Field label="职业" name="occupation" id="work-occ" error={errorOf(work, "occupation")}>
              {(p) => (
                <select {...p} className="input w-64">
                  {OCCUPATIONS.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="单位" name="employer" id="work-emp" error={errorOf(work, "employer")}>
              {(p) => <input {...p} className="input w-40" {...constraintsOf(workSchema.shape.employer)} />}
            </Field>
            <Field label="开始" name="start" id="work-start" error={errorOf(work, "start")}>
              {(p) => <input {...p} type="date" className="input w-40" />}
            </Field>
            <Field label="结束（在职可空）" name="end" id="work-end" error={errorOf(work, "end")}>
              {(p) => <input {...p} type="date" className="input w-40" />}
            </Field>
            <button className="btn-secondary" disabled={busy}>
              添加工作经历
            </button>
          </Form>
          <Form method="post" className="flex flex-wrap items-end gap-2" noValidate>
            <input type="hidden" name="intent" value="add-certificate" />
            <Field label="外部证书等级" name="level" id="cert-level" error={errorOf(certificate, "level")}>
              {(p) => (
                <select {...p} className="input w-40">
                  {LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {LEVEL_LABELS[l]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="证书编号" name="number" id="cert-number" error={errorOf(certificate, "number")}>
              {(p) => <input {...p} className="input w-64 font-mono" autoComplete="off" />}
            </Field>
            <Field label="发证日期" name="issued" id="cert-issued" error={errorOf(certificate, "issued")}>
              {(p) => <input {...p} type="date" className="input w-40" />}
            </Field>
            <Field label="职业" name="occupation" id="cert-occ" error={errorOf(certificate, "occupation")}>
              {(p) => (
                <select {...p} className="input w-56">
                  {OCCUPATIONS.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button className="btn-secondary" disabled={busy}>
              录入外部证书
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

function FactList({ items, intent, canEdit }: { items: Fact[]; intent?: string; canEdit: boolean }) {
  if (items.length === 0) return <p className="mt-1 text-sm text-slate-500">无</p>;
  return (
    <ul className="mt-1 space-y-1 text-sm">
      {items.map((i) => (
        <li key={i.id} className="flex items-center gap-2">
          <span>{i.text}</span>
          {canEdit && intent ? (
            <Form method="post">
              <input type="hidden" name="intent" value={intent} />
              <input type="hidden" name="recordId" value={i.id} />
              <button className="link text-xs" aria-label={`删除：${i.text}`}>
                删除
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
