// The skill task bank on disk (question-bank/skill): read and validated, never written.
import fs from "node:fs";
import path from "node:path";
import { loadSkillBank, skillBankVersion } from "~/domain/skill";
import { readBankFiles } from "./files.server";

export const SKILL_DIR = path.resolve(process.env.SKILL_DIR ?? "question-bank/skill");

/** The skill tasks on disk, validated; `version` is their content hash. */
export function loadSkillBankFromDisk(dir = SKILL_DIR) {
  const { tasks, errors } = loadSkillBank(fs.existsSync(dir) ? readBankFiles(dir) : []);
  return { tasks, errors, version: skillBankVersion(tasks) };
}
