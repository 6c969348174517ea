export { ApiKeysPage } from "./api-keys-page";
export { MaskingPage } from "./masking-page";
export { PromptSettingsPage } from "./prompt-settings-page";
export { AuditLogPage } from "./audit-log-page";
export { OrganizationSettingsPage } from "./organization-page";
export { ModelPricesPage } from "./models/model-prices-page";
export { OrganizationMembersPage } from "./members/organization-members-page";
export { ProjectMembersPage } from "./members/project-members-page";
