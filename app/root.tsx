import { useEffect } from "react";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, Link } from "react-router";
import type { Route } from "./+types/root";
import { securityMiddleware } from "~/platform/middleware.server";
import "./app.css";

export const middleware: Route.MiddlewareFunction[] = [securityMiddleware];

export function meta() {
  return [{ title: "政务服务综合窗口办事员 认证与能力平台" }];
}

export function Layout({ children }: { children: React.ReactNode }) {
  // Lets browser tests know the page is interactive (also rendered around error pages).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  let status = 500;
  let message = "系统出现错误，请稍后重试。如果问题持续，请联系管理员。";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const fromData = typeof error.data === "object" && error.data && "message" in error.data ? String(error.data.message) : null;
    message =
      fromData ??
      (status === 404
        ? "您访问的页面不存在。"
        : status === 403
          ? "您没有访问此页面的权限。"
          : typeof error.data === "string"
            ? error.data
            : message);
  }
  const title =
    status === 403 ? "无权访问" : status === 404 ? "页面不存在" : status === 429 ? "请求过于频繁" : status >= 500 ? "系统错误" : "请求有误";
  return (
    <main className="mx-auto mt-24 max-w-lg rounded-lg border border-slate-200 bg-white p-8 shadow-sm" role="alert">
      <p className="text-sm font-medium text-slate-500">错误代码 {status}</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">{title}</h1>
      <p className="mt-3 text-slate-700">{message}</p>
      <div className="mt-6 flex gap-3">
        <Link to="/" className="btn-primary">
          返回首页
        </Link>
        <Link to="/login" className="btn-secondary">
          重新登录
        </Link>
      </div>
    </main>
  );
}
