// What other features (and scripts) may use of the question bank on the server.
export * from "./service/theory.server";
export * from "./files.server";
export { SKILL_DIR, loadSkillBankFromDisk } from "./skill-files.server";
export { EXPOSURE_WINDOW_MONTHS, itemExposure, type ItemExposure, type ItemExposureOptions } from "./service/exposure.server";
export { currentSkillBank, importSkillBank, type SkillImportSummary } from "./service/skill.server";
export {
  AnalysisFilterSchema,
  analysisExport,
  analysisInput,
  analysisSittings,
  analysisWorkbook,
  itemAnalysisReport,
  type AnalysisFilter,
  type ItemAnalysisReport,
} from "./service/analysis.server";
