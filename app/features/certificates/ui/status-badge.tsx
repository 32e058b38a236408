import { CERTIFICATE_STATUS_LABELS, type CertificateStatus } from "~/domain/certificate";

// The state in words, with a colour as a second cue only.
export function StatusBadge({ status }: { status: CertificateStatus }) {
  const tone = status === "valid" ? "bg-green-100 text-green-900" : "bg-red-100 text-red-900";
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${tone}`}>{CERTIFICATE_STATUS_LABELS[status]}</span>;
}
