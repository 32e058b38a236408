// Exchange formats of the theory bank (issue 17): QTI 3.0 items in an IMS content package, and an
// xlsx template that a center can fill. Pure conversions; the zip and the workbook are read and
// written in features/bank/exchange.server.ts. Every import goes back through loadBank, so an
// imported item passes exactly the checks of an item written by hand.
//
// What QTI carries natively: the stem (item body), the choices, the key (correct response) and the
// cardinality (单选 single, 多选 multiple, 判断 two choices 正确/错误). What it has no place for
// — level, area, requirement code, explanation, law, enemy tag, review record — travels in the
// package manifest as an extension element <zw:item> in the resource's <metadata>, which QTI
// tools keep and ignore. A package from elsewhere without it can still be read when those fields
// are given for the whole package (ImportDefaults).
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { stringify } from "yaml";
import { bankVersion, ITEM_TYPES, loadBank, type BankFile, type BankItem, type BankLoad, type ItemType } from "./bank";
import { AREA_CODES, AREAS, type Area } from "./levels";

export const QTI_NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0";
export const CP_NS = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1";
/** Our extension namespace in the manifest. */
export const ZW_NS = "urn:zhengwu-window-certification:bank:1";
const MATCH_CORRECT = "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml";

const LETTERS = ["A", "B", "C", "D", "E"] as const;
const TRUE_FALSE = { T: "正确", F: "错误" } as const;

/** Fields an imported item may lack, given for the whole import. */
export type ImportDefaults = { level?: BankItem["level"]; area?: Area; requirement?: string; author?: string };

export type ExchangeResult = {
  load: BankLoad;
  /** Original identifier → the id given, for identifiers that did not fit T-{level}-{area}-nnnn. */
  renamed: { from: string; to: string }[];
};

// ---------------------------------------------------------------------------------------------
// Writing back as YAML (the bank's own format)

/** An item as its YAML entry: only the fields it has, in the order the README shows. */
export function itemToEntry(i: BankItem): Record<string, unknown> {
  const e: Record<string, unknown> = {
    id: i.id,
    type: i.type,
    level: i.level,
    area: i.area,
    requirement: i.requirement,
    stem: i.stem,
  };
  if (i.options) e.options = i.options;
  e.key = i.key;
  e.explanation = i.explanation;
  if (i.law) e.law = i.law;
  if (i.enemy) e.enemy = i.enemy;
  if (i.status) e.status = i.status;
  if (i.retired && i.status !== "retired") e.retired = true;
  if (i.author) e.author = i.author;
  if (i.reviewer) e.reviewer = i.reviewer;
  if (i.reviewed) e.reviewed = i.reviewed;
  if (i.returned) e.returned = i.returned;
  return e;
}

/** The items as bank files, one per (level, area): `<level>/<area code>.yaml`. */
export function itemsToBankFiles(items: readonly BankItem[], header: string): BankFile[] {
  const groups = new Map<string, BankItem[]>();
  for (const i of [...items].sort((a, b) => a.id.localeCompare(b.id))) {
    const path = `${i.level}/${AREA_CODES[i.area].toLowerCase()}.yaml`;
    groups.set(path, [...(groups.get(path) ?? []), i]);
  }
  return [...groups].map(([path, list]) => ({
    path,
    text: `# ${header}\n\n${list.map((i) => stringify([itemToEntry(i)], { lineWidth: 0, aliasDuplicateObjects: false })).join("\n")}`,
  }));
}

// ---------------------------------------------------------------------------------------------
// Ids

const ID_PATTERN = /^T-(C|L5|L4|L3)-(ZD|JC|ZX|YW|CJ|XC|PX)-\d{4}$/;

/** Gives raw items whose id does not fit the bank's pattern the next free id of their series. */
function assignIds(raws: { raw: Record<string, unknown> }[]): { from: string; to: string }[] {
  const taken = new Set(raws.map((r) => String(r.raw.id ?? "")).filter((id) => ID_PATTERN.test(id)));
  const renamed: { from: string; to: string }[] = [];
  for (const r of raws) {
    const id = String(r.raw.id ?? "");
    if (ID_PATTERN.test(id)) continue;
    const level = r.raw.level as string;
    const area = r.raw.area as Area;
    if (!AREAS.includes(area) || !["common", "L5", "L4", "L3"].includes(level)) continue; // loadBank names the fault
    const prefix = `T-${level === "common" ? "C" : level}-${AREA_CODES[area]}-`;
    let n = 1;
    while (taken.has(`${prefix}${String(n).padStart(4, "0")}`)) n++;
    const next = `${prefix}${String(n).padStart(4, "0")}`;
    taken.add(next);
    r.raw.id = next;
    if (id) renamed.push({ from: id, to: next });
  }
  return renamed;
}

