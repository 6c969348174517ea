"use client";

import { useTheme } from "next-themes";
import { Highlight, themes } from "prism-react-renderer";

/** Names models write after ``` that Prism knows under another name. */
const ALIASES: Record<string, string> = { ts: "typescript", js: "javascript", py: "python", sh: "bash", shell: "bash", yml: "yaml" };

/** Prism tokens as spans (text only, never HTML): the lazily loaded half of CodeBlock. */
export default function HighlightedCode({ code, language }: { code: string; language: string | undefined }) {
  const { resolvedTheme } = useTheme();
  const lang = language ? (ALIASES[language.toLowerCase()] ?? language.toLowerCase()) : "text";
  return (
    <Highlight code={code} language={lang} theme={resolvedTheme === "dark" ? themes.vsDark : themes.github}>
      {({ tokens, getLineProps, getTokenProps }) => (
        <pre className="overflow-x-auto px-3 py-2 font-mono text-xs leading-relaxed" data-highlighted="true">
          <code>
            {tokens.map((line, i) => {
              const { style: _lineStyle, ...lineProps } = getLineProps({ line });
              return (
                <div key={i} {...lineProps}>
                  {line.map((token, j) => {
                    const { style, ...tokenProps } = getTokenProps({ token });
                    // Only the colour: the theme's background would fight the panel's.
                    return <span key={j} {...tokenProps} style={{ color: style?.color, fontStyle: style?.fontStyle }} />;
                  })}
                </div>
              );
            })}
          </code>
        </pre>
      )}
    </Highlight>
  );
}
