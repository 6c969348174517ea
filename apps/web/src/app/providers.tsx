"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { SessionProvider } from "next-auth/react";
import { ThemeProvider } from "next-themes";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { type ReactNode, useState } from "react";
import { ShortcutsProvider } from "@/components/keyboard/shortcuts";
import { makeQueryClient } from "@/lib/client/query-client";

/** `nonce` is the page's CSP nonce, for next-themes' inline script that sets the theme before paint. */
export function Providers({ children, nonce }: { children: ReactNode; nonce?: string }) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <SessionProvider>
      <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
        <QueryClientProvider client={queryClient}>
          <NuqsAdapter>
            <ShortcutsProvider>{children}</ShortcutsProvider>
          </NuqsAdapter>
        </QueryClientProvider>
      </ThemeProvider>
    </SessionProvider>
  );
}
