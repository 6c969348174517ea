import type { TWebhookEvent } from "@loupe/contracts";

// A Loupe event as a Slack incoming-webhook message: `text` (notifications, clients without blocks)
// plus one mrkdwn section block. Prompt names and commit messages are tenant text: Slack's control
// characters are escaped so they cannot turn into mentions (<!channel>) or links.

export type SlackMessage = { text: string; blocks: { type: "section"; text: { type: "mrkdwn"; text: string } }[] };

/** Slack's escaping for message text: only &, < and > have a meaning. */
export const slackEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const code = (text: string) => `\`${slackEscape(text).replace(/`/g, "'")}\``;

function summary(event: TWebhookEvent): { text: string; detail: string | null } {
  switch (event.type) {
    case "prompt.version.created": {
      const d = event.data;
      const labels = d.labels.filter((l) => l !== "latest");
      return {
        text: `New version ${d.version} of prompt ${code(d.name)}${labels.length > 0 ? ` with ${labels.map(code).join(", ")}` : ""}`,
        detail: d.commitMessage ? `> ${slackEscape(d.commitMessage).replace(/\n/g, "\n> ")}` : null,
      };
    }
    case "prompt.label.moved": {
      const d = event.data;
      const from = d.previousVersion === null ? "" : ` (was version ${d.previousVersion})`;
      const verb = d.previousVersion !== null && d.previousVersion > d.version ? "rolled back to" : "moved to";
      return {
        text: `Label ${code(d.label)} of prompt ${code(d.name)} ${verb} version ${d.version}${from}`,
        detail: d.approvedBy ? `Release approved by ${slackEscape(d.approvedBy)}` : null,
      };
    }
    case "prompt.deleted": {
      const d = event.data;
      const versions = d.versions.length === 1 ? `version ${d.versions[0]}` : `${d.versions.length} versions`;
      return { text: `Prompt ${code(d.name)} deleted (${versions})`, detail: null };
    }
    case "ping":
      return { text: `Test event from Loupe: ${slackEscape(event.data.message)}`, detail: null };
  }
}

export function slackMessage(event: TWebhookEvent): SlackMessage {
  const { text, detail } = summary(event);
  const body = detail ? `${text}\n${detail}` : text;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: body.slice(0, 3000) } }] };
}
