// What other features may use of centers in any code (client-safe): the center and department schemas.
export { centerSchema, centerSettingsSchema, departmentSchema } from "./schemas";
