import { useMemo, useRef, useState } from "react";
import { Form } from "react-router";
import { type Additions, withAdditions } from "~/domain/application";
import { evaluateEligibility, OCCUPATIONS, SCHOOL_TYPES, type EligibilityFacts } from "~/domain/eligibility";
import { LEVEL_LABELS, LEVELS, type Level } from "~/domain/levels";
import { Field } from "~/platform/ui/field";
import { AddedCertificateSchema, AddedEducationSchema, AddedWorkSchema } from "../schemas";

type Row<T> = T & { key: number };
type EduRow = Row<{ schoolType: string; major: string; done: "graduated" | "final-year"; evidence: string }>;
type WorkRow = Row<{ occupation: string; start: string; end: string; evidence: string }>;
type CertRow = Row<{ level: string; issued: string; occupation: string; evidence: string }>;

const toEdu = (r: EduRow) => ({
  schoolType: r.schoolType,
  major: r.major,
  graduated: r.done === "graduated",
  finalYear: r.done === "final-year",
  evidence: r.evidence,
});
const toWork = (r: WorkRow) => ({ occupation: r.occupation, start: r.start, end: r.end || null, evidence: r.evidence });
const toCert = (r: CertRow) => ({ level: r.level, issued: r.issued, occupation: r.occupation, evidence: r.evidence });

/** The first problem of a row, or null when it counts in the check. */
function rowProblem(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, v: unknown) {
  const r = schema.safeParse(v);
  return r.success ? null : (r.error?.issues[0]?.message ?? "未填写完整");
}

/**
 * The applicant's form: what the center records (read-only), what the applicant adds (each with a
 * note of the evidence they will bring), and the eligibility check, run on every keystroke with
 * the same pure rule the server runs on submit.
 */
