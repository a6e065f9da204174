/** An HttpClient that answers from a table, for services tested without sockets. */
import type { HttpClient, HttpRequest, HttpResponse } from '../../electron/platform/http';

export type FakeAnswer = Partial<Omit<HttpResponse, 'url'>> | Error;

export function fakeHttp(answers: Record<string, FakeAnswer>): HttpClient & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  return {
    requests,
    async request(req) {
      requests.push(req);
      const answer = answers[req.url];
      if (answer === undefined) throw new Error(`fakeHttp: no answer for ${req.url}`);
      if (answer instanceof Error) throw answer;
      return {
        url: req.url,
        status: 200,
        headers: {},
        body: '',
        truncated: false,
        redirects: 0,
        elapsedMs: 1,
        ...answer,
      };
    },
  };
}
