import Link from "next/link";

export default function NotFound() {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center gap-2 p-10 text-center">
      <p className="text-4xl font-semibold text-muted-foreground">404</p>
      <p className="font-medium">This page does not exist, or you do not have access to it.</p>
      <Link href="/" className="text-sm text-accent hover:underline">
        Go to your projects
      </Link>
    </div>
  );
}
