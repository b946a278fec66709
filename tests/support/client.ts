import type http from 'node:http';
import supertest from 'supertest';

/**
 * A cookie-keeping client over a Koa callback, speaking like the browser apps: JSON bodies and
 * the CSRF cookie echoed in x-csrf-token.
 */
export class Client {
  private cookies = new Map<string, string>();
  constructor(
    private readonly app: http.RequestListener,
    private readonly csrfCookie: string,
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: supertest.Response): void {
    const set = res.headers['set-cookie'] as unknown as string[] | undefined;
    for (const line of set ?? []) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(url: string): Promise<supertest.Response> {
    const res = await supertest(this.app).get(url).set('Cookie', this.header());
    this.remember(res);
    return res;
  }

  async send(method: 'post' | 'put' | 'patch' | 'delete', url: string, body?: unknown, headers: Record<string, string> = {}) {
    let req = supertest(this.app)[method](url).set('Cookie', this.header());
    const csrf = this.cookies.get(this.csrfCookie);
    if (csrf) req = req.set('x-csrf-token', csrf);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    const res = body === undefined ? await req : await req.send(body as object);
    this.remember(res);
    return res;
  }

  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.send('post', url, body, headers);
  }
  put(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.send('put', url, body, headers);
  }
}

export const parentClient = (app: http.RequestListener) => new Client(app, 'marelle_csrf');
export const staffClient = (app: http.RequestListener) => new Client(app, 'marelle_staff_csrf');
