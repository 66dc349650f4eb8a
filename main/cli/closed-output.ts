/**
 * `aws-mfa-tray --help | head -1`: once the reader of stdout (or stderr) has gone, a write fails
 * with EPIPE (Node ignores SIGPIPE), which unhandled is a stack trace. The output is unwanted
 * then, so the process ends quietly, as cat or git do, whatever the command.
 */
export function endQuietlyOnClosedOutput(streams: NodeJS.WritableStream[] = [process.stdout, process.stderr]): void {
  for (const s of streams) {
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw e;
    });
  }
}
