/** Loads from the API whenever `key` changes; keeps the last error as a message the page shows. */
import { useEffect, useState } from "preact/hooks";

export type Loaded<T> = { state: "loading" } | { state: "error"; message: string } | { state: "ok"; data: T };

export function useApi<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [out, setOut] = useState<Loaded<T>>({ state: "loading" });
  useEffect(() => {
    let live = true;
    setOut({ state: "loading" });
    load().then(
      (data) => live && setOut({ state: "ok", data }),
      (err: Error) => live && setOut({ state: "error", message: err.message }),
    );
    return () => {
      live = false;
    };
    // `key` stands for everything `load` depends on.
  }, [key]);
  return out;
}
