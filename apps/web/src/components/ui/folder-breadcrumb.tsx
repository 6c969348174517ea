import { ChevronRight } from "lucide-react";

/** The path of an open folder (names split by `/`), each segment a button that opens that folder. */
export function FolderBreadcrumb({
  folder,
  rootLabel,
  onOpen,
}: {
  folder: string;
  rootLabel: string;
  onOpen: (path: string | null) => void;
}) {
  return (
    <nav aria-label="Folder" className="mb-2 flex items-center gap-1 text-sm">
      <button type="button" className="text-muted-foreground hover:underline" onClick={() => onOpen(null)}>
        {rootLabel}
      </button>
      {folder.split("/").map((segment, i, all) => (
        <span key={all.slice(0, i + 1).join("/")} className="flex items-center gap-1">
          <ChevronRight className="h-3.5 w-3.5 text-muted-foreground" />
          <button type="button" className="hover:underline" onClick={() => onOpen(all.slice(0, i + 1).join("/"))}>
            {segment}
          </button>
        </span>
      ))}
    </nav>
  );
}
