// What other features may use of accounts in any code (client-safe): the account form schemas and
// the account panel of a person's page.
export { accountSchema, centerAdminSchema, newPasswordSchema, rolesSchema, usernameSchema } from "./schemas";
export { type AccountSummary, AccountPanel } from "./ui/account-panel";
