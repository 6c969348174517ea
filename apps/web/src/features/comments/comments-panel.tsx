"use client";

import type { CommentObjectType } from "@loupe/contracts";
import { MessageSquare, Trash2 } from "lucide-react";
import { useSession } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { useCan } from "@/lib/client/project-role";
import { useCommentWrites, useComments } from "./use-comments";

/**
 * The comments of one trace, observation, session or prompt version, oldest first, with the form to
 * add one. Content is shown as plain text (whitespace kept), never as markup.
 */
export function CommentsPanel({ projectId, objectType, objectId }: { projectId: string; objectType: CommentObjectType; objectId: string }) {
  const comments = useComments(projectId, objectType, objectId);
  const { add, remove } = useCommentWrites(projectId, objectType, objectId);
  const canComment = useCan("comment");
  const me = useSession().data?.user?.email;
  const [draft, setDraft] = useState("");
  const list = comments.data?.data ?? [];
  const submit = () => {
    if (draft.trim() === "") return;
    add.mutate(draft.trim(), { onSuccess: () => setDraft("") });
  };
  return (
    <section className="overflow-hidden rounded-lg border" aria-label="Comments" data-testid="comments-panel">
      <div className="flex h-8 items-center gap-1.5 border-b bg-panel px-3">
        <MessageSquare className="h-3.5 w-3.5 text-muted-foreground" aria-hidden />
        <h3 className="text-xs font-medium text-muted-foreground">
          Comments <span className="tabular">({list.length})</span>
        </h3>
      </div>
      {comments.isPending ? (
        <div className="space-y-2 p-3">
          <Skeleton className="h-4 w-2/3" />
        </div>
      ) : comments.error ? (
        <p role="alert" className="px-3 py-2.5 text-xs text-danger">
          Could not load comments: {comments.error.message}{" "}
          <button type="button" className="underline" onClick={() => comments.refetch()}>
            Try again
          </button>
        </p>
      ) : list.length === 0 ? (
        <p className="px-3 py-2.5 text-xs text-muted-foreground italic">
          No comments yet.{canComment ? " Leave a note for whoever looks at this next." : ""}
        </p>
      ) : (
        <ul className="divide-y">
          {list.map((c) => (
            <li key={c.id} className="group px-3 py-2" data-testid="comment">
              <div className="flex items-center gap-2 text-xs text-muted-foreground">
                <span className="font-medium text-foreground">{c.author?.name ?? c.author?.email ?? "API"}</span>
                <RelativeTime iso={c.createdAt} />
                {canComment && c.author?.email === me ? (
                  <button
                    type="button"
                    className="ml-auto opacity-0 group-hover:opacity-100 focus:opacity-100"
                    aria-label="Delete comment"
                    onClick={() => remove.mutate(c.id)}
                  >
                    <Trash2 className="h-3.5 w-3.5" />
                  </button>
                ) : null}
              </div>
              <p className="mt-0.5 whitespace-pre-wrap break-words text-sm">{c.content}</p>
            </li>
          ))}
        </ul>
      )}
      {canComment ? (
        <form
          className="flex items-end gap-2 border-t p-2"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <textarea
            aria-label="New comment"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) submit();
            }}
            rows={1}
            maxLength={5000}
            placeholder="Add a comment (⌘/Ctrl+Enter)"
            className="min-h-8 flex-1 resize-y rounded-md border bg-background px-2 py-1.5 text-sm"
          />
          <Button type="submit" size="sm" disabled={add.isPending || draft.trim() === ""}>
            Comment
          </Button>
        </form>
      ) : null}
      {add.error ? (
        <p role="alert" className="px-3 pb-2 text-xs text-danger">
          {add.error.message}
        </p>
      ) : null}
    </section>
  );
}
