// One HTTP request with a time limit, for fetch.rs (documents) and send.rs (comment
// requests): the browser's fetch raced against a timer and aborted when the time is up.
// Never rejects: resolves to an answer whose `failure` says what went wrong (the codes
// below, read by `mod failure` in fetch.rs; 0 for none) and otherwise carries the
// response's status, URL, content type and body.
const NETWORK = 1;
const TIMEOUT = 2;
const INCOMPLETE = 3;
const TOO_LARGE = 4;

/** `headers` (names and values, each ended by a line break) as [name, value] pairs. */
function pairs(headers) {
  const parts = headers.split('\n');
  const list = [];
  for (let i = 0; i + 2 < parts.length; i += 2) list.push([parts[i], parts[i + 1]]);
  return list;
}

/**
 * `method` `url` with `headers` (names and values, each ended by a line break) and `body`, given
 * up after `timeoutMs`. `maxBytes` (0 for none) refuses a larger declared Content-Length
 * before the body is read. An error status reads no body unless `errorBody`; the body is
 * read as bytes, or as text if `asText`. `early`, a fetch already under way for the same
 * request (from `prefetch`), is taken over instead of starting one, and stopped with it. A
 * `delayMs` (a retry's wait between attempts) passes before the request and its time limit
 * start.
 */
export async function request(method, url, headers, body, timeoutMs, maxBytes, errorBody, asText, early, delayMs) {
  if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
  const controller = new AbortController();
  const stop = () => {
    controller.abort();
    early?.abort?.();
  };
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  const race = (promise) => Promise.race([promise, timeout]);
  const timedOut = () => {
    stop();
    return { failure: TIMEOUT };
  };
  try {
    let response;
    try {
      response = await race(early ?? fetch(url, { method, headers: pairs(headers), body, signal: controller.signal }));
    } catch {
      return { failure: NETWORK };
    }
    if (!response) return timedOut();
    const answer = {
      failure: 0,
      status: response.status,
      statusText: response.statusText,
      url: response.url,
      contentType: response.headers.get('content-type') ?? '',
    };
    if (!response.ok && !errorBody) return answer;
    const length = Number(response.headers.get('content-length'));
    if (maxBytes && length > maxBytes) {
      stop();
      return { failure: TOO_LARGE, length };
    }
    try {
      const read = await race(asText ? response.text() : response.arrayBuffer());
      if (read === undefined) return timedOut();
      if (asText) answer.text = read;
      else answer.bytes = new Uint8Array(read);
    } catch {
      return { failure: INCOMPLETE };
    }
    return answer;
  } finally {
    clearTimeout(timer);
  }
}

// See fetch.rs (Answer): one text of an answer (`statusText`, `url`, `contentType`, `text`),
// '' if none.
export function said(answer, name) {
  return answer[name] ?? '';
}

// See fetch.rs (read): `text` parsed as JSON, as the one item of an array; if it is not
// JSON, the parser's message (undefined if what it threw is not an Error).
export function parseJson(text) {
  try {
    return [JSON.parse(text)];
  } catch (error) {
    return error instanceof Error ? error.message : undefined;
  }
}

/**
 * A GET of `url` with `headers` (as `request` takes them) started now (by the entry module
 * before the wasm is ready, or by the widget before it draws the article), for `request`'s
 * `early`: a failure waits there, not as an unhandled rejection, and `abort()` on the
 * promise stops it when that request gives up (a request left hanging would hold the
 * browser's cache entry, and a retry would wait on it).
 */
export function prefetch(url, headers = '') {
  const controller = new AbortController();
  const response = fetch(url, { headers: pairs(headers), signal: controller.signal });
  response.catch(() => {});
  response.abort = () => controller.abort();
  return response;
}
