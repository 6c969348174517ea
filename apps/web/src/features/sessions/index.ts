export { DefaultWindowNote, TraceAttributeGuide } from "./components/guides";
export { SessionPage } from "./session-page";
export { SessionsPage } from "./sessions-page";
