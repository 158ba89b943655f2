/** Writing to a stream with backpressure: waits for "drain" when the stream's buffer is full, so output streams. */
export function write(stream: NodeJS.WritableStream, chunk: string): Promise<void> | void {
  if (stream.write(chunk)) return;
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      stream.off("error", fail);
      resolve();
    };
    const fail = (err: Error) => {
      stream.off("drain", done);
      reject(err);
    };
    stream.once("drain", done);
    stream.once("error", fail);
  });
}
