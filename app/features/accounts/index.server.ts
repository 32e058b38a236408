// Server functions of accounts that other features may call (the only writer of User and UserRole).
export {
  type FieldRefusal,
  grantableRoles,
  openAccount,
  openCenterAdmin,
  renameAccountOf,
  resetPassword,
  setAccountActive,
  setRoles,
} from "./service.server";
