"use client";

import { ZCreateOrganizationBody } from "@loupe/contracts";
import { useRouter } from "next/navigation";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Field, Input } from "@/components/ui/input";
import { apiFetch } from "@/lib/client/api-client";
import { useZodForm } from "@/lib/client/use-zod-form";

export function CreateOrganizationForm() {
  const router = useRouter();
  const { errors, formError, pending, onSubmit } = useZodForm(
    ZCreateOrganizationBody,
    async (body) => {
      const created = await apiFetch(z.object({ projectId: z.string() }), "/api/internal/organizations", { method: "POST", body });
      router.push(`/project/${created.projectId}/settings?welcome=1`);
    },
    "Could not create the project.",
  );

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <h1 className="text-lg font-semibold">Set up your workspace</h1>
        <p className="text-sm text-muted-foreground">An organization holds your team; a project holds the traces of one application.</p>
      </div>
      <Field label="Organization" htmlFor="organizationName" error={errors.organizationName}>
        <Input id="organizationName" name="organizationName" placeholder="Acme Inc." autoFocus />
      </Field>
      <Field label="Project" htmlFor="projectName" error={errors.projectName}>
        <Input id="projectName" name="projectName" placeholder="Support bot" />
      </Field>
      <FormError message={formError} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating…" : "Create project"}
      </Button>
    </form>
  );
}
