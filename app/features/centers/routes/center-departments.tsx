import { Form, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/center-departments";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { actionFail, actionOk, parseWith, runAction } from "~/platform/forms.server";
import { type ActionFail, constraintsOf, errorOf, formToObject, valueOf } from "~/platform/forms";
import { httpError } from "~/platform/http.server";
import { issuerOf } from "~/domain/certificate";
import { hasPermission } from "~/domain/permissions";
import { Field, FormResult } from "~/platform/ui/field";
import { Notice, PageHeader } from "~/platform/ui/page";
import { centerSettingsSchema, departmentSchema, publicitySettingsSchema } from "../schemas";
import {
  centerSettings,
  createDepartment,
  departmentsWithHeadcount,
  publicitySettings,
  updateCenterSettings,
  updatePublicitySettings,
} from "../service.server";

export function meta() {
  return [{ title: "部门管理 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "read:department:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const [departments, settings, publicity] = await Promise.all([
    departmentsWithHeadcount(user.centerId),
    centerSettings(user.centerId),
    publicitySettings(user.centerId),
  ]);
  const numbering = issuerOf(settings);
  return {
    settings,
    publicity,
    numberingProblem: numbering.ok ? null : numbering.message,
    canEdit: hasPermission(user.roles, "update:department:center"),
    departments,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "update:department:center");
  if (!user.centerId) httpError(403, "该页面仅适用于中心账号。");
  const centerId = user.centerId;
  const ip = getAuth(context).clientAddress;
  const values = formToObject(await request.formData());
  if (values.intent === "settings") {
    const parsed = parseWith(centerSettingsSchema, values);
    if (!parsed.ok) return parsed.response;
    await updateCenterSettings(centerId, parsed.data, user, ip);
    return actionOk("已保存。");
  }
  if (values.intent === "publicity") {
    const parsed = parseWith(publicitySettingsSchema, values);
    if (!parsed.ok) return parsed.response;
    await updatePublicitySettings(centerId, parsed.data, user, ip);
    return actionOk("公示与复核期限已保存。");
  }
  const parsed = parseWith(departmentSchema, values);
  if (!parsed.ok) return parsed.response;
  return runAction(async () => {
    const r = await createDepartment(centerId, parsed.data.name, user, ip);
    if (!r.ok) return actionFail(r.status, Object.values(r.errors)[0], r.errors, values);
    return actionOk("已保存。");
  }, values);
}

export default function Departments() {
  const { departments, canEdit, settings, publicity, numberingProblem } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // Each form shows its own refusals: next to the fields, or above the form when not about a field.
  const settingsResult: ActionFail | undefined = result && !result.ok && result.values?.intent === "settings" ? result : undefined;
  const publicityResult: ActionFail | undefined = result && !result.ok && result.values?.intent === "publicity" ? result : undefined;
  const departmentResult: ActionFail | undefined = result && !result.ok && !settingsResult && !publicityResult ? result : undefined;
  return (
    <div className="max-w-3xl">
      <PageHeader title="部门管理" description="进驻本中心的常驻部门，以及本中心的证书编号与单科合格有效期设置。" />
      <FormResult result={settingsResult || publicityResult ? undefined : result} fieldsMessage="请修正标出的错误后再保存。" />
      {numberingProblem ? (
        <Notice tone="warning">
          <span data-testid="numbering-unset">
            {numberingProblem}
            {canEdit ? "机构代码、省份代码和站点代码由省级职业技能鉴定（评价）机构核定；已在省级备案的机构，机构代码填 0000。" : ""}
          </span>
        </Notice>
      ) : null}
      {canEdit ? (
        <Form method="post" className="card mb-6 flex items-end gap-3">
          <Field label="新增部门" name="name" error={errorOf(departmentResult, "name")} className="flex-1">
            {(p) => <input {...p} className="input" placeholder="例如：区市场监督管理局" {...constraintsOf(departmentSchema.shape.name)} />}
          </Field>
          <button type="submit" className="btn-primary">
            添加
          </button>
        </Form>
      ) : null}
      {canEdit ? (
        <Form method="post" className="card mb-6 space-y-3" noValidate>
          <input type="hidden" name="intent" value="settings" />
          <h2 className="text-lg font-medium">证书与考务设置</h2>
          <p className="text-sm text-slate-600">
            证书编号：1位机构类型字母 + 机构代码4位 + 省份2位 + 站点6位 + 年份2位 + 等级1位 + 序号6位。
          </p>
          <FormResult result={settingsResult} fieldsMessage="请修正标出的错误后再保存。" />
          <div className="flex flex-wrap items-end gap-3">
            <Field label="机构类型" name="certKind" error={errorOf(settingsResult, "certKind")}>
              {(p) => (
                <select {...p} defaultValue={settings.certKind} className="input w-44">
                  <option value="S">S 社会培训评价组织</option>
                  <option value="Y">Y 用人单位</option>
                </select>
              )}
            </Field>
            <Field label="机构代码" name="certBodyCode" error={errorOf(settingsResult, "certBodyCode")}>
              {(p) => (
                <input
                  {...p}
                  defaultValue={valueOf(settingsResult, "certBodyCode") ?? settings.certBodyCode ?? ""}
                  placeholder="未设置"
                  className="input w-24 font-mono"
                  inputMode="numeric"
                />
              )}
            </Field>
            <Field label="省份代码" name="certProvince" error={errorOf(settingsResult, "certProvince")}>
              {(p) => (
                <input
                  {...p}
                  defaultValue={valueOf(settingsResult, "certProvince") ?? settings.certProvince ?? ""}
                  placeholder="未设置"
                  className="input w-20 font-mono"
                  inputMode="numeric"
                />
              )}
            </Field>
            <Field label="站点代码" name="certSite" error={errorOf(settingsResult, "certSite")}>
              {(p) => (
                <input
                  {...p}
                  defaultValue={valueOf(settingsResult, "certSite") ?? settings.certSite ?? ""}
                  placeholder="未设置"
                  className="input w-28 font-mono"
                  inputMode="numeric"
                />
              )}
            </Field>
            <Field label="单科合格有效期（月）" name="partValidityMonths" error={errorOf(settingsResult, "partValidityMonths")}>
              {(p) => <input {...p} type="number" min={1} max={36} defaultValue={settings.partValidityMonths} className="input w-24" />}
            </Field>
            <button className="btn-secondary">保存设置</button>
          </div>
        </Form>
      ) : null}
      {canEdit ? (
        <Form method="post" className="card mb-6 space-y-3" noValidate aria-labelledby="publicity-settings">
          <input type="hidden" name="intent" value="publicity" />
          <h2 id="publicity-settings" className="text-lg font-medium">
            成绩公示与复核
          </h2>
          <p className="text-sm text-slate-600">
            发布成绩后进入公示期，考生可在公示期内申请复核；公示期满且复核全部办结后方可颁发证书。期限按国务院公布的节假日和调休安排计算工作日。公示期填
            0 表示发布即生效、不接受复核申请。
          </p>
          <FormResult result={publicityResult} fieldsMessage="请修正标出的错误后再保存。" />
          <div className="flex flex-wrap items-end gap-3">
            <Field label="公示期（工作日）" name="publicityDays" error={errorOf(publicityResult, "publicityDays")}>
              {(p) => <input {...p} type="number" min={0} max={30} defaultValue={publicity.publicityDays} className="input w-28" />}
            </Field>
            <Field label="复核办结期限（工作日）" name="reviewDays" error={errorOf(publicityResult, "reviewDays")}>
              {(p) => <input {...p} type="number" min={1} max={60} defaultValue={publicity.reviewDays} className="input w-28" />}
            </Field>
            <button className="btn-secondary">保存期限</button>
          </div>
        </Form>
      ) : null}
      <div className="card p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">部门名称</th>
              <th scope="col">人员数</th>
            </tr>
          </thead>
          <tbody>
            {departments.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td>{d.people}</td>
              </tr>
            ))}
            {departments.length === 0 ? (
              <tr>
                <td colSpan={2} className="text-slate-500">
                  尚无部门
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
