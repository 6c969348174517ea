"use client";

import { useRouter } from "next/navigation";
import { PageHeader } from "@/components/layout/app-shell";
import { projectRoutes } from "@/lib/shared/routes";
import { VersionEditor } from "./components/version-editor";
import { useCreateVersion } from "./hooks/use-prompts";

export function NewPromptPage({ projectId }: { projectId: string }) {
  const router = useRouter();
  const create = useCreateVersion(projectId);
  return (
    <div className="flex min-h-screen flex-col">
      <PageHeader title="New prompt" description="Version 1 gets the label latest; promote it to production when it is ready" />
      <div className="max-w-3xl p-5">
        <VersionEditor
          onSubmit={async (body) => {
            const saved = await create.mutateAsync(body);
            router.push(projectRoutes(projectId).prompt(saved.name));
          }}
        />
      </div>
    </div>
  );
}
