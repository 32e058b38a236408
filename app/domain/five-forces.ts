// The five-force profile (seed 000 Annex D; REFERENCE §3.1 project mapping). Each force is 0–100:
// the mean of its inputs, each input the share of its maximum earned. Missing inputs are left out
// and listed, never counted as zero; a force with no input at all is null.
import type { EvaluationResult, ObjectiveKey, SubjectiveKey } from "./evaluation";
import { OBJECTIVE_INDICATORS, SUBJECTIVE_INDICATORS } from "./evaluation";

export const FORCES = ["担当力", "服务力", "沟通力", "抗逆力", "学习力"] as const;
export type Force = (typeof FORCES)[number];
export const FORCE_STARS: Record<Force, string> = {
  担当力: "担当之星",
  服务力: "服务之星",
  沟通力: "沟通之星",
  抗逆力: "阳光之星",
  学习力: "学习之星",
};
export const FORCE_COLORS: Record<Force, string> = {
  担当力: "#dc2626",
  服务力: "#ea580c",
  沟通力: "#2563eb",
  抗逆力: "#0891b2",
  学习力: "#16a34a",
};

type Input =
  | { kind: "subjective"; key: SubjectiveKey }
  | { kind: "objective"; key: ObjectiveKey | "satisfaction" }
  | { kind: "adjustment" }
  | { kind: "exam"; part: "theory" | "skill"; area: string }
  | { kind: "training" };

export const FORCE_INPUTS: Record<Force, Input[]> = {
  担当力: [
    { kind: "subjective", key: "ethics" },
    { kind: "subjective", key: "serviceOrientation" },
    { kind: "adjustment" },
    { kind: "exam", part: "theory", area: "职业道德" },
  ],
  服务力: [
    { kind: "subjective", key: "serviceOrientation" },
    { kind: "subjective", key: "process" },
    { kind: "subjective", key: "personalized" },
    { kind: "objective", key: "satisfaction" },
    { kind: "exam", part: "skill", area: "咨询引导" },
    { kind: "exam", part: "skill", area: "综合出件" },
  ],
  沟通力: [
    { kind: "subjective", key: "communication" },
    { kind: "subjective", key: "basicSkills" },
    { kind: "exam", part: "skill", area: "业务办理" },
  ],
  抗逆力: [
    { kind: "objective", key: "completion" },
    { kind: "objective", key: "complaints" },
    { kind: "subjective", key: "extendedSkills" },
    { kind: "exam", part: "skill", area: "现场管理" },
  ],
  学习力: [
    { kind: "subjective", key: "basicKnowledge" },
    { kind: "subjective", key: "extendedKnowledge" },
    { kind: "subjective", key: "professional" },
    { kind: "subjective", key: "digital" },
    { kind: "training" },
    { kind: "exam", part: "theory", area: "基础知识" },
    { kind: "exam", part: "theory", area: "业务办理" },
    { kind: "exam", part: "skill", area: "培训与管理" },
  ],
};

export type ForceInputs = {
  evaluation: EvaluationResult | null;
  /** Latest certification results by area: points earned and the area's weight. */
  exams: { part: "theory" | "skill"; area: string; points: number; max: number }[];
  trainingHours: number;
  standardHours: number;
};

export type ForceDetail = { label: string; share: number | null };
export type ForceScore = { force: Force; score: number | null; inputs: ForceDetail[] };

function share(input: Input, f: ForceInputs): ForceDetail {
  const ev = f.evaluation;
  switch (input.kind) {
    case "subjective": {
      const d = SUBJECTIVE_INDICATORS.find((x) => x.key === input.key)!;
      const v = ev?.subjective[input.key] ?? null;
      return { label: `${d.name}（主观，满分 ${d.max}）`, share: v === null ? null : v / d.max };
    }
    case "objective": {
      if (input.key === "satisfaction") {
        const keys: ObjectiveKey[] = ["ratings", "complaints", "praise"];
        const vals = keys.map((k) => ev?.objective[k] ?? null);
        return {
          label: "服务满意度（好差评、投诉、表扬，满分 20）",
          share: vals.some((v) => v === null) ? null : (vals as number[]).reduce((a, b) => a + b, 0) / 20,
        };
      }
      const d = OBJECTIVE_INDICATORS.find((x) => x.key === input.key)!;
      const v = ev?.objective[input.key as ObjectiveKey] ?? null;
      return { label: `${d.name}（客观，满分 ${d.max}）`, share: v === null ? null : v / d.max };
    }
    case "adjustment": {
      // Bonus 0…10 and deduction −20…0 scaled to 0–1 around "no adjustment" = 0.5.
      if (!ev) return { label: "加减分", share: null };
      const adj = ev.vetoed ? -20 : ev.bonus + ev.deduction;
      return { label: "加减分（−20 至 +10，无加减为 0.5）", share: adj >= 0 ? 0.5 + (adj / 10) * 0.5 : 0.5 + (adj / 20) * 0.5 };
    }
    case "exam": {
      const e = f.exams.find((x) => x.part === input.part && x.area === input.area);
      return {
        label: `${input.part === "theory" ? "理论" : "技能"}「${input.area}」得分率`,
        share: e && e.max > 0 ? e.points / e.max : null,
      };
    }
    case "training":
      return {
        label: `培训学时完成率（标准 ${f.standardHours} 学时）`,
        share: f.standardHours > 0 ? Math.min(1, f.trainingHours / f.standardHours) : null,
      };
  }
}

export function fiveForces(f: ForceInputs): ForceScore[] {
  return FORCES.map((force) => {
    const inputs = FORCE_INPUTS[force].map((i) => share(i, f));
    const present = inputs.filter((i) => i.share !== null).map((i) => i.share as number);
    return { force, score: present.length ? (present.reduce((a, b) => a + b, 0) / present.length) * 100 : null, inputs };
  });
}
