import { redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/exam-paper";
import { getAuth } from "~/platform/auth.server";
import { clearExamCookie, examPaperView, examRequestOf } from "../service.server";
import { ExamDone } from "../ui/exam-done";
import { ExamPage } from "../ui/exam-taker";

export function meta() {
  return [{ title: "理论知识考试 · 作答" }];
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const view = await examPaperView(examRequestOf(request, getAuth(context).clientAddress), new Date());
  if (!view) throw redirect("/exam");
  return view;
}

export async function action() {
  return redirect("/exam", { headers: { "Set-Cookie": clearExamCookie() } });
}

export default function ExamPaper() {
  const data = useLoaderData<typeof loader>();
  if (data.view === "done") return <ExamDone {...data} />;
  return <ExamPage {...data} />;
}
