"use client";

import {
  Activity,
  Aperture,
  Building2,
  Database,
  EyeOff,
  FlaskConical,
  History,
  Gauge,
  KeyRound,
  LayoutDashboard,
  LogOut,
  MessagesSquare,
  PlugZap,
  ScrollText,
  ShieldCheck,
  Sparkles,
  Users,
  UserCog,
  UsersRound,
  CircleDollarSign,
  ClipboardCheck,
  SlidersHorizontal,
  Webhook,
  Gavel,
  Scale,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import type { ReactNode } from "react";
import type { Role } from "@loupe/contracts";
import { type Capability, can } from "@loupe/domain";
import { cn } from "@/lib/shared/cn";
import { ProjectRoleProvider } from "@/lib/client/project-role";
import { ShortcutsButton } from "./shortcuts-button";
import { ThemeToggle } from "./theme-toggle";

type Project = { id: string; name: string; organization: { name: string }; role: Role };

export function AppShell({
  project,
  projects,
  userEmail,
  children,
}: {
  project: Project;
  projects: Project[];
  userEmail: string;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const base = `/project/${project.id}`;
  // `need` is the capability an entry's page reads with (`project:read` when unset): an ANNOTATOR sees
  // only the tracing pages and the annotation queues, exactly what the routes answer it.
  const groups: { label: string; items: { href: string; label: string; icon: typeof Activity; exact?: boolean; need?: Capability }[] }[] = [
    {
      label: "Dashboards",
      items: [
        { href: base, label: "Overview", icon: Gauge, exact: true },
        { href: `${base}/dashboards`, label: "Dashboards", icon: LayoutDashboard },
      ],
    },
    {
      label: "Tracing",
      items: [
        { href: `${base}/traces`, label: "Traces", icon: Activity, need: "traces:read" },
        { href: `${base}/sessions`, label: "Sessions", icon: MessagesSquare, need: "traces:read" },
        { href: `${base}/users`, label: "Users", icon: Users },
        { href: `${base}/observations`, label: "Observations", icon: Sparkles, need: "traces:read" },
      ],
    },
    {
      label: "Prompts",
      items: [
        { href: `${base}/prompts`, label: "Prompts", icon: ScrollText },
        { href: `${base}/playground`, label: "Playground", icon: FlaskConical },
      ],
    },
    {
      label: "Evaluation",
      items: [
        { href: `${base}/annotation-queues`, label: "Annotation", icon: ClipboardCheck, need: "traces:read" },
        { href: `${base}/score-configs`, label: "Score configs", icon: SlidersHorizontal },
        { href: `${base}/datasets`, label: "Datasets", icon: Database },
        { href: `${base}/evaluators`, label: "Evaluators", icon: Scale },
        { href: `${base}/evaluation-rules`, label: "Evaluation rules", icon: Gavel },
      ],
    },
    {
      label: "Settings",
      items: [
        { href: `${base}/settings`, label: "API keys", icon: KeyRound, exact: true },
        { href: `${base}/settings/llm-connections`, label: "LLM connections", icon: PlugZap },
        { href: `${base}/settings/masking`, label: "Data masking", icon: EyeOff },
        { href: `${base}/settings/models`, label: "Model prices", icon: CircleDollarSign },
        { href: `${base}/settings/prompts`, label: "Prompt releases", icon: ShieldCheck },
        { href: `${base}/settings/members`, label: "Members", icon: UserCog, need: "project:members" },
        { href: `${base}/settings/audit-log`, label: "Audit log", icon: History, need: "project:manage" },
        { href: `${base}/settings/webhooks`, label: "Webhooks", icon: Webhook },
        // The organization's settings, reached from any of its projects (the page checks the organization role).
        { href: `${base}/settings/organization`, label: "Organization", icon: Building2, need: "organization:manage", exact: true },
        { href: `${base}/settings/organization/members`, label: "Organization members", icon: UsersRound, need: "organization:members" },
      ],
    },
  ];
  const visibleGroups = groups
    .map((g) => ({ ...g, items: g.items.filter((i) => can(project.role, i.need ?? "project:read")) }))
    .filter((g) => g.items.length > 0);
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col border-r bg-panel max-[900px]:w-14">
        <div className="flex h-12 items-center gap-2 border-b px-3">
          <Aperture className="h-5 w-5 shrink-0 text-accent" />
          <span className="font-semibold tracking-tight max-[900px]:hidden">Loupe</span>
        </div>
        <div className="border-b px-3 py-2.5 max-[900px]:hidden">
          <label htmlFor="project-switcher" className="text-[11px] uppercase tracking-wide text-muted-foreground">
            {project.organization.name}
          </label>
          <select
            id="project-switcher"
            className="mt-1 w-full truncate rounded-md border bg-background px-2 py-1 text-sm"
            value={project.id}
            onChange={(e) => {
              window.location.href = `/project/${e.target.value}/traces`;
            }}
          >
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {projects.some((o) => o.organization.name !== project.organization.name) ? `${p.organization.name} / ${p.name}` : p.name}
              </option>
            ))}
          </select>
        </div>
        <nav className="flex-1 space-y-4 overflow-y-auto px-2 py-3" aria-label="Main">
          {visibleGroups.map((group) => (
            <div key={group.label}>
              <p className="px-2 pb-1 text-[11px] font-medium uppercase tracking-wide text-muted-foreground max-[900px]:hidden">
                {group.label}
              </p>
              {group.items.map((item) => {
                const active = item.exact ? pathname === item.href : pathname.startsWith(item.href);
                return (
                  <Link
                    key={item.href}
                    href={item.href}
                    title={item.label}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "flex h-8 items-center gap-2 rounded-md px-2 text-sm",
                      active ? "bg-accent-soft font-medium text-accent" : "text-muted-foreground hover:bg-muted hover:text-foreground",
                    )}
                  >
                    <item.icon className="h-4 w-4 shrink-0" />
                    <span className="max-[900px]:hidden">{item.label}</span>
                  </Link>
                );
              })}
            </div>
          ))}
        </nav>
        <div className="flex items-center gap-1 border-t px-2 py-2 max-[900px]:flex-col">
          <span className="min-w-0 flex-1 truncate px-1 text-xs text-muted-foreground max-[900px]:hidden" title={userEmail}>
            {userEmail}
          </span>
          <ShortcutsButton />
          <ThemeToggle />
          <button
            type="button"
            aria-label="Sign out"
            title="Sign out"
            onClick={() => signOut({ callbackUrl: "/auth/sign-in" })}
            className="inline-flex h-8 w-8 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground"
          >
            <LogOut className="h-4 w-4" />
          </button>
        </div>
      </aside>
      <main className="min-w-0 flex-1">
        <ProjectRoleProvider role={project.role}>{children}</ProjectRoleProvider>
      </main>
    </div>
  );
}

export function PageHeader({ title, description, actions }: { title: ReactNode; description?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="flex min-h-12 flex-wrap items-center gap-3 border-b px-5 py-2.5">
      <div className="min-w-0 flex-1">
        <h1 className="truncate text-base font-semibold">{title}</h1>
        {description ? <div className="truncate text-xs text-muted-foreground">{description}</div> : null}
      </div>
      {actions}
    </header>
  );
}
