import { randomBytes } from "node:crypto";

/**
 * A row id for rows written outside Prisma (the exam store): like Prisma's cuid() — a letter,
 * the time in base 36, then randomness — so ids from both sort and look alike.
 */
export function newId(): string {
  return `c${Date.now().toString(36)}${randomBytes(10).toString("hex").slice(0, 16)}`;
}
