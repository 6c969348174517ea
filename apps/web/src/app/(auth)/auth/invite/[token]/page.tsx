import { describeInvitation } from "@loupe/server";
import Link from "next/link";
import { InvitationAcceptance } from "@/features/auth";
import { getSessionUser } from "@/lib/server/auth";

export const metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

/** `/auth/invite/<token>`: an expired, revoked, used or unknown link gets a page that says so, never an error. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([describeInvitation(token), getSessionUser()]);
  if (invitation.state !== "pending") {
    return (
      <div className="space-y-3" data-testid="invitation-unavailable">
        <h1 className="text-lg font-semibold">This invitation cannot be used</h1>
        <p className="text-sm text-muted-foreground">{invitation.message}</p>
        <Link href={user ? "/" : "/auth/sign-in"} className="text-sm font-medium text-accent hover:underline">
          {user ? "Open Loupe" : "Go to sign-in"}
        </Link>
      </div>
    );
  }
  return <InvitationAcceptance token={token} invitation={invitation} signedInAs={user?.email ?? null} />;
}
