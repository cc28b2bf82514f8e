import { networkInterfaces } from 'node:os';
import { LocalSlack } from '../../src/sandbox/local-slack/local-slack';
import { allowedHosts, mediaTypeOf } from '../../src/sandbox/local-slack/request-guard';

describe("the local Slack's request guard", () => {
  it('reads the media type of a Content-Type header without its parameters, in any letter case', () => {
    expect(mediaTypeOf('application/json')?.type).toBe('application/json');
    expect(mediaTypeOf(' Application/JSON ; charset="UTF-8"')).toEqual({ type: 'application/json', parameters: new Map([['charset', 'UTF-8']]) });
    expect(mediaTypeOf('text/plain; x=application/json')?.type).toBe('text/plain');
    expect(mediaTypeOf('text/plain, application/json')).toBeNull();
    expect(mediaTypeOf('application/json;;')).toBeNull();
    expect(mediaTypeOf('application/json; charset')).toBeNull();
    expect(mediaTypeOf('')).toBeNull();
    expect(mediaTypeOf(undefined)).toBeNull();
  });

  it('answers only to the loopback names and the address it listens on, with its port', () => {
    expect([...allowedHosts('127.0.0.1', 3000)].sort()).toEqual(['127.0.0.1:3000', '[::1]:3000', 'localhost:3000']);
    expect(allowedHosts('::1', 3000).has('[::1]:3000')).toBe(true);
    expect(allowedHosts('192.168.1.20', 3000).has('192.168.1.20:3000')).toBe(true);
    expect(allowedHosts('127.0.0.1', 80).has('localhost')).toBe(true);
    expect(allowedHosts('127.0.0.1', 3000).has('localhost')).toBe(false);
  });

  it('answers to every interface address when it listens on all of them (--host 0.0.0.0)', () => {
    const hosts = allowedHosts('0.0.0.0', 3000);
    const first = Object.values(networkInterfaces())
      .flat()
      .find((address) => address?.family === 'IPv4');
    if (first) expect(hosts.has(`${first.address}:3000`)).toBe(true);
    expect(hosts.has('evil.example:3000')).toBe(false);
  });
});

describe("the local Slack's server", () => {
  it('answers a route that throws or rejects with a 500 for that request alone, logs it, and keeps serving', async () => {
    const failures: string[] = [];
    const slack = await new LocalSlack({ botToken: 'xoxb-test-helpdesk-token' }).start({
      otherRoutes: (request, response) => {
        if (request.url === '/throws') throw new Error('a bug in a route');
        if (request.url === '/rejects') return Promise.reject(new Error('a bug after an await'));
        response.end('fine');
      },
      onError: (error, request) => failures.push(`${request.url}: ${(error as Error).message}`),
    });
    try {
      expect((await fetch(`${slack.url}/throws`)).status).toBe(500);
      expect((await fetch(`${slack.url}/rejects`)).status).toBe(500);
      expect(await (await fetch(`${slack.url}/other`)).text()).toBe('fine');
      expect(failures).toEqual(['/throws: a bug in a route', '/rejects: a bug after an await']);
    } finally {
      await slack.stop();
    }
  });
});
