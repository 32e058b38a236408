import { data, Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/center-staff-detail";
import { audit } from "~/platform/audit.server";
import { getAuth, requireCenterAccess, requireUserWithPermission } from "~/platform/auth.server";
import { db } from "~/platform/db.server";
import { fieldErrors, formToObject, httpError } from "~/platform/http.server";
import { accountSchema, newPasswordSchema, personSchema, rolesSchema } from "~/features/staff/schemas";
import {
  createAccount,
  departmentsOf,
  grantableRoles,
  idNumberTaken,
  resetPassword,
  setAccountActive,
  setRoles,
  updatePerson,
} from "~/features/staff/service.server";
import { maskIdNumber } from "~/domain/id-number";
import { hasPermission } from "~/domain/permissions";
import { PLATFORM_ROLE_LABELS, type PlatformRole } from "~/domain/roles";
import { formatDate, formatDateTime, shanghaiToday } from "~/domain/time";
import { PersonFields } from "~/features/staff/ui/person-form";
import { eligibilityFacts } from "~/features/certificates/service.server";
import {
  addEducation,
  addExternalCertificate,
  addWork,
  EducationSchema,
  ExternalCertificateSchema,
  WorkSchema,
} from "~/features/staff/facts.server";
import { evaluateEligibility, OCCUPATIONS, SCHOOL_TYPES } from "~/domain/eligibility";
import { LEVELS, LEVEL_LABELS, type Level } from "~/domain/levels";
import { Field, Notice, PageHeader } from "~/platform/ui/page";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.person.name ?? "人员"} · 人员管理` }];
}

async function loadPersonInScope(request: Request, context: Route.LoaderArgs["context"], personId: string, action: "read" | "update") {
  const user = await requireUserWithPermission(request, context, `${action}:staff:center`);
  const person = await db.person.findUnique({
    where: { id: personId },
    include: { department: true, center: true, user: { include: { roles: true } } },
  });
  if (!person) httpError(404, "未找到该人员。");
  await requireCenterAccess(request, context, user, action, "staff", person.centerId);
  return { user, person };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { user, person } = await loadPersonInScope(request, context, params.personId, "read");
  const editing = new URL(request.url).searchParams.get("edit") === "1" && hasPermission(user.roles, "update:staff:center");
  // The edit form is the one screen that shows the full ID number; each opening is logged.
  if (editing) {
    await audit({ action: "staff.view_id", actor: user, centerId: person.centerId, target: person.id, ip: getAuth(context).clientAddress });
  }
  const departments = editing ? await departmentsOf(person.centerId) : [];
  const [facts, education, work, certificates] = await Promise.all([
    eligibilityFacts(person.id),
    db.educationRecord.findMany({ where: { personId: person.id }, orderBy: { createdAt: "asc" } }),
    db.workRecord.findMany({ where: { personId: person.id }, orderBy: { start: "asc" } }),
    db.certificate.findMany({ where: { personId: person.id }, orderBy: { issuedAt: "asc" } }),
  ]);
  const today = shanghaiToday(new Date());
  return {
    eligibility: LEVELS.map((l) => {
      const r = evaluateEligibility(facts, l, today);
      return {
        level: l,
        label: LEVEL_LABELS[l],
        eligible: r.eligible,
        metBy: r.metBy,
        missing: r.conditions.map((c) => `${c.code}：${c.missing.join("；")}`),
      };
    }),
    facts: {
      apprenticeship: person.apprenticeshipCompleted,
      education: education.map((e) => ({
        id: e.id,
        text: `${e.schoolType}${e.school ? `（${e.school}）` : ""} · ${e.major} · ${e.graduated ? "已毕业" : "应届在校"}`,
      })),
      work: work.map((w) => ({
        id: w.id,
        text: `${w.occupation}${w.employer ? ` · ${w.employer}` : ""} · ${formatDate(w.start)} 至 ${w.end ? formatDate(w.end) : "今"}`,
      })),
      certificates: certificates.map((c) => ({
        id: c.id,
        text: `${LEVEL_LABELS[c.level as Level]} · ${c.number} · ${formatDate(c.issuedAt)} · ${c.source === "platform" ? "本平台颁发" : "外部录入"}${c.status === "void" ? "（已作废）" : ""}`,
      })),
    },
    editing,
    canEdit: hasPermission(user.roles, "update:staff:center"),
    canManageAccount: hasPermission(user.roles, "update:account:center"),
    grantable: grantableRoles(user).map((r) => ({ role: r, label: PLATFORM_ROLE_LABELS[r] })),
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    person: {
      id: person.id,
      name: person.name,
      idNumberMasked: maskIdNumber(person.idNumber),
      idNumberFull: editing ? person.idNumber : null,
      phone: person.phone,
      staffRole: person.staffRole,
      departmentId: person.departmentId,
      department: person.department?.name ?? null,
      center: person.center.name,
      hireDate: person.hireDate ? formatDate(person.hireDate) : null,
      createdAt: formatDateTime(person.createdAt),
    },
    account: person.user
      ? {
          username: person.user.username,
          active: person.user.active,
          mustChangePassword: person.user.mustChangePassword,
          isSelf: person.user.id === user.id,
          roles: person.user.roles.map((r) => r.role as PlatformRole),
        }
      : null,
  };
}

const IntentSchema = z.enum(
  [
    "update",
    "create-account",
    "set-roles",
    "reset-password",
    "set-active",
    "add-education",
    "add-work",
    "add-certificate",
    "set-apprenticeship",
    "remove-education",
    "remove-work",
  ],
  {
    message: "未知的操作",
  },
);

export async function action({ request, context, params }: Route.ActionArgs) {
  const form = await request.formData();
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success) httpError(400, "未知的操作。");
  const ip = getAuth(context).clientAddress;
  const values = formToObject(form);

  if (intent.data === "update") {
    const { user, person } = await loadPersonInScope(request, context, params.personId, "update");
    const parsed = personSchema(shanghaiToday(new Date())).safeParse(values);
    if (!parsed.success) return data({ intent: intent.data, errors: fieldErrors(parsed.error), values }, { status: 400 });
    if (await idNumberTaken(parsed.data.idNumber, person.id)) {
      return data(
        { intent: intent.data, errors: { idNumber: "该身份证号已被其他人员使用" } as Record<string, string>, values },
        { status: 409 },
      );
    }
    await updatePerson(person.id, person.centerId, parsed.data, user, ip);
    return data({ intent: intent.data, ok: true, message: "人员信息已保存。" });
  }

  if (["add-education", "add-work", "add-certificate", "set-apprenticeship", "remove-education", "remove-work"].includes(intent.data)) {
    const { person } = await loadPersonInScope(request, context, params.personId, "update");
    const fail = (message: string) => data({ intent: intent.data, errors: { _form: message } as Record<string, string> }, { status: 400 });
    if (intent.data === "add-education") {
      const p = EducationSchema.safeParse(values);
      if (!p.success) return fail(p.error.issues[0].message);
      await addEducation(person.id, p.data);
    } else if (intent.data === "add-work") {
      const p = WorkSchema.safeParse(values);
      if (!p.success) return fail(p.error.issues[0].message);
      await addWork(person.id, p.data);
    } else if (intent.data === "add-certificate") {
      const p = ExternalCertificateSchema.safeParse(values);
      if (!p.success) return fail(p.error.issues[0].message);
      const r = await addExternalCertificate(person.id, p.data);
      if (!r.ok) return fail(r.message);
    } else if (intent.data === "set-apprenticeship") {
      await db.person.update({ where: { id: person.id }, data: { apprenticeshipCompleted: values.value === "true" } });
    } else {
      const id = z.string().min(1).max(40).safeParse(values.recordId);
      if (!id.success) return fail("参数有误。");
      const where = { id: id.data, personId: person.id };
      if (intent.data === "remove-education") await db.educationRecord.deleteMany({ where });
      else await db.workRecord.deleteMany({ where });
    }
    return data({ intent: intent.data, ok: true, message: "申报条件信息已更新。" });
  }

  // Account actions: the target account is always the one linked to this person, never an id from the form.
  const { user, person } = await loadPersonInScope(request, context, params.personId, "read");
  await requireUserWithPermission(request, context, "update:account:center");
  await requireCenterAccess(request, context, user, "update", "account", person.centerId);

  if (intent.data === "create-account") {
    if (person.user) httpError(409, "该人员已有账号。");
    const parsed = accountSchema.safeParse(values);
    const roles = rolesSchema.safeParse(form.getAll("roles"));
    if (!parsed.success || !roles.success) {
      const errors = {
        ...(parsed.success ? {} : fieldErrors(parsed.error)),
        ...(roles.success ? {} : { roles: roles.error.issues[0].message }),
      };
      return data({ intent: intent.data, errors, values }, { status: 400 });
    }
    const result = await createAccount(person, { ...parsed.data, roles: roles.data }, user, ip);
    if (!result.ok) return data({ intent: intent.data, errors: result.errors, values }, { status: 409 });
    return data({ intent: intent.data, ok: true, message: "账号已开通。首次登录时须修改初始密码。" });
  }

  if (!person.user) httpError(409, "该人员尚未开通账号。");

  if (intent.data === "set-roles") {
    const roles = rolesSchema.safeParse(form.getAll("roles"));
    if (!roles.success) return data({ intent: intent.data, errors: { roles: roles.error.issues[0].message } }, { status: 400 });
    const result = await setRoles(person.user.id, person.centerId, roles.data, user, ip);
    if (!result.ok) return data({ intent: intent.data, errors: result.errors }, { status: 400 });
    return data({ intent: intent.data, ok: true, message: "角色已更新。" });
  }

  if (intent.data === "reset-password") {
    const pw = newPasswordSchema.safeParse(values.password);
    if (!pw.success) return data({ intent: intent.data, errors: { password: pw.error.issues[0].message } }, { status: 400 });
    await resetPassword(person.user.id, person.centerId, pw.data, user, ip);
    return data({ intent: intent.data, ok: true, message: "密码已重置，该账号的所有登录已失效；下次登录须修改密码。" });
  }

  const active = z.enum(["true", "false"]).safeParse(values.active);
  if (!active.success) httpError(400, "参数有误。");
  const result = await setAccountActive(person.user.id, person.centerId, active.data === "true", user, ip);
  if (!result.ok) return data({ intent: intent.data, errors: result.errors }, { status: 400 });
  return data({ intent: intent.data, ok: true, message: active.data === "true" ? "账号已启用。" : "账号已停用，其登录已全部失效。" });
}

export default function StaffDetail() {
  const { person, account, editing, canEdit, canManageAccount, grantable, departments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const errorsFor = (intent: string): Record<string, string> =>
    actionData && actionData.intent === intent && "errors" in actionData ? (actionData.errors as Record<string, string>) : {};
  const message = actionData && "message" in actionData ? actionData.message : null;
  const updateErrors = errorsFor("update");
  const showEdit = editing && !(actionData?.intent === "update" && "ok" in actionData);

  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader
        title={person.name}
        description={`${person.center} · ${person.staffRole ?? "未设岗位"}`}
        actions={
          <Link to="/center/staff" className="btn-secondary">
            返回列表
          </Link>
        }
      />
      {params.get("created") ? <Notice tone="success">人员已登记。可在下方为其开通账号。</Notice> : null}
      {message ? <Notice tone="success">{message}</Notice> : null}
      {errorsFor(actionData?.intent ?? "")._form ? <Notice tone="error">{errorsFor(actionData?.intent ?? "")._form}</Notice> : null}

      {showEdit ? (
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title" className="mb-4 text-lg font-medium">
            编辑人员信息
          </h2>
          <Notice tone="warning">本页显示完整身份证号，查看已记入操作日志。</Notice>
          <Form method="post" className="space-y-6" noValidate>
            <input type="hidden" name="intent" value="update" />
            <PersonFields
              values={
                actionData?.intent === "update" && "values" in actionData && actionData.values
                  ? (actionData.values as Record<string, string>)
                  : {
                      ...person,
                      idNumber: person.idNumberFull ?? "",
                      departmentId: person.departmentId ?? "",
                      staffRole: person.staffRole ?? "",
                      hireDate: person.hireDate ?? "",
                    }
              }
              errors={updateErrors}
              departments={departments}
            />
            <div className="flex gap-3">
              <button type="submit" className="btn-primary" disabled={busy}>
                保存
              </button>
              <Link to={`/center/staff/${person.id}`} className="btn-secondary">
                取消
              </Link>
            </div>
          </Form>
        </section>
      ) : (
        <section className="card" aria-labelledby="info-title">
          <div className="mb-4 flex items-center justify-between">
            <h2 id="info-title" className="text-lg font-medium">
              基本信息
            </h2>
            {canEdit ? (
              <Link to="?edit=1" className="btn-secondary">
                编辑（显示完整身份证号）
              </Link>
            ) : null}
          </div>
          <dl className="grid grid-cols-[7rem_1fr] gap-x-4 gap-y-2 text-sm sm:grid-cols-[7rem_1fr_7rem_1fr]">
            <dt className="text-slate-500">身份证号</dt>
            <dd className="font-mono">{person.idNumberMasked}</dd>
            <dt className="text-slate-500">手机号</dt>
            <dd>{person.phone}</dd>
            <dt className="text-slate-500">岗位</dt>
            <dd>{person.staffRole ?? "—"}</dd>
            <dt className="text-slate-500">部门</dt>
            <dd>{person.department ?? "—"}</dd>
            <dt className="text-slate-500">入职日期</dt>
            <dd>{person.hireDate ?? "—"}</dd>
            <dt className="text-slate-500">登记时间</dt>
            <dd>{person.createdAt}</dd>
          </dl>
        </section>
      )}

      <FactsSection />

      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title" className="mb-4 text-lg font-medium">
          登录账号与平台角色
        </h2>
        {!account ? (
          canManageAccount ? (
            <Form method="post" className="space-y-4" noValidate>
              <input type="hidden" name="intent" value="create-account" />
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="账号" name="username" error={errorsFor("create-account").username} hint="建议使用手机号">
                  <input
                    id="username"
                    name="username"
                    defaultValue={person.phone}
                    className="input"
                    aria-invalid={!!errorsFor("create-account").username}
                  />
                </Field>
                <Field label="初始密码" name="password" error={errorsFor("create-account").password} hint="至少8位，首次登录须修改">
                  <input
                    id="password"
                    name="password"
                    type="password"
                    autoComplete="new-password"
                    className="input"
                    aria-invalid={!!errorsFor("create-account").password}
                  />
                </Field>
              </div>
              <RoleCheckboxes grantable={grantable} checked={["candidate"]} error={errorsFor("create-account").roles} />
              <button type="submit" className="btn-primary" disabled={busy}>
                开通账号
              </button>
            </Form>
          ) : (
            <p className="text-sm text-slate-600">未开通账号。</p>
          )
        ) : (
          <div className="space-y-6">
            <p className="text-sm">
              账号 <strong>{account.username}</strong>
              {account.active ? (
                <span className="badge ml-2 bg-green-100 text-green-800">启用</span>
              ) : (
                <span className="badge ml-2 bg-red-100 text-red-800">已停用</span>
              )}
              {account.mustChangePassword ? <span className="badge ml-2 bg-amber-100 text-amber-900">待修改初始密码</span> : null}
            </p>
            {canManageAccount ? (
              <>
                <Form method="post" className="space-y-3">
                  <input type="hidden" name="intent" value="set-roles" />
                  <RoleCheckboxes grantable={grantable} checked={account.roles} error={errorsFor("set-roles").roles} />
                  <button type="submit" className="btn-primary" disabled={busy}>
                    保存角色
                  </button>
                </Form>
                <div className="flex flex-wrap items-end gap-6 border-t border-slate-100 pt-4">
                  <Form method="post" className="flex items-end gap-2" noValidate>
                    <input type="hidden" name="intent" value="reset-password" />
                    <Field label="重置密码" name="reset-password" error={errorsFor("reset-password").password}>
                      <input
                        id="reset-password"
                        name="password"
                        type="password"
                        autoComplete="new-password"
                        placeholder="新的初始密码"
                        className="input w-56"
                      />
                    </Field>
                    <button type="submit" className="btn-secondary" disabled={busy}>
                      重置
                    </button>
                  </Form>
                  {!account.isSelf ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="set-active" />
                      <input type="hidden" name="active" value={account.active ? "false" : "true"} />
                      <button type="submit" className={account.active ? "btn-danger" : "btn-secondary"} disabled={busy}>
                        {account.active ? "停用账号" : "启用账号"}
                      </button>
                    </Form>
                  ) : null}
                </div>
              </>
            ) : (
              <p className="text-sm text-slate-600">角色：{account.roles.map((r) => PLATFORM_ROLE_LABELS[r]).join("、")}</p>
            )}
          </div>
        )}
      </section>
    </div>
  );
}

function RoleCheckboxes({
  grantable,
  checked,
  error,
}: {
  grantable: { role: string; label: string }[];
  checked: string[];
  error?: string;
}) {
  return (
    <fieldset>
      <legend className="label">平台角色</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {grantable.map((g) => (
          <label key={g.role} className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" name="roles" value={g.role} defaultChecked={checked.includes(g.role)} className="size-4" />
            {g.label}
          </label>
        ))}
      </div>
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}

function FactsSection() {
  const { eligibility, facts, canEdit } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
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
            <div>
              <label htmlFor="edu-type" className="label">
                学校类型
              </label>
              <select id="edu-type" name="schoolType" className="input w-56">
                {SCHOOL_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="edu-school" className="label">
                学校
              </label>
              <input id="edu-school" name="school" className="input w-40" />
            </div>
            <div>
              <label htmlFor="edu-major" className="label">
                专业
              </label>
              <input id="edu-major" name="major" className="input w-40" />
            </div>
            <div>
              <label htmlFor="edu-grad" className="label">
                毕业情况
              </label>
              <select id="edu-grad" name="graduated" className="input w-32">
                <option value="graduated">已毕业</option>
                <option value="final-year">应届在校</option>
              </select>
            </div>
            <button className="btn-secondary" disabled={busy}>
              添加学历
            </button>
          </Form>
          <Form method="post" className="flex flex-wrap items-end gap-2" noValidate>
            <input type="hidden" name="intent" value="add-work" />
            <div>
              <label htmlFor="work-occ" className="label">
                职业
              </label>
              <select id="work-occ" name="occupation" className="input w-64">
                {OCCUPATIONS.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="work-emp" className="label">
                单位
              </label>
              <input id="work-emp" name="employer" className="input w-40" />
            </div>
            <div>
              <label htmlFor="work-start" className="label">
                开始
              </label>
              <input id="work-start" name="start" type="date" className="input w-40" />
            </div>
            <div>
              <label htmlFor="work-end" className="label">
                结束（在职可空）
              </label>
              <input id="work-end" name="end" type="date" className="input w-40" />
            </div>
            <button className="btn-secondary" disabled={busy}>
              添加工作经历
            </button>
          </Form>
          <Form method="post" className="flex flex-wrap items-end gap-2" noValidate>
            <input type="hidden" name="intent" value="add-certificate" />
            <div>
              <label htmlFor="cert-level" className="label">
                外部证书等级
              </label>
              <select id="cert-level" name="level" className="input w-40">
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {LEVEL_LABELS[l]}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="cert-number" className="label">
                证书编号
              </label>
              <input id="cert-number" name="number" className="input w-64 font-mono" />
            </div>
            <div>
              <label htmlFor="cert-issued" className="label">
                发证日期
              </label>
              <input id="cert-issued" name="issued" type="date" className="input w-40" />
            </div>
            <div>
              <label htmlFor="cert-occ" className="label">
                职业
              </label>
              <select id="cert-occ" name="occupation" className="input w-56">
                {OCCUPATIONS.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </div>
            <button className="btn-secondary" disabled={busy}>
              录入外部证书
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

function FactList({ items, intent, canEdit }: { items: { id: string; text: string }[]; intent?: string; canEdit: boolean }) {
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
