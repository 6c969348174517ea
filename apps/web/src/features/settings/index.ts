export { ApiKeysPage } from "./api-keys-page";
export { MaskingPage } from "./masking-page";
