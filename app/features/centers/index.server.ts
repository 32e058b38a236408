// Server functions of centers that other features may call (the only writer of Center and Department).
export { assertDepartmentInCenter, centerName, departmentsOf } from "./service.server";
