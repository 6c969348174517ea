"use client";

import { useCallback, useEffect, useState } from "react";

/**
 * A JSON value remembered in localStorage (read after mount, so server and first client render agree).
 * The third value turns true once the stored value has been read.
 */
export function useLocalStorage<T>(key: string, initial: T): [T, (value: T) => void, boolean] {
  const [value, setValue] = useState<T>(initial);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    try {
      const stored = window.localStorage.getItem(key);
      if (stored !== null) setValue(JSON.parse(stored) as T);
    } catch {
      // A value written by an older version or by hand: keep the default.
    }
    setLoaded(true);
  }, [key]);
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the choice lasts for this page only.
      }
    },
    [key],
  );
  return [value, set, loaded];
}