export function ApplicationForm({
  level,
  today,
  facts,
  training,
  initial,
  intent,
  version,
  busy,
  submitLabel,
}: {
  level: Level;
  today: string;
  facts: EligibilityFacts;
  training: { hours: number; standard: number };
  initial: Additions;
  intent: "apply" | "resubmit";
  version?: number;
  busy: boolean;
  submitLabel: string;
}) {
  const next = useRef(100);
  const key = () => next.current++;
  const [edu, setEdu] = useState<EduRow[]>(() =>
    initial.education.map((e, i) => ({
      key: i,
      schoolType: e.schoolType,
      major: e.major,
      done: e.graduated ? "graduated" : "final-year",
      evidence: e.evidence,
    })),
  );
  const [work, setWork] = useState<WorkRow[]>(() =>
    initial.work.map((w, i) => ({ key: 20 + i, occupation: w.occupation, start: w.start, end: w.end ?? "", evidence: w.evidence })),
  );
  const [certs, setCerts] = useState<CertRow[]>(() =>
    initial.certificates.map((c, i) => ({ key: 40 + i, level: c.level, issued: c.issued, occupation: c.occupation, evidence: c.evidence })),
  );
  const [apprentice, setApprentice] = useState<{ on: boolean; evidence: string }>({
    on: initial.apprenticeship !== null,
    evidence: initial.apprenticeship?.evidence ?? "",
  });

  const additions = {
    education: edu.map(toEdu),
    work: work.map(toWork),
    certificates: certs.map(toCert),
    apprenticeship: apprentice.on ? { evidence: apprentice.evidence } : null,
  };
  // Only complete rows count toward the live check; the server refuses incomplete ones on submit.
  const counted: Additions = {
    education: additions.education.filter((e) => !rowProblem(AddedEducationSchema, e)) as Additions["education"],
    work: additions.work.filter((w) => !rowProblem(AddedWorkSchema, w)) as Additions["work"],
    certificates: additions.certificates.filter((c) => !rowProblem(AddedCertificateSchema, c)) as Additions["certificates"],
    apprenticeship: additions.apprenticeship,
  };
  const countedKey = JSON.stringify(counted);
  const result = useMemo(() => evaluateEligibility(withAdditions(facts, counted), level, today), [countedKey, facts, level, today]); // eslint-disable-line react-hooks/exhaustive-deps

  const update = <T extends { key: number }>(set: (f: (rows: T[]) => T[]) => void, k: number, patch: Partial<T>) =>
    set((rows) => rows.map((r) => (r.key === k ? { ...r, ...patch } : r)));

  return (
    <Form method="post" className="space-y-6">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="additions" value={JSON.stringify(additions)} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}

      <section className="card" aria-labelledby="recorded-title">
        <h2 id="recorded-title" className="text-lg font-medium">
          中心已登记的信息
        </h2>
        <p className="mt-1 text-sm text-slate-600">以下信息由中心登记，如有错误请联系中心管理员更正；缺少的可在下方补充。</p>
        <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium">工作经历</dt>
            <dd>
              {facts.work.length === 0 ? "无" : null}
              <ul className="list-disc pl-5">
                {facts.work.map((w, i) => (
                  <li key={i}>
                    {w.occupation}：{w.start} 至 {w.end ?? "今"}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt className="font-medium">学历</dt>
            <dd>
              {facts.education.length === 0 ? "无" : null}
              <ul className="list-disc pl-5">
                {facts.education.map((e, i) => (
                  <li key={i}>
                    {e.schoolType} · {e.major} · {e.graduated ? "已毕业" : "应届在校"}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt className="font-medium">已取得的证书</dt>
            <dd>
              {facts.certificates.length === 0 ? "无" : null}
              <ul className="list-disc pl-5">
                {facts.certificates.map((c, i) => (
                  <li key={i}>
                    {LEVEL_LABELS[c.level]} · {c.occupation} · {c.issued} 发证
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div>
            <dt className="font-medium">{LEVEL_LABELS[level]}标准学时培训</dt>
            <dd>
              已完成 {training.hours}/{training.standard} 学时；学徒期：{facts.apprenticeshipCompleted ? "已满" : "未登记"}
            </dd>
          </div>
        </dl>
      </section>

      <section className="card space-y-4" aria-labelledby="additions-title">
        <div>
          <h2 id="additions-title" className="text-lg font-medium">
            补充信息
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            只补充中心没有登记的经历或证书，并写明报名审核时您将提供的证明材料（如毕业证书、劳动合同、社保缴费记录、证书原件）。
          </p>
        </div>

        {edu.map((r, i) => {
          const id = `edu-${r.key}`;
          const set = (patch: Partial<EduRow>) => update(setEdu, r.key, patch);
          return (
            <fieldset key={r.key} className="rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-sm font-medium">补充学历 {i + 1}</legend>
              <div className="grid gap-3 sm:grid-cols-4">
                <SelectField
                  name={`${id}-type`}
                  label="学校类型"
                  value={r.schoolType}
                  options={plain(SCHOOL_TYPES)}
                  onChange={(v) => set({ schoolType: v })}
                />
                <TextField name={`${id}-major`} label="专业" value={r.major} maxLength={40} onChange={(v) => set({ major: v })} />
                <SelectField
                  name={`${id}-done`}
                  label="毕业情况"
                  value={r.done}
                  options={[
                    ["graduated", "已毕业"],
                    ["final-year", "应届在校"],
                  ]}
                  required
                  onChange={(v) => set({ done: v as EduRow["done"] })}
                />
                <EvidenceField
                  name={`${id}-evidence`}
                  hint="如：毕业证书原件及复印件"
                  value={r.evidence}
                  onChange={(v) => set({ evidence: v })}
                />
              </div>
              <RowFooter
                problem={rowProblem(AddedEducationSchema, toEdu(r))}
                onRemove={() => setEdu((rows) => rows.filter((x) => x.key !== r.key))}
                label={`删除补充学历 ${i + 1}`}
              />
            </fieldset>
          );
        })}

        {work.map((r, i) => {
          const id = `work-${r.key}`;
          const set = (patch: Partial<WorkRow>) => update(setWork, r.key, patch);
          return (
            <fieldset key={r.key} className="rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-sm font-medium">补充工作经历 {i + 1}</legend>
              <div className="grid gap-3 sm:grid-cols-4">
                <SelectField
                  name={`${id}-occupation`}
                  label="职业"
                  value={r.occupation}
                  options={plain(OCCUPATIONS)}
                  onChange={(v) => set({ occupation: v })}
                />
                <TextField name={`${id}-start`} label="开始日期" type="date" value={r.start} onChange={(v) => set({ start: v })} />
                <TextField
                  name={`${id}-end`}
                  label="结束日期"
                  hint="仍在从事可不填"
                  type="date"
                  value={r.end}
                  onChange={(v) => set({ end: v })}
                />
                <EvidenceField
                  name={`${id}-evidence`}
                  hint="如：原单位工作证明、社保缴费记录"
                  value={r.evidence}
                  onChange={(v) => set({ evidence: v })}
                />
              </div>
              <RowFooter
                problem={rowProblem(AddedWorkSchema, toWork(r))}
                onRemove={() => setWork((rows) => rows.filter((x) => x.key !== r.key))}
                label={`删除补充工作经历 ${i + 1}`}
              />
            </fieldset>
          );
        })}

        {certs.map((r, i) => {
          const id = `cert-${r.key}`;
          const set = (patch: Partial<CertRow>) => update(setCerts, r.key, patch);
          return (
            <fieldset key={r.key} className="rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-sm font-medium">补充证书 {i + 1}</legend>
              <div className="grid gap-3 sm:grid-cols-4">
                <SelectField
                  name={`${id}-level`}
                  label="证书等级"
                  value={r.level}
                  options={LEVELS.map((l) => [l, LEVEL_LABELS[l]] as const)}
                  onChange={(v) => set({ level: v })}
                />
                <SelectField
                  name={`${id}-occupation`}
                  label="职业"
                  value={r.occupation}
                  options={plain(OCCUPATIONS)}
                  onChange={(v) => set({ occupation: v })}
                />
                <TextField name={`${id}-issued`} label="发证日期" type="date" value={r.issued} onChange={(v) => set({ issued: v })} />
                <EvidenceField name={`${id}-evidence`} hint="如：证书原件" value={r.evidence} onChange={(v) => set({ evidence: v })} />
              </div>
              <RowFooter
                problem={rowProblem(AddedCertificateSchema, toCert(r))}
                onRemove={() => setCerts((rows) => rows.filter((x) => x.key !== r.key))}
                label={`删除补充证书 ${i + 1}`}
              />
            </fieldset>
          );
        })}

        {!facts.apprenticeshipCompleted ? (
          <fieldset className="rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-medium">学徒期</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={apprentice.on} onChange={(e) => setApprentice((a) => ({ ...a, on: e.target.checked }))} />
              本职业或相关职业学徒期已满
            </label>
            {apprentice.on ? (
              <EvidenceField
                name="apprentice-evidence"
                className="mt-2 sm:w-1/2"
                hint="如：学徒期满考核证明"
                value={apprentice.evidence}
                onChange={(v) => setApprentice((a) => ({ ...a, evidence: v }))}
              />
            ) : null}
          </fieldset>
        ) : null}

        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className="btn-secondary"
            onClick={() => setEdu((rows) => [...rows, { key: key(), schoolType: "", major: "", done: "graduated", evidence: "" }])}
          >
            添加学历
          </button>
          <button
            type="button"
            className="btn-secondary"
            onClick={() => setWork((rows) => [...rows, { key: key(), occupation: "", start: "", end: "", evidence: "" }])}
          >
            添加工作经历
          </button>
          <button
            type="button"
            className="btn-secondary"
            onClick={() => setCerts((rows) => [...rows, { key: key(), level: "", issued: "", occupation: "", evidence: "" }])}
          >
            添加证书
          </button>
        </div>
      </section>

      <section className="card" aria-labelledby="check-title" data-testid="live-eligibility">
        <h2 id="check-title" className="text-lg font-medium">
          申报条件检查
        </h2>
        <p aria-live="polite" className={`mt-2 font-medium ${result.eligible ? "text-green-800" : "text-red-800"}`}>
          {result.eligible
            ? `符合${LEVEL_LABELS[level]}申报条件（满足 ${result.metBy}）`
            : `暂不符合${LEVEL_LABELS[level]}申报条件，满足以下任一条即可：`}
        </p>
        <ul className="mt-2 space-y-1 text-sm">
          {result.conditions.map((c) => (
            <li key={c.code}>
              <span className="font-mono">{c.code}</span>：{c.met ? "已满足" : `还缺：${c.missing.join("；")}`}
            </li>
          ))}
        </ul>
        <p className="mt-2 text-xs text-slate-500">按 {today} 的信息检查；提交时服务器会再次检查，中心审核时核对您的证明材料。</p>
      </section>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary" disabled={busy || !result.eligible} aria-describedby="submit-hint">
          {submitLabel}
        </button>
        <p id="submit-hint" className="text-sm text-slate-600">
          {result.eligible ? "提交后由中心审核，审核结果在“网上报名”中查看。" : "满足任一申报条件后才能提交。"}
        </p>
      </div>
    </Form>
  );
}

function RowFooter({ problem, onRemove, label }: { problem: string | null; onRemove: () => void; label: string }) {
  return (
    <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
      <p className={`text-xs ${problem ? "text-amber-800" : "text-slate-500"}`}>{problem ? `未计入检查：${problem}` : "已计入检查"}</p>
      <button type="button" className="link text-sm" onClick={onRemove} aria-label={label}>
        删除
      </button>
    </div>
  );
}

const plain = (values: readonly string[]) => values.map((v) => [v, v] as const);

type FieldProps = { name: string; label: string; hint?: string; className?: string; value: string; onChange: (value: string) => void };

/** A controlled text or date input of an added row. */
function TextField({ type = "text", maxLength, ...f }: FieldProps & { type?: "text" | "date"; maxLength?: number }) {
  return (
    <Field label={f.label} name={f.name} hint={f.hint} className={f.className}>
      {(p) => (
        <input {...p} type={type} className="input" value={f.value} maxLength={maxLength} onChange={(e) => f.onChange(e.target.value)} />
      )}
    </Field>
  );
}

/** What the applicant will show for an added fact (checked by the center at review). */
function EvidenceField(f: Omit<FieldProps, "label">) {
  return <TextField {...f} label="证明材料" maxLength={200} />;
}

/** A controlled select of an added row; "请选择" first unless a value is always chosen. */
function SelectField({
  options,
  required = false,
  ...f
}: FieldProps & { options: readonly (readonly [value: string, label: string])[]; required?: boolean }) {
  return (
    <Field label={f.label} name={f.name} hint={f.hint} className={f.className}>
      {(p) => (
        <select {...p} className="input" value={f.value} onChange={(e) => f.onChange(e.target.value)}>
          {required ? null : <option value="">请选择</option>}
          {options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
