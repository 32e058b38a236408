// The pure rules of a certificate's life: numbering codes unset, void / reissue / name correction
// refusals, and the registry file's rows and CSV.
import { describe, expect, it } from "vitest";
import {
  certificateStatusOf,
  issuerOf,
  nameCorrectionRefusal,
  REGISTRY_COLUMNS,
  registryRow,
  registryScore,
  reissueRefusal,
  reissueVoidReason,
  toCsv,
  voidRefusal,
} from "~/domain/certificate";

describe("numbering codes", () => {
  it("refuses while codes are unset, naming each one and where to set it", () => {
    const r = issuerOf({ certKind: "S", certBodyCode: null, certProvince: "31", certSite: null });
    expect(r).toEqual({
      ok: false,
      missing: ["评价机构代码", "站点代码"],
      message: "本中心尚未设置证书编号的评价机构代码、站点代码，不能颁发证书。请中心管理员在“部门管理 → 证书与考务设置”中填写后再颁发。",
    });
  });
  it("accepts 0000 as a body code once it is set (a body registered with the province)", () => {
    expect(issuerOf({ certKind: "Y", certBodyCode: "0000", certProvince: "31", certSite: "010701" })).toEqual({
      ok: true,
      issuer: { kind: "Y", bodyCode: "0000", provinceCode: "31", siteCode: "010701" },
    });
  });
  it("refuses a malformed code with the checker's words", () => {
    const r = issuerOf({ certKind: "S", certBodyCode: "12", certProvince: "31", certSite: "010701" });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain("评价机构代码应为4位数字");
  });
});

describe("void, reissue, correct", () => {
  const valid = { status: "valid", source: "platform" };
  it("voids a valid certificate once", () => {
    expect(voidRefusal(valid)).toBeNull();
    expect(voidRefusal({ ...valid, status: "void" })).toBe("该证书已作废，不能再次作废。");
    expect(voidRefusal({ ...valid, status: "replaced" })).toBe("该证书已补发新证书，原证书已失效，不能再作废。");
    expect(voidRefusal({ ...valid, source: "external" })).toBe("外部录入的证书不是本平台颁发的，不能在此作废。");
  });
  it("reissues only a valid certificate", () => {
    expect(reissueRefusal(valid)).toBeNull();
    expect(reissueRefusal({ ...valid, status: "void" })).toBe("该证书已作废，不能补发。");
    expect(reissueRefusal({ ...valid, status: "replaced" })).toBe("该证书已补发过新证书，请对新证书办理。");
    expect(reissueVoidReason(" 遗失 ")).toBe("补发：遗失");
    expect(reissueVoidReason("")).toBe("补发");
  });
  it("corrects a name only with a reason and to a different name", () => {
    const c = { ...valid, holderName: "胡晓燕" };
    expect(nameCorrectionRefusal(c, "胡晓艳", "身份证姓名为胡晓艳")).toBeNull();
    expect(nameCorrectionRefusal(c, "胡晓艳", "  ")).toBe("请填写更正原因。");
    expect(nameCorrectionRefusal(c, " ", "录入错误")).toBe("请填写更正后的姓名。");
    expect(nameCorrectionRefusal(c, " 胡晓燕 ", "录入错误")).toBe("更正后的姓名与证书上的姓名相同。");
    expect(nameCorrectionRefusal({ ...c, status: "void" }, "胡晓艳", "录入错误")).toBe(
      "只能更正有效证书上的姓名；已作废或已补发的证书不能更正。",
    );
  });
  it("reads an unknown stored status as void (never as valid)", () => {
    expect(certificateStatusOf("valid")).toBe("valid");
    expect(certificateStatusOf("replaced")).toBe("replaced");
    expect(certificateStatusOf("revoked")).toBe("void");
  });
});

describe("registry file", () => {
  const facts = {
    number: "S000031010701265000002",
    holderName: "胡晓艳",
    idNumber: "310107199709090155",
    occupation: "行政办事员（政务服务综合窗口办事员）",
    level: "L5" as const,
    theoryScore: 75,
    skillScore: 59.999,
    issued: "2026-12-06",
    body: "示范区政务服务中心",
    status: "void" as const,
    replacesNumber: "S000031010701265000001",
  };
  it("gives one row in the documented column order", () => {
    expect(REGISTRY_COLUMNS).toHaveLength(13);
    expect(registryRow(facts)).toEqual([
      "S000031010701265000002",
      "胡晓艳",
      "居民身份证",
      "310107199709090155",
      "行政办事员（政务服务综合窗口办事员）",
      "3-01-01-01",
      "五级/初级工",
      "75",
      "59.99",
      "2026-12-06",
      "示范区政务服务中心",
      "作废",
      "S000031010701265000001",
    ]);
  });
  it("never rounds a score up, and leaves a missing one empty", () => {
    expect(registryScore(59.999)).toBe("59.99");
    expect(registryScore(81.5)).toBe("81.5");
    expect(registryScore(60)).toBe("60");
    expect(registryScore(null)).toBe("");
  });
  it("writes RFC 4180 CSV with CRLF, quoting commas and quotes, and defusing formulas", () => {
    expect(
      toCsv([
        ["a", 'b "c"', "d,e"],
        ["=1+1", "", "x"],
      ]),
    ).toBe('a,"b ""c""","d,e"\r\n"\t=1+1",,x\r\n');
  });
});
