export { CommentsPanel } from "./comments-panel";
