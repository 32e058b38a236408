// Server functions of certificates that other features may call (the only writer of Certificate).
export {
  certificatesOfPerson,
  certificateWaiting,
  eligibilityFacts,
  eligibilityOf,
  issueCertificates,
  recordExternalCertificate,
  registrationEligibility,
  type TrainingProgress,
  trainingProgress,
  trainingProgressOf,
} from "./service.server";
