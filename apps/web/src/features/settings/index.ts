export { ApiKeysPage } from "./api-keys-page";
export { MaskingPage } from "./masking-page";
export { PromptSettingsPage } from "./prompt-settings-page";
export { ModelPricesPage } from "./models/model-prices-page";