/**
 * Validates raw items through loadBank, each as a one-item file named by where it came from (a
 * sheet row, a package entry), so that every message names that place.
 */
function validate(raws: { where: string; raw: Record<string, unknown> }[]): BankLoad {
  const files = raws.map((r) => ({ path: r.where, text: stringify([r.raw], { lineWidth: 0 }) }));
  const load = loadBank(files);
  // "where:line: …" → "where: …": the line is of the one-item file, not of the source.
  return { items: load.items, errors: load.errors.map((e) => e.replace(/^(.*?):\d+: /, "$1：")) };
}

// ---------------------------------------------------------------------------------------------
// QTI 3.0

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  format: true,
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

function xml(doc: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(doc)}`;
}

/** The choices of an item as QTI shows them: its options, or 正确/错误 for 判断. */
function choicesOf(i: BankItem): [string, string][] {
  if (i.type === "判断") return Object.entries(TRUE_FALSE);
  return Object.entries(i.options ?? {}) as [string, string][];
}

function correctOf(i: BankItem): string[] {
  if (i.type === "判断") return [i.key === "正确" ? "T" : "F"];
  return Array.isArray(i.key) ? [...i.key] : [i.key];
}

/** One item as a QTI 3.0 assessment item (items/<id>.xml). */
export function itemToQti(i: BankItem): string {
  const multiple = i.type === "多选";
  return xml({
    "qti-assessment-item": {
      "@xmlns": QTI_NS,
      "@identifier": i.id,
      "@title": i.id,
      "@adaptive": "false",
      "@time-dependent": "false",
      "@xml:lang": "zh-CN",
      "qti-response-declaration": {
        "@identifier": "RESPONSE",
        "@cardinality": multiple ? "multiple" : "single",
        "@base-type": "identifier",
        "qti-correct-response": { "qti-value": correctOf(i) },
      },
      "qti-outcome-declaration": { "@identifier": "SCORE", "@cardinality": "single", "@base-type": "float" },
      "qti-item-body": {
        p: i.stem,
        "qti-choice-interaction": {
          "@response-identifier": "RESPONSE",
          "@shuffle": "false",
          "@max-choices": multiple ? "0" : "1",
          "qti-simple-choice": choicesOf(i).map(([id, text]) => ({ "@identifier": id, "#text": text })),
        },
      },
      // All or nothing, as our grading: 多选 only on the exact key set.
      "qti-response-processing": { "@template": MATCH_CORRECT },
    },
  });
}

/** Our fields that QTI has no place for, as the manifest's extension element. */
function zwItem(i: BankItem): Record<string, unknown> {
  const out: Record<string, unknown> = {
    "@type": i.type,
    "@level": i.level,
    "@area": i.area,
    "@requirement": i.requirement,
    "zw:explanation": i.explanation,
  };
  if (i.enemy) out["@enemy"] = i.enemy;
  if (i.status) out["@status"] = i.status;
  if (i.retired && i.status !== "retired") out["@retired"] = "true";
  if (i.author) out["@author"] = i.author;
  if (i.reviewer) out["@reviewer"] = i.reviewer;
  if (i.reviewed) out["@reviewed"] = i.reviewed;
  if (i.law) out["zw:law"] = { "@name": i.law.name, "@article": i.law.article, ...(i.law.version ? { "@version": i.law.version } : {}) };
  if (i.returned) out["zw:returned"] = { "@by": i.returned.by, "@date": i.returned.date, "#text": i.returned.reason };
  return out;
}

/** The package's files: imsmanifest.xml and items/<id>.xml. */
export function bankToQtiPackage(items: readonly BankItem[]): { path: string; text: string }[] {
  const sorted = [...items].sort((a, b) => a.id.localeCompare(b.id));
  const manifest = xml({
    manifest: {
      "@xmlns": CP_NS,
      "@xmlns:zw": ZW_NS,
      "@identifier": `zhengwu-bank-${bankVersion(items)}`,
      metadata: { schema: "QTI Package", schemaversion: "3.0.0" },
      organizations: "",
      resources: {
        resource: sorted.map((i) => ({
          "@identifier": i.id,
          "@type": "imsqti_item_xmlv3p0",
          "@href": `items/${i.id}.xml`,
          metadata: { "zw:item": zwItem(i) },
          file: { "@href": `items/${i.id}.xml` },
        })),
      },
    },
  });
  return [{ path: "imsmanifest.xml", text: manifest }, ...sorted.map((i) => ({ path: `items/${i.id}.xml`, text: itemToQti(i) }))];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ["resource", "file"].includes(name),
});

type Node = Record<string, unknown>;
const asNode = (v: unknown): Node => (v && typeof v === "object" && !Array.isArray(v) ? (v as Node) : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
/** The text of a node and its children (inline markup like <strong> flattened). */
function textOf(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string" || typeof v === "number") return String(v);
  if (Array.isArray(v)) return v.map(textOf).join("");
  const n = v as Node;
  return Object.entries(n)
    .filter(([k]) => !k.startsWith("@"))
    .map(([, c]) => textOf(c))
    .join("");
}

// Items are read with document order kept (mixed content such as 「符合<strong>一次告知</strong>的要求」
// must keep its words in order); the manifest needs only attributes and plain text.
const orderedParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  preserveOrder: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});
type ONode = Record<string, unknown>;
const tagOf = (n: ONode) => Object.keys(n).find((k) => k !== ":@") ?? "";
const kids = (n: ONode): ONode[] => (Array.isArray(n[tagOf(n)]) ? (n[tagOf(n)] as ONode[]) : []);
const attrOf = (n: ONode, name: string) => {
  const v = (n[":@"] as Record<string, unknown> | undefined)?.[`@${name}`];
  return v === undefined ? undefined : String(v);
};
function findAll(nodes: readonly ONode[], tag: string, out: ONode[] = []): ONode[] {
  for (const n of nodes) {
    if (tagOf(n) === tag) out.push(n);
    else findAll(kids(n), tag, out);
  }
  return out;
}
const findFirst = (nodes: readonly ONode[], tag: string): ONode | undefined => findAll(nodes, tag)[0];
/** The text of a node, inline markup flattened, in document order (kept as written, ends trimmed). */
function textIn(n: ONode | undefined): string {
  const walk = (x: ONode): string => ("#text" in x ? String(x["#text"]) : kids(x).map(walk).join(""));
  return n ? walk(n).trim() : "";
}

/** One QTI assessment item as a raw bank entry (before validation). */
function qtiToRaw(text: string, meta: Node, defaults: ImportDefaults): { raw: Record<string, unknown>; problem?: string } {
  let doc: ONode[];
  try {
    doc = orderedParser.parse(text) as ONode[];
  } catch (e) {
    return { raw: {}, problem: `不是有效的 XML：${(e as Error).message}` };
  }
  const item = findFirst(doc, "qti-assessment-item") ?? findFirst(doc, "assessmentItem");
  if (!item) return { raw: {}, problem: "缺少 qti-assessment-item" };
  const decl = findFirst(kids(item), "qti-response-declaration");
  const body = findFirst(kids(item), "qti-item-body");
  const interaction = body && findFirst(kids(body), "qti-choice-interaction");
  if (!body || !interaction) return { raw: {}, problem: "只支持选择题（qti-choice-interaction）" };
  const choices = findAll(kids(interaction), "qti-simple-choice").map((c) => ({ id: attrOf(c, "identifier") ?? "", text: textIn(c) }));
  const correct = decl ? findAll(kids(decl), "qti-value").map((v) => textIn(v)) : [];
  // The stem: the interaction's prompt and the body's text outside the interaction.
  const outside = kids(body).filter((n) => tagOf(n) !== "qti-choice-interaction");
  const stem = [textIn(findFirst(kids(interaction), "qti-prompt")), ...outside.map((n) => textIn(n))].filter(Boolean).join("\n");
  const cardinality = decl ? attrOf(decl, "cardinality") : undefined;

  const declaredType = String(meta["@type"] ?? "");
  const trueFalse =
    choices.length === 2 && choices.some((c) => c.text === "正确") && choices.some((c) => c.text === "错误") && correct.length === 1;
  const type: ItemType = ITEM_TYPES.includes(declaredType as ItemType)
    ? (declaredType as ItemType)
    : trueFalse
      ? "判断"
      : cardinality === "multiple"
        ? "多选"
        : "单选";

  const raw: Record<string, unknown> = { id: attrOf(item, "identifier") ?? "" };
  raw.type = type;
  raw.level = meta["@level"] ?? defaults.level;
  raw.area = meta["@area"] ?? defaults.area;
  raw.requirement = meta["@requirement"] ?? defaults.requirement;
  raw.stem = stem;
  if (type === "判断") {
    const picked = choices.find((c) => c.id === correct[0]);
    raw.key = picked?.text ?? "";
  } else {
    // Choice identifiers of other tools (ChoiceA, c1 …) become A, B, C … in document order.
    if (choices.length > LETTERS.length) return { raw, problem: `选项超过 ${LETTERS.length} 个` };
    const letterOf = new Map(choices.map((c, k) => [c.id, LETTERS[k]]));
    raw.options = Object.fromEntries(choices.map((c, k) => [LETTERS[k], c.text]));
    const keys = correct.map((c) => letterOf.get(c) ?? c);
    raw.key = type === "多选" ? keys.sort() : (keys[0] ?? "");
  }
  raw.explanation = textOf(meta["explanation"]).trim() || undefined;
  const law = asNode(meta["law"]);
  if (law["@name"]) raw.law = { name: law["@name"], article: law["@article"], ...(law["@version"] ? { version: law["@version"] } : {}) };
  for (const f of ["enemy", "status", "author", "reviewer", "reviewed"]) if (meta[`@${f}`]) raw[f] = meta[`@${f}`];
  if (meta["@retired"] === "true") raw.retired = true;
  if (!raw.author && defaults.author) raw.author = defaults.author;
  const ret = asNode(meta["returned"]);
  if (ret["@by"]) raw.returned = { by: ret["@by"], date: ret["@date"], reason: textOf(ret).trim() };
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  return { raw };
}

/**
 * Reads a QTI package (its files by path): the manifest's item resources, each through loadBank.
 * Items without our metadata take `defaults`; drafts from elsewhere stay drafts only if they say so.
 */
export function qtiPackageToBank(files: ReadonlyMap<string, string>, defaults: ImportDefaults = {}): ExchangeResult {
  const manifestText = files.get("imsmanifest.xml");
  if (manifestText === undefined) return { load: { items: [], errors: ["包中没有 imsmanifest.xml"] }, renamed: [] };
  let manifest: Node;
  try {
    manifest = asNode(asNode(parser.parse(manifestText)).manifest);
  } catch (e) {
    return { load: { items: [], errors: [`imsmanifest.xml 不是有效的 XML：${(e as Error).message}`] }, renamed: [] };
  }
  const resources = asList(asNode(manifest.resources).resource).map(asNode);
  const raws: { where: string; raw: Record<string, unknown> }[] = [];
  const errors: string[] = [];
  for (const r of resources) {
    const type = String(r["@type"] ?? "");
    if (!/^imsqti_item_xmlv(3p0|2p[12])$/.test(type)) continue;
    const href = String(r["@href"] ?? "");
    const text = files.get(href);
    if (text === undefined) {
      errors.push(`${href || "（无 href）"}：包中没有这个文件`);
      continue;
    }
    const meta = asNode(asNode(r.metadata).item);
    const { raw, problem } = qtiToRaw(text, meta, defaults);
    if (problem) errors.push(`${href}：${problem}`);
    else raws.push({ where: href, raw });
  }
  if (resources.length === 0) errors.push("imsmanifest.xml 中没有题目资源");
  const renamed = assignIds(raws);
  const load = validate(raws);
  return { load: { items: load.items, errors: [...errors, ...load.errors] }, renamed };
}

// ---------------------------------------------------------------------------------------------
// xlsx template

/** The columns of the xlsx template, in order: header (Chinese), and what goes in. */
export const SHEET_COLUMNS = [
  { key: "id", header: "编号", note: "T-{等级}-{区域代码}-四位序号，如 T-L5-YW-0001；留空则按等级和区域自动编号" },
  { key: "type", header: "题型", note: "判断 / 单选 / 多选" },
  { key: "level", header: "等级", note: "common（职业道德、基础知识）/ L5 / L4 / L3" },
  { key: "area", header: "区域", note: AREAS.join(" / ") },
  { key: "requirement", header: "考核要求", note: "标准中的要求代码，如 L5/2.1.1 或 basic/2.2.1(1)" },
  { key: "stem", header: "题干", note: "判断题写一句陈述" },
  { key: "A", header: "选项A", note: "单选、多选题的选项；判断题留空" },
  { key: "B", header: "选项B", note: "" },
  { key: "C", header: "选项C", note: "" },
  { key: "D", header: "选项D", note: "" },
  { key: "E", header: "选项E", note: "可留空" },
  { key: "key", header: "答案", note: "判断：正确/错误；单选：一个字母；多选：字母连写，如 ACD" },
  { key: "explanation", header: "解析", note: "为什么是这个答案" },
  { key: "lawName", header: "法律法规", note: "如《中华人民共和国行政许可法》；无则留空" },
  { key: "lawArticle", header: "条款", note: "如 第三十二条" },
  { key: "lawVersion", header: "法律文本日期", note: "所依文本的施行或修正日期 YYYY-MM-DD（须与 laws.yaml 一致）" },
  { key: "enemy", header: "互斥标签", note: "考同一事实的题目填同一标签（小写字母、数字、连字符），同卷只出一道" },
  { key: "status", header: "状态", note: "draft（待审核）/ reviewed / active / retired；新题填 draft" },
  { key: "retired", header: "已停用", note: "填“是”表示停用（早期题目没有状态时用；与状态 retired 相同）" },
  { key: "author", header: "作者", note: "新题必填" },
  { key: "reviewer", header: "审核人", note: "不能是作者本人" },
  { key: "reviewed", header: "审核日期", note: "YYYY-MM-DD" },
] as const;
export type SheetKey = (typeof SHEET_COLUMNS)[number]["key"];
export type SheetRow = Partial<Record<SheetKey, string>>;

/** One item as a template row. */
export function itemToRow(i: BankItem): SheetRow {
  const row: SheetRow = {
    id: i.id,
    type: i.type,
    level: i.level,
    area: i.area,
    requirement: i.requirement,
    stem: i.stem,
    key: Array.isArray(i.key) ? i.key.join("") : i.key,
    explanation: i.explanation,
  };
  for (const l of LETTERS) if (i.options?.[l]) row[l] = i.options[l];
  if (i.law)
    Object.assign(row, { lawName: i.law.name, lawArticle: i.law.article, ...(i.law.version ? { lawVersion: i.law.version } : {}) });
  if (i.enemy) row.enemy = i.enemy;
  if (i.status) row.status = i.status;
  if (i.retired && i.status !== "retired") row.retired = "是";
  if (i.author) row.author = i.author;
  if (i.reviewer) row.reviewer = i.reviewer;
  if (i.reviewed) row.reviewed = i.reviewed;
  return row;
}

/** Template rows (with their sheet row numbers) as bank items, validated like hand-written ones. */
export function rowsToBank(rows: readonly { row: number; values: SheetRow }[], defaults: ImportDefaults = {}): ExchangeResult {
  const raws: { where: string; raw: Record<string, unknown> }[] = [];
  for (const { row, values: v } of rows) {
    const t = (k: SheetKey) => v[k]?.trim() || undefined;
    if (SHEET_COLUMNS.every((c) => !t(c.key))) continue; // blank row
    const type = t("type");
    const raw: Record<string, unknown> = {
      id: t("id") ?? "",
      type,
      level: t("level") ?? defaults.level,
      area: t("area") ?? defaults.area,
      requirement: t("requirement") ?? defaults.requirement,
      stem: t("stem"),
    };
    const options = Object.fromEntries(LETTERS.filter((l) => t(l)).map((l) => [l, t(l)]));
    if (Object.keys(options).length) raw.options = options;
    const key = t("key") ?? "";
    raw.key = type === "多选" ? [...key.replace(/[^A-Ea-e]/g, "").toUpperCase()].sort() : type === "单选" ? key.toUpperCase() : key;
    raw.explanation = t("explanation");
    if (t("lawName")) raw.law = { name: t("lawName"), article: t("lawArticle"), ...(t("lawVersion") ? { version: t("lawVersion") } : {}) };
    for (const f of ["enemy", "status", "author", "reviewer", "reviewed"] as const) if (t(f)) raw[f] = t(f);
    if (t("retired") === "是") raw.retired = true;
    if (!raw.author && defaults.author) raw.author = defaults.author;
    for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
    raws.push({ where: `第${row}行`, raw });
  }
  const renamed = assignIds(raws);
  return { load: validate(raws), renamed };
}
