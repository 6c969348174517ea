export { CreateOrganizationForm } from "./create-organization-form";
