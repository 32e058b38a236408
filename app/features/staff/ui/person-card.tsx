import { Form, Link } from "react-router";
import type { ActionResult } from "~/platform/forms";
import { Notice } from "~/platform/ui/page";
import { PersonFields } from "./person-form";

export type PersonView = {
  id: string;
  name: string;
  idNumberMasked: string;
  idNumberFull: string | null;
  phone: string;
  staffRole: string | null;
  departmentId: string | null;
  department: string | null;
  center: string;
  hireDate: string | null;
  createdAt: string;
};

/** The person's details as read (ID number masked), with the way into the edit form. */
export function PersonInfo({ person, canEdit }: { person: PersonView; canEdit: boolean }) {
  return (
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
  );
}

/** The edit form: the one screen that shows the full ID number. */
export function PersonEdit({
  person,
  departments,
  result,
  busy,
}: {
  person: PersonView;
  departments: { id: string; name: string }[];
  result: ActionResult<unknown> | undefined;
  busy: boolean;
}) {
  return (
    <section className="card" aria-labelledby="edit-title">
      <h2 id="edit-title" className="mb-4 text-lg font-medium">
        编辑人员信息
      </h2>
      <Notice tone="warning">本页显示完整身份证号，查看已记入操作日志。</Notice>
      <Form method="post" className="space-y-6" noValidate>
        <input type="hidden" name="intent" value="update" />
        <PersonFields
          defaults={{
            name: person.name,
            idNumber: person.idNumberFull ?? "",
            phone: person.phone,
            staffRole: person.staffRole ?? "",
            departmentId: person.departmentId ?? "",
            hireDate: person.hireDate ?? "",
          }}
          result={result}
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
  );
}
