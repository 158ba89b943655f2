/** A reason not to read an input: thrown inside readers, turned into a `skip` item with the reason. */
export class IngestSkip extends Error {
  override readonly name = "IngestSkip";
}

/** One-line reason from any error, for skip messages. */
export function reasonOf(err: unknown): string {
  if (err instanceof IngestSkip) return err.message;
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.code === "ENOENT") return "no such file or directory";
  if (e?.code === "EACCES") return "permission denied";
  if (e?.code === "EISDIR") return "is a directory";
  const cause = e?.cause?.code ?? e?.cause?.message;
  const msg = (e?.message ?? String(err)).split("\n")[0]!;
  return cause ? `${msg} (${cause})` : msg;
}
