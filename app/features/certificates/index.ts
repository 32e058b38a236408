// What other features may use of certificates in any code (client-safe).

/** The message after a publication: the results, and the certificates issued or why none were. */
export function publishedMessage(r: { issued: number; refusal: string | null }): string {
  if (r.refusal) return `成绩已发布，考生可以查看。证书未颁发：${r.refusal}`;
  return `成绩已发布，考生可以查看。${r.issued ? `理论与技能均合格者已颁发证书 ${r.issued} 本。` : ""}`;
}
