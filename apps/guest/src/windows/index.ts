export type { DialogLanguage, DialogTexts } from './dialog-text';
export { DIALOG_TEXTS, dialogLanguage } from './dialog-text';
export {
  createWindowsCustomerUi,
  type WindowsCustomerUi,
  type WindowsCustomerUiOptions,
} from './windows-customer-ui';
