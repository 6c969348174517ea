"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

/**
 * Onboarding for someone outside LANGFUSE_ALLOWED_ORGANIZATION_CREATORS: they join by invitation instead,
 * or sign out (with no project yet there is nowhere else to go from here).
 */
export function NoOrganizationNotice({ homeHref }: { homeHref: string | null }) {
  return (
    <div className="space-y-3" data-testid="no-organization-notice">
      <h1 className="text-lg font-semibold">Ask for an invitation</h1>
      <p className="text-sm text-muted-foreground">
        On this Loupe instance only the people its administrators list can create organizations. Ask an admin of your team's organization to
        invite you; the invitation link brings you straight into its projects.
      </p>
      <div className="flex flex-wrap gap-2">
        {homeHref ? (
          <Link href={homeHref} className="inline-flex h-8 items-center rounded-md border px-3 text-sm hover:bg-muted">
            Back to your projects
          </Link>
        ) : null}
        <Button
          type="button"
          variant="secondary"
          size="sm"
          className="h-8 px-3 text-sm"
          onClick={() => signOut({ callbackUrl: "/auth/sign-in" })}
        >
          Sign out
        </Button>
      </div>
    </div>
  );
}
