import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import type { Route } from "./+types/center-staff-detail";
import { getAuth, requireCenterAccess, requireUserWithPermission } from "~/platform/auth.server";
import { actionFail, actionOk, parseWith, runAction } from "~/platform/forms.server";
import { type ActionFail, formToObject } from "~/platform/forms";
import { hasPermission } from "~/domain/permissions";
import { PLATFORM_ROLE_LABELS } from "~/domain/roles";
import { shanghaiToday } from "~/domain/time";
import { AccountPanel } from "~/features/accounts";
import { grantableRoles, openAccount, resetPassword, setAccountActive, setRoles } from "~/features/accounts/index.server";
import { FormResult } from "~/platform/ui/field";
import { Notice, PageHeader } from "~/platform/ui/page";
import {
  accountActiveSchema,
  apprenticeshipSchema,
  educationSchema,
  externalCertificateSchema,
  newAccountSchema,
  passwordResetSchema,
  personPageIntentSchema,
  personSchema,
  recordIdSchema,
  roleChoiceSchema,
  workSchema,
} from "../schemas";
import {
  addEducation,
  addExternalCertificate,
  addWork,
  departmentChoices,
  describePerson,
  findPerson,
  idNumberTaken,
  logFullIdView,
  personFacts,
  removeEducation,
  removeWork,
  setApprenticeship,
  updatePerson,
} from "../service.server";
import { FactsSection } from "../ui/facts-section";
import { PersonEdit, PersonInfo } from "../ui/person-card";

export function meta({ data }: Route.MetaArgs) {
  return [{ title: `${data?.person.name ?? "人员"} · 人员管理` }];
}

async function loadPersonInScope(request: Request, context: Route.LoaderArgs["context"], personId: string, action: "read" | "update") {
  const user = await requireUserWithPermission(request, context, `${action}:staff:center`);
  const person = await findPerson(personId);
  await requireCenterAccess(request, context, user, action, "staff", person.centerId);
  return { user, person };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { user, person } = await loadPersonInScope(request, context, params.personId, "read");
  const canEdit = hasPermission(user.roles, "update:staff:center");
  const editing = new URL(request.url).searchParams.get("edit") === "1" && canEdit;
  if (editing) await logFullIdView(person, user, getAuth(context).clientAddress);
  const [departments, facts] = await Promise.all([editing ? departmentChoices(person.centerId) : [], personFacts(person, new Date())]);
  return {
    ...facts,
    ...describePerson(person, user, editing),
    editing,
    canEdit,
    canManageAccount: hasPermission(user.roles, "update:account:center"),
    grantable: grantableRoles(user).map((r) => ({ role: r, label: PLATFORM_ROLE_LABELS[r] })),
    departments,
  };
}

const FACT_INTENTS = new Set(["add-education", "add-work", "add-certificate", "set-apprenticeship", "remove-education", "remove-work"]);

