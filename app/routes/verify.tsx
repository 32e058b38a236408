import { Link } from "react-router";

export function meta() {
  return [{ title: "证书查询 · 政务服务综合窗口办事员" }];
}

// Public page, no login. Verification by certificate number + holder name arrives with the
// certificates issue; the route exists now so that links and permissions are stable.
export default function Verify() {
  return (
    <main className="mx-auto mt-20 max-w-lg px-4">
      <div className="card">
        <h1 className="text-xl font-semibold">职业技能等级证书查询</h1>
        <p className="mt-3 text-slate-700">证书查询功能尚未开放。开放后，输入证书编号和持证人姓名即可核验证书真伪。</p>
        <p className="mt-4"><Link to="/login" className="link">返回登录</Link></p>
      </div>
    </main>
  );
}
