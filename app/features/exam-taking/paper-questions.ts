// The exam page's questions: the paper payload (the same for every candidate of a paper, cached
// by the server) put in this candidate's order. Runs in the browser; pure.
import type { CandidateOrder } from "~/domain/assembly";
import type { ExamQuestion } from "./ui/question-view";

export type PaperQuestion = {
  id: string;
  type: "判断" | "单选" | "多选";
  points: number;
  area: string;
  stem: string;
  options: Record<string, string> | null;
};

export type PaperPayload = { paperId: string; questions: PaperQuestion[] };

const TRUE_FALSE = [
  { value: "正确", label: "", text: "正确" },
  { value: "错误", label: "", text: "错误" },
];

/** Numbered from 1 in the candidate's order, options relabelled A–E in the candidate's option order. */
export function questionsInOrder(payload: PaperPayload, order: CandidateOrder): ExamQuestion[] {
  const byId = new Map(payload.questions.map((q) => [q.id, q]));
  return order.map((o, idx) => {
    const it = byId.get(o.itemId);
    if (!it) throw new Error(`question ${o.itemId} is not in paper ${payload.paperId}`);
    return {
      id: it.id,
      no: idx + 1,
      type: it.type,
      points: it.points,
      area: it.area,
      stem: it.stem,
      options: it.type === "判断" ? TRUE_FALSE : o.options.map((k, i) => ({ value: k, label: "ABCDE"[i], text: it.options?.[k] ?? "" })),
    };
  });
}
