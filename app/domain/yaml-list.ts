// Reads a YAML file that holds a list of mappings, keeping each entry's line numbers so that
// validators can report "file:line: message".
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";

export type YamlEntry = { line: number; raw: Record<string, unknown>; lineOf: (field: string | number | undefined) => number };

/** `noun` names the entries in messages: 题目 for theory items, 任务 for skill tasks. */
export function parseYamlList(path: string, text: string, noun: string): { entries: YamlEntry[]; errors: string[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const errors: string[] = [];
  const seenLines = new Set<number>();
  for (const e of doc.errors) {
    const line = lc.linePos(e.pos[0]).line;
    if (seenLines.has(line)) continue; // the parser may report one fault twice
    seenLines.add(line);
    errors.push(`${path}:${line}: YAML 格式错误：${e.message.split("\n")[0]}`);
  }
  if (errors.length) return { entries: [], errors };
  if (!isSeq(doc.contents)) {
    if (doc.contents !== null) errors.push(`${path}:1: 文件应为${noun}列表（YAML 序列）`);
    return { entries: [], errors };
  }
  const entries: YamlEntry[] = [];
  for (const node of doc.contents.items) {
    const line = lc.linePos(node.range?.[0] ?? 0).line;
    if (!isMap(node)) {
      errors.push(`${path}:${line}: 每个${noun}应为一个映射（键: 值）`);
      continue;
    }
    const lineOf = (field: string | number | undefined) => {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === field);
      return pair ? lc.linePos((pair.key as unknown as { range?: number[] }).range?.[0] ?? 0).line : line;
    };
    entries.push({ line, raw: node.toJSON() as Record<string, unknown>, lineOf });
  }
  return { entries, errors };
}
