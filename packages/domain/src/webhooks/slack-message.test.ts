import { describe, expect, it } from "vitest";
import { slackMessage } from "./slack-message.ts";

const base = { id: "evt_1", createdAt: "2026-12-01T12:00:00.000Z", projectId: "p1" };

describe("slackMessage", () => {
  it("escapes tenant text so it cannot mention a channel or forge a link", () => {
    const message = slackMessage({
      ...base,
      type: "prompt.version.created",
      data: {
        name: "a<!channel>&b",
        version: 2,
        type: "text",
        labels: ["latest"],
        tags: [],
        commitMessage: "<https://evil|click>",
        createdBy: null,
      },
    });
    expect(message.text).toBe("New version 2 of prompt `a&lt;!channel&gt;&amp;b`");
    expect(message.blocks[0]?.text.text).toContain("> &lt;https://evil|click&gt;");
    expect(JSON.stringify(message)).not.toMatch(/<!channel>|<https/);
  });

  it("tells a rollback from a release and names the approver", () => {
    const moved = (version: number, previousVersion: number | null) =>
      slackMessage({
        ...base,
        type: "prompt.label.moved",
        data: { name: "p", label: "production", version, previousVersion, movedBy: "Mo", approvedBy: "Ada" },
      });
    expect(moved(3, 2).text).toBe("Label `production` of prompt `p` moved to version 3 (was version 2)");
    expect(moved(1, 3).text).toBe("Label `production` of prompt `p` rolled back to version 1 (was version 3)");
    expect(moved(3, 2).blocks[0]?.text.text).toContain("Release approved by Ada");
  });

  it("summarises a deletion", () => {
    expect(slackMessage({ ...base, type: "prompt.deleted", data: { name: "p", versions: [1, 2], deletedBy: null } }).text).toBe(
      "Prompt `p` deleted (2 versions)",
    );
  });
});
