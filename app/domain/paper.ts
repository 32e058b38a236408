// A stored theory paper as the exam, the grader and the print view read it: the blueprint
// (TheoryPaper) and the snapshot of its items with keys, taken at assembly so that later bank
// edits never change a paper.
import type { TheoryPaper } from "./assembly";
import type { BankItem } from "./bank";
import type { ClockInput } from "./exam-clock";
import type { GradableItem } from "./grading";
import type { Area } from "./levels";

export type SnapshotItem = Pick<BankItem, "id" | "type" | "area" | "level" | "requirement" | "stem" | "options" | "key" | "explanation"> & {
  points: number;
};

export type ParsedPaper = { paper: TheoryPaper; items: Map<string, SnapshotItem> };

// A stored paper never changes (re-assembly writes a new row), so it is parsed once per process:
// every answer save needs its item types.
const parsedPapers = new Map<string, ParsedPaper>();

export function paperOf(p: { id: string; content: string; items: string }): ParsedPaper {
  const hit = parsedPapers.get(p.id);
  if (hit) return hit;
  const parsed = {
    paper: JSON.parse(p.content) as TheoryPaper,
    items: new Map((JSON.parse(p.items) as SnapshotItem[]).map((i) => [i.id, i])),
  };
  if (parsedPapers.size >= 500) parsedPapers.clear();
  parsedPapers.set(p.id, parsed);
  return parsed;
}

/** The snapshot of a freshly assembled paper's items, taken from the bank it was drawn from. */
export function snapshotOf(paper: TheoryPaper, bank: readonly BankItem[]): SnapshotItem[] {
  const byId = new Map(bank.map((i) => [i.id, i]));
  return paper.sections.flatMap((s) =>
    s.items.map((pi) => {
      const b = byId.get(pi.id)!;
      return {
        id: b.id,
        type: b.type,
        area: b.area,
        level: b.level,
        requirement: b.requirement,
        stem: b.stem,
        options: b.options,
        key: b.key,
        explanation: b.explanation,
        points: pi.points,
      };
    }),
  );
}

export function gradableItems(items: Map<string, SnapshotItem>): GradableItem[] {
  return [...items.values()].map((i) => ({ id: i.id, type: i.type, points: i.points, area: i.area as Area, key: i.key }));
}

export function roomClock(
  room: { openedAt: Date | null; pausedAt: Date | null; pausedMs: number },
  durationMinutes: number,
  extraMinutes: number,
  creditMs = 0,
): ClockInput {
  return { openedAt: room.openedAt, pausedAt: room.pausedAt, pausedMs: room.pausedMs, durationMinutes, extraMinutes, creditMs };
}
