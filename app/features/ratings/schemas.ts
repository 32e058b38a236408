// The ratings page's inputs (no server imports): the year and person in the query, and the three
// intents of the import form.
import { z } from "zod";
import { CSV_ENCODINGS } from "~/domain/staff-import";

/** Ids in the query and the form (cuid): anything else is refused before a lookup. */
export const CUID = /^[a-z0-9]{10,40}$/;

/** The year shown: 2000 up to this year (Asia/Shanghai). */
export const yearSchema = (thisYear: number) => z.coerce.number().int().min(2000).max(thisYear);

export const RatingsIntentSchema = z.object({ intent: z.enum(["upload", "commit", "discard"], { message: "未知的操作。" }) });

export const UploadSchema = z.object({ encoding: z.enum(CSV_ENCODINGS, { message: "文件编码选项有误。" }) });

export const BatchSchema = z.object({ batchId: z.string().regex(CUID, "导入批次编号有误") });
