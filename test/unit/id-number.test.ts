import { describe, expect, it } from "vitest";
import { idNumberCheckChar, maskIdNumber, validateIdNumber } from "~/domain/id-number";

// GB 11643-1999 Annex example: 11010519491231002X
describe("居民身份证号 (GB 11643)", () => {
  it("computes the check character of the standard's example", () => {
    expect(idNumberCheckChar("11010519491231002")).toBe("X");
    expect(validateIdNumber("11010519491231002X")).toEqual({ ok: true, value: "11010519491231002X", birthDate: "1949-12-31" });
  });

  it("accepts a lower-case x and surrounding spaces, normalising them", () => {
    const r = validateIdNumber(" 11010519491231002x ");
    expect(r.ok && r.value).toBe("11010519491231002X");
  });

  it("rejects every wrong check character", () => {
    for (const c of "0123456789") {
      const r = validateIdNumber(`11010519491231002${c}`);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toContain("校验位");
    }
  });

  it("computes check characters that validate for every remainder", () => {
    // Vary the sequence digits until all 11 possible check characters have been produced.
    const seen = new Set<string>();
    for (let seq = 0; seq < 200 && seen.size < 11; seq++) {
      const first17 = `31010719900101${String(seq).padStart(3, "0")}`;
      const c = idNumberCheckChar(first17);
      seen.add(c);
      expect(validateIdNumber(first17 + c).ok).toBe(true);
    }
    expect(seen.size).toBe(11);
  });

  it("rejects wrong length, letters, bad region and impossible dates with specific messages", () => {
    expect(validateIdNumber("").ok).toBe(false);
    expect(validateIdNumber("1101051949123100").ok).toBe(false);
    const withLetter = validateIdNumber("1101051949123A002X");
    expect(!withLetter.ok && withLetter.error).toContain("18位");
    const region = validateIdNumber("99010519491231002X");
    expect(!region.ok && region.error).toContain("地区代码");
    const feb30 = "110105" + "19900230" + "001";
    const r = validateIdNumber(feb30 + idNumberCheckChar(feb30));
    expect(!r.ok && r.error).toContain("出生日期");
  });

  it("rejects a birth date after today", () => {
    const future = "110105" + "20300101" + "001";
    const id = future + idNumberCheckChar(future);
    expect(validateIdNumber(id).ok).toBe(true);
    const r = validateIdNumber(id, "2026-11-22");
    expect(!r.ok && r.error).toContain("晚于今天");
  });

  it("masks all but the first 3 and last 2 characters", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("110*************2X");
    expect(maskIdNumber("11010519491231002X")).toHaveLength(18);
  });
});
