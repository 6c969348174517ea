import { listProjectsForUser } from "@loupe/server";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/server/auth";

export const dynamic = "force-dynamic";

export default async function Home() {
  const user = await getSessionUser();
  if (!user) redirect("/auth/sign-in");
  const [first] = await listProjectsForUser(user.id);
  redirect(first ? `/project/${first.id}/traces` : "/onboarding");
}
