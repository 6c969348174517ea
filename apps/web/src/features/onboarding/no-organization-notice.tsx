import Link from "next/link";

/** Onboarding for someone outside LANGFUSE_ALLOWED_ORGANIZATION_CREATORS: they join by invitation instead. */
export function NoOrganizationNotice({ homeHref }: { homeHref: string | null }) {
  return (
    <div className="space-y-3" data-testid="no-organization-notice">
      <h1 className="text-lg font-semibold">Ask for an invitation</h1>
      <p className="text-sm text-muted-foreground">
        On this Loupe instance only the people its administrators list can create organizations. Ask an admin of your team's organization to
        invite you; the invitation link brings you straight into its projects.
      </p>
      {homeHref ? (
        <Link href={homeHref} className="inline-flex h-8 items-center rounded-md border px-3 text-sm hover:bg-muted">
          Back to your projects
        </Link>
      ) : null}
    </div>
  );
}
