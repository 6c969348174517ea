import { QueryClient } from "@tanstack/react-query";
import { isRetryable } from "./api-client";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        // The same rule as the error states' "Try again": a 4xx (but 408/429) will not change on retry.
        retry: (count, error) => isRetryable(error) && count < 2,
      },
    },
  });
}
