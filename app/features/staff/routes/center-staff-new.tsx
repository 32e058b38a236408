import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/center-staff-new";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { actionFail, parseForm, runAction } from "~/platform/forms.server";
import { httpError } from "~/platform/http.server";
import { shanghaiToday } from "~/domain/time";
import { FormResult } from "~/platform/ui/field";
import { PageHeader } from "~/platform/ui/page";
import { personSchema } from "../schemas";
import { createPerson, departmentChoices, idNumberTaken } from "../service.server";
import { PersonFields } from "../ui/person-form";

export function meta() {
  return [{ title: "新增人员 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "create:staff:center");
  if (!user.centerId) httpError(403, "平台管理员请在具体中心下新增人员。");
  return { departments: await departmentChoices(user.centerId) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "create:staff:center");
  if (!user.centerId) httpError(403, "平台管理员请在具体中心下新增人员。");
  const centerId = user.centerId;
  const parsed = await parseForm(request, personSchema(shanghaiToday(new Date())));
  if (!parsed.ok) return parsed.response;
  if (await idNumberTaken(parsed.data.idNumber)) {
    return actionFail(409, "该身份证号已登记", { idNumber: "该身份证号已登记" }, parsed.values);
  }
  // The person always lands in the admin's own center: no center field is read from the form.
  return runAction(async () => {
    const person = await createPerson(centerId, parsed.data, user, getAuth(context).clientAddress);
    return redirect(`/center/staff/${person.id}?created=1`);
  }, parsed.values);
}

export default function NewStaff() {
  const { departments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-3xl">
      <PageHeader title="新增人员" description="登记人员信息后，可在人员详情页为其开通登录账号并分配角色。" />
      <FormResult result={result} fieldsMessage="请修正标出的错误后再保存。" />
      <Form method="post" className="card space-y-6" noValidate>
        <PersonFields defaults={{}} result={result} departments={departments} />
        <div className="flex gap-3">
          <button type="submit" className="btn-primary">
            保存
          </button>
          <Link to="/center/staff" className="btn-secondary">
            取消
          </Link>
        </div>
      </Form>
    </div>
  );
}
