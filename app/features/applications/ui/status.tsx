import type { ApplicationStatus } from "~/domain/application";

const TONE: Record<ApplicationStatus, string> = {
  submitted: "bg-amber-100 text-amber-900",
  needs_info: "bg-orange-100 text-orange-900",
  approved: "bg-green-100 text-green-800",
  waitlisted: "bg-sky-100 text-sky-900",
  rejected: "bg-red-100 text-red-800",
  withdrawn: "bg-slate-100 text-slate-700",
};

/** The status as a word (never colour alone), with a waiting-list place when there is one. */
export function StatusBadge({ status, label, position }: { status: ApplicationStatus; label: string; position?: number | null }) {
  return (
    <span className={`badge ${TONE[status]}`}>
      {label}
      {position ? ` 第 ${position} 位` : ""}
    </span>
  );
}
