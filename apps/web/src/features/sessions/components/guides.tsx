import { CodeSnippet } from "@/components/ui/code-snippet";

/** How to put traces into one session (or attribute them to a user) with the Langfuse SDKs. */
export function TraceAttributeGuide({ attribute }: { attribute: "sessionId" | "userId" }) {
  const session = attribute === "sessionId";
  return (
    <div className="mx-auto grid w-full max-w-2xl gap-3 text-left">
      <p>
        {session
          ? "A session is the traces of one conversation or workflow. Send the same sessionId with every trace of a conversation to replay it here, turn by turn."
          : "Users are the end users of your application. Send a userId with each trace to see their traces, sessions, tokens and cost here."}
      </p>
      <CodeSnippet
        title="TypeScript"
        code={`const trace = langfuse.trace({
  name: "chat-turn",
  ${session ? `sessionId: "chat-1234",  // the same id for every turn` : `userId: "user-42",       // your application's user id`}
  ${session ? `userId: "user-42",` : `sessionId: "chat-1234",`}
  input: messages,
});`}
      />
      <CodeSnippet
        title="Python"
        code={`with langfuse.start_as_current_span(name="chat-turn") as span:
    span.update_trace(${session ? `session_id="chat-1234", user_id="user-42"` : `user_id="user-42", session_id="chat-1234"`})`}
      />
    </div>
  );
}

/** Under an empty sessions/users list on its default window: older groups may exist, one click away. */
export function DefaultWindowNote({ noun, onAllTime }: { noun: string; onAllTime: () => void }) {
  return (
    <p className="mb-3 text-xs">
      None in the last 7 days.{" "}
      <button type="button" className="text-accent underline-offset-2 hover:underline" onClick={onAllTime}>
        Show {noun} of all time
      </button>
    </p>
  );
}
