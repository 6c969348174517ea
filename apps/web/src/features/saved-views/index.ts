export { SavedViewPicker } from "./saved-view-picker";
