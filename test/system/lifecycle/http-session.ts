/**
 * Plain HTTP to a running server, as a browser or a channel would talk to it: a cookie jar, the
 * CSRF token, and no retries of its own (the caller decides what a failure means). Used where
 * the server is another process (supertest's in-process agent cannot reach it).
 */
export interface HttpAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the API answers untyped JSON
  text: string;
}

/** A request that reached no server (refused, reset, timed out) answers status 0. */
export async function http(
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: unknown;
    timeoutMs?: number;
  } = {},
): Promise<HttpAnswer & { headers: Headers | undefined }> {
  try {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.status, body, text, headers: response.headers };
  } catch (error) {
    return { status: 0, body: undefined, text: String(error), headers: undefined };
  }
}

/** One browser: the cookies the server set, sent back on every request. */
export class CookieSession {
  private readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(private readonly baseUrl: () => string) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpAnswer> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const answer = await http(`${this.baseUrl()}${path}`, {
      method,
      body,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
    });
    for (const line of answer.headers?.getSetCookie() ?? []) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      if (at > 0) this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    return answer;
  }

  forget(): void {
    this.cookies.clear();
    this.csrfToken = '';
  }
}
