import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/center-staff-new";
import { getAuth, requireUserWithPermission } from "~/platform/auth.server";
import { fieldErrors, formToObject, httpError } from "~/platform/http.server";
import { personSchema } from "~/features/staff/schemas";
import { createPerson, departmentsOf, idNumberTaken } from "~/features/staff/service.server";
import { shanghaiToday } from "~/domain/time";
import { PersonFields } from "~/features/staff/ui/person-form";
import { PageHeader, Notice } from "~/platform/ui/page";

export function meta() {
  return [{ title: "新增人员 · 政务服务综合窗口办事员" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUserWithPermission(request, context, "create:staff:center");
  if (!user.centerId) httpError(403, "平台管理员请在具体中心下新增人员。");
  const departments = await departmentsOf(user.centerId);
  return { departments: departments.map((d) => ({ id: d.id, name: d.name })) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUserWithPermission(request, context, "create:staff:center");
  if (!user.centerId) httpError(403, "平台管理员请在具体中心下新增人员。");
  const values = formToObject(await request.formData());
  const parsed = personSchema(shanghaiToday(new Date())).safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  if (await idNumberTaken(parsed.data.idNumber)) {
    return data({ errors: { idNumber: "该身份证号已登记" } as Record<string, string>, values }, { status: 409 });
  }
  // The person always lands in the admin's own center: no center field is read from the form.
  const person = await createPerson(user.centerId, parsed.data, user, getAuth(context).clientAddress);
  return redirect(`/center/staff/${person.id}?created=1`);
}

export default function NewStaff() {
  const { departments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="max-w-3xl">
      <PageHeader title="新增人员" description="登记人员信息后，可在人员详情页为其开通登录账号并分配角色。" />
      {actionData?.errors ? <Notice tone="error">请修正标出的错误后再保存。</Notice> : null}
      <Form method="post" className="card space-y-6" noValidate>
        <PersonFields values={actionData?.values ?? {}} errors={errors} departments={departments} />
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
