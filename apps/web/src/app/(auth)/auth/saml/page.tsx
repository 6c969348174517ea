import { SamlComplete } from "@/features/auth";

export const metadata = { title: "Signing in" };

export default function SamlCompletePage() {
  return <SamlComplete />;
}
