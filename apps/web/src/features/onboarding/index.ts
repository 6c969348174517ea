export { CreateOrganizationForm } from "./create-organization-form";
export { NoOrganizationNotice } from "./no-organization-notice";
