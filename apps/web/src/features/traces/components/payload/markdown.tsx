"use client";

import ReactMarkdown, { type Components } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { CodeBlock } from "./code-block";

/** The bits of a hast node the code-block renderer reads (hast's types are not a dependency here). */
type HastNode = { type: string; value?: string; tagName?: string; properties?: Record<string, unknown>; children?: HastNode[] };

const textOf = (node: HastNode | undefined): string =>
  node ? (node.type === "text" ? (node.value ?? "") : (node.children ?? []).map(textOf).join("")) : "";

function languageOf(code: HastNode | undefined): string | undefined {
  const names = code?.properties?.className;
  const name = Array.isArray(names) ? names.map(String).find((c) => c.startsWith("language-")) : undefined;
  return name?.slice("language-".length) || undefined;
}

/** Links only to http(s) and mailto; anything else (javascript:, data:, vbscript:…) loses its href. */
export function safeUrl(url: string): string {
  return /^(https?:|mailto:)/i.test(url.trim()) ? url : "";
}

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer" className="text-accent underline underline-offset-2">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // Images in model output are shown as their address, never fetched (no tracking pixels).
  img: ({ src, alt }) => <span className="text-muted-foreground">[image: {alt || String(src ?? "")}]</span>,
  // Fenced code: highlighted, with a copy button (inline `code` keeps the default rendering).
  pre: ({ node }) => {
    const code = (node as HastNode | undefined)?.children?.find((c) => c.type === "element" && c.tagName === "code");
    return <CodeBlock code={textOf(code).replace(/\n$/, "")} language={languageOf(code)} />;
  },
};

/**
 * Model output as markdown (GitHub's flavour: tables, task lists, strikethrough): raw HTML is not
 * rendered (it stays text), the tree is sanitised on top.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown text-[13px] leading-relaxed break-words" data-testid="markdown">
      <ReactMarkdown skipHtml remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSanitize]} urlTransform={safeUrl} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