export async function action({ request, context, params }: Route.ActionArgs) {
  const form = await request.formData();
  const values = formToObject(form);
  const intent = parseWith(personPageIntentSchema, values);
  if (!intent.ok) return intent.response;
  const ip = getAuth(context).clientAddress;
  const done = (message: string) => actionOk(message, { intent: intent.data.intent });

  if (intent.data.intent === "update") {
    const { user, person } = await loadPersonInScope(request, context, params.personId, "update");
    const parsed = parseWith(personSchema(shanghaiToday(new Date())), values);
    if (!parsed.ok) return parsed.response;
    if (await idNumberTaken(parsed.data.idNumber, person.id)) {
      return actionFail(409, "该身份证号已被其他人员使用", { idNumber: "该身份证号已被其他人员使用" }, values);
    }
    return runAction(async () => {
      await updatePerson(person, parsed.data, user, ip);
      return done("人员信息已保存。");
    }, values);
  }

  if (FACT_INTENTS.has(intent.data.intent)) {
    const { user, person } = await loadPersonInScope(request, context, params.personId, "update");
    const updated = () => done("申报条件信息已更新。");
    switch (intent.data.intent) {
      case "add-education": {
        const p = parseWith(educationSchema, values);
        if (!p.ok) return p.response;
        await addEducation(person, p.data, user, ip);
        return updated();
      }
      case "add-work": {
        const p = parseWith(workSchema, values);
        if (!p.ok) return p.response;
        await addWork(person, p.data, user, ip);
        return updated();
      }
      case "add-certificate": {
        const p = parseWith(externalCertificateSchema, values);
        if (!p.ok) return p.response;
        return runAction(async () => {
          const r = await addExternalCertificate(person, p.data, user, ip);
          if (!r.ok) return actionFail(400, r.message, { number: r.message }, values);
          return updated();
        }, values);
      }
      case "set-apprenticeship": {
        const p = parseWith(apprenticeshipSchema, values);
        if (!p.ok) return p.response;
        await setApprenticeship(person, p.data.value === "true", user, ip);
        return updated();
      }
      default: {
        const p = parseWith(recordIdSchema, values);
        if (!p.ok) return actionFail(400, "参数有误。", {}, values);
        if (intent.data.intent === "remove-education") await removeEducation(person, p.data.recordId, user, ip);
        else await removeWork(person, p.data.recordId, user, ip);
        return updated();
      }
    }
  }

  // Account actions: the target account is always the one linked to this person, never an id from the form.
  const { user, person } = await loadPersonInScope(request, context, params.personId, "read");
  await requireUserWithPermission(request, context, "update:account:center");
  await requireCenterAccess(request, context, user, "update", "account", person.centerId);

  if (intent.data.intent === "create-account") {
    if (person.user) return actionFail(409, "该人员已有账号。", {}, values);
    const parsed = parseWith(newAccountSchema, { ...values, roles: form.getAll("roles") });
    if (!parsed.ok) return parsed.response;
    return runAction(async () => {
      const r = await openAccount(person, parsed.data, user, ip);
      if (!r.ok) return actionFail(r.status, Object.values(r.errors)[0], r.errors, values);
      return done("账号已开通。首次登录时须修改初始密码。");
    }, values);
  }

  const account = person.user;
  if (!account) return actionFail(409, "该人员尚未开通账号。", {}, values);

  if (intent.data.intent === "set-roles") {
    const parsed = parseWith(roleChoiceSchema, { ...values, roles: form.getAll("roles") });
    if (!parsed.ok) return parsed.response;
    return runAction(async () => {
      const r = await setRoles(account.id, person.centerId, parsed.data.roles, user, ip);
      if (!r.ok) return actionFail(r.status, Object.values(r.errors)[0], r.errors, values);
      return done("角色已更新。");
    }, values);
  }

  if (intent.data.intent === "reset-password") {
    const parsed = parseWith(passwordResetSchema, values);
    if (!parsed.ok) return parsed.response;
    await resetPassword(account.id, person.centerId, parsed.data.password, user, ip);
    return done("密码已重置，该账号的所有登录已失效；下次登录须修改密码。");
  }

  const parsed = parseWith(accountActiveSchema, values);
  if (!parsed.ok) return actionFail(400, "参数有误。", {}, values);
  const active = parsed.data.active === "true";
  return runAction(async () => {
    await setAccountActive(account.id, person.centerId, active, user, ip);
    return done(active ? "账号已启用。" : "账号已停用，其登录已全部失效。");
  }, values);
}

export default function StaffDetail() {
  const { person, account, editing, canEdit, canManageAccount, grantable, departments, eligibility, facts } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  // A refusal is shown by the form it answers (its echoed intent), next to the fields; one that is
  // not about a field is shown at the top.
  const refusalOf = (intent: string): ActionFail | undefined =>
    result && !result.ok && result.values?.intent === intent ? result : undefined;
  const saved = result?.ok && result.data?.intent === "update";
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
      <FormResult result={result} fieldsMessage="请修正标出的错误后再保存。" />
      {editing && !saved ? (
        <PersonEdit person={person} departments={departments} result={refusalOf("update")} busy={busy} />
      ) : (
        <PersonInfo person={person} canEdit={canEdit} />
      )}
      <FactsSection eligibility={eligibility} facts={facts} canEdit={canEdit} busy={busy} refusalOf={refusalOf} />
      <AccountPanel
        account={account}
        suggestedUsername={person.phone}
        grantable={grantable}
        canManage={canManageAccount}
        result={result}
        busy={busy}
      />
    </div>
  );
}
