// What other code may use of the shell (client-safe): the navigation of each role.
export { navFor } from "./navigation";
