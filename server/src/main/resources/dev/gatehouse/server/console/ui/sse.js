// Reads a text/event-stream body as it arrives, yielding each event's data. As the HTML
// standard's "Server-sent events" section words it: lines end in LF, CRLF or CR; a line
// "data: x" adds x to the event's data (one space after the colon dropped; several data
// lines joined by LF); a blank line ends the event; other fields and ":" comments are skipped.

/** Yields the data of each event of `body` (a ReadableStream of bytes). */
export async function* readEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data = null;
  let ended = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      ended = done;
      // A CR that ends the body ends its line too.
      if (done && !buffer.endsWith('\r')) return;
      buffer = done ? `${buffer.slice(0, -1)}\n` : buffer + value;
      let end;
      // A CR at the very end may be the first half of a CRLF: wait for the next read.
      while ((end = buffer.search(/\r\n|\n|\r(?=.)/s)) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
        if (line === '') {
          if (data !== null) yield data;
          data = null;
        } else if (line === 'data' || line.startsWith('data:')) {
          const value = line.slice(5).replace(/^ /, '');
          data = data === null ? value : `${data}\n${value}`;
        }
      }
      if (done) return;
    }
  } finally {
    // A reader that stops early (the caller saw [DONE], or an error) lets go of the connection.
    if (!ended) reader.cancel().catch(() => {});
  }
}
