export { DefaultWindowNote, TraceAttributeGuide } from "./components/guides";
export { SessionPage } from "./session-page";
export { SessionsPage, sessionColumns } from "./sessions-page";
export { useSessions } from "./hooks/use-sessions";
