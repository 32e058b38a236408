import { describe, expect, it } from "vitest";
import { codeCovers, courseCovers, coveredWeakCodes, parseCovers, weakAreas, type MarkedPoint } from "~/domain/weak-areas";

// A 四级 theory paper cut down to seven questions: 1 point each, as the standard's 100-question
// paper scores them.
const paper: MarkedPoint[] = [
  { area: "业务办理", requirement: "L4/2.2.1", max: 1, earned: 0 },
  { area: "业务办理", requirement: "L4/2.2.1", max: 1, earned: 0 },
  { area: "业务办理", requirement: "L4/2.2.2", max: 1, earned: 1 },
  { area: "业务办理", requirement: "L4/2.4.1", max: 1, earned: 0 },
  { area: "基础知识", requirement: "basic/2.2.6(3)", max: 1, earned: 0 },
  { area: "基础知识", requirement: "basic/2.2.6(3)", max: 1, earned: 1 },
  { area: "咨询引导", requirement: "L4/1.1.1", max: 1, earned: 1 },
];

describe("weak areas", () => {
  it("sums lost points by area and by requirement code, most lost first", () => {
    const w = weakAreas(paper);
    expect(w.lost).toBe(4);
    expect(w.max).toBe(7);
    expect(w.areas).toEqual([
      { area: "业务办理", lost: 3, max: 4 },
      { area: "基础知识", lost: 1, max: 2 },
    ]);
    expect(w.requirements.map((r) => [r.requirement, r.lost, r.max])).toEqual([
      ["L4/2.2.1", 2, 2],
      // Both lost 1; L4/2.4.1 lost all of its points, basic/2.2.6(3) half.
      ["L4/2.4.1", 1, 1],
      ["basic/2.2.6(3)", 1, 2],
    ]);
    expect(w.requirements[0].workContent).toBe("2.2 材料初审");
  });

  it("leaves out codes and areas where nothing was lost and shows at most the top codes", () => {
    const w = weakAreas(paper, 1);
    expect(w.requirements.map((r) => r.requirement)).toEqual(["L4/2.2.1"]);
    expect(w.areas.map((a) => a.area)).not.toContain("咨询引导");
    expect(weakAreas([{ area: "咨询引导", requirement: "L4/1.1.1", max: 5, earned: 5 }]).requirements).toEqual([]);
  });

  it("counts partial rubric points of a skill criterion (examiners' mean) to one decimal", () => {
    const w = weakAreas([
      { area: "业务办理", requirement: "L4/2.3.1", max: 10, earned: 6.5 },
      { area: "业务办理", requirement: "L4/2.3.1", max: 5, earned: 4.75 },
    ]);
    expect(w.requirements[0]).toMatchObject({ requirement: "L4/2.3.1", lost: 3.8, max: 15 });
  });
});

describe("course coverage", () => {
  it("a listed code covers itself and the codes under it, not its siblings", () => {
    expect(codeCovers("L4/2.2", "L4/2.2.1")).toBe(true);
    expect(codeCovers("L4/2.2", "L4/2.2")).toBe(true);
    expect(codeCovers("L4/2.2", "L4/2.21.1")).toBe(false);
    expect(codeCovers("basic/2.2.6", "basic/2.2.6(9)")).toBe(true);
    expect(codeCovers("basic/2.2", "basic/2.2.6(9)")).toBe(true);
    expect(codeCovers("L4/2.2.1", "L4/2.2.2")).toBe(false);
  });

  it("a course on a skill area covers that area's codes at its own level only", () => {
    const course = { level: "L4" as const, topic: "业务办理", covers: [] };
    expect(courseCovers(course, "L4/2.4.1")).toBe(true);
    expect(courseCovers(course, "L5/2.2.1")).toBe(false);
    expect(courseCovers(course, "L4/1.1.1")).toBe(false);
    expect(coveredWeakCodes(course, weakAreas(paper).requirements)).toEqual(["L4/2.2.1", "L4/2.4.1"]);
    const law = { level: "L5" as const, topic: "法律法规标准", covers: ["basic/2.2.6"] };
    expect(coveredWeakCodes(law, weakAreas(paper).requirements)).toEqual(["basic/2.2.6(3)"]);
  });

  it("parses what a trainer typed, refusing codes the standard does not have", () => {
    expect(parseCovers("L4/2.2, basic/2.2.6、L4/2.4.1  L4/2.2")).toEqual({ ok: true, covers: ["L4/2.2", "basic/2.2.6", "L4/2.4.1"] });
    expect(parseCovers("")).toEqual({ ok: true, covers: [] });
    const bad = parseCovers("L4/2.2 L4/9.9");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain("L4/9.9");
  });
});
