import { Aperture } from "lucide-react";
import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-panel px-4 py-10">
      <div className="mb-6 flex items-center gap-2">
        <Aperture className="h-6 w-6 text-accent" />
        <span className="text-lg font-semibold tracking-tight">Loupe</span>
      </div>
      <div className="w-full max-w-sm rounded-xl border bg-background p-6 shadow-sm">{children}</div>
    </div>
  );
}
