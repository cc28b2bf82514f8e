import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The parts of docker-compose.yml these checks read. */
interface Compose {
  services: Record<string, { image?: string; build?: string; profiles?: string[]; environment?: Record<string, string>; volumes?: string[]; ports?: string[] }>;
}

/**
 * The container files as README and docs/operations.md describe them. No container engine runs
 * in the suite: building and running the image is scripts/container-smoke.sh.
 */
describe('the container files', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile.split('\n').filter((line) => /^[A-Z]+ /.test(line));

  it('builds on the official Node 20 images unless told otherwise, and runs as node with a health check and a data volume', () => {
    expect(instructions.filter((line) => line.startsWith('ARG '))).toEqual(['ARG NODE_IMAGE=node:20-bookworm', 'ARG RUNTIME_IMAGE=node:20-bookworm-slim']);
    expect(instructions.filter((line) => line.startsWith('FROM '))).toEqual(['FROM ${NODE_IMAGE} AS build', 'FROM ${RUNTIME_IMAGE}']);
    const runtime = instructions.slice(instructions.indexOf('FROM ${RUNTIME_IMAGE}'));
    expect(runtime).toContain('USER node');
    expect(runtime).toContain('VOLUME ["/data"]');
    expect(runtime.find((line) => line.startsWith('HEALTHCHECK '))).toMatch(/CMD \["node", "scripts\/healthcheck\.js"\]$/);
    expect(runtime.at(-1)).toBe('CMD ["node", "--max-old-space-size=160", "--initial-old-space-size=64", "dist/src/main.js"]');
    // The runtime stage gets the build, never the sources or the compiler.
    expect(runtime.filter((line) => line.startsWith('COPY ')).every((line) => line.startsWith('COPY --from=build '))).toBe(true);
  });

  it('keeps secrets, data and local builds out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.env', 'node_modules', 'dist', 'data', 'helpdesk.yml', '*.sqlite', '.git']) expect(ignored).toContain(entry);
  });

  it('runs the app on PostgreSQL, and two replicas behind nginx in the replicas profile', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true }) as Compose;
    const { postgres, app, 'app-2': second, lb } = compose.services;
    expect(postgres?.image).toMatch(/^postgres:/);
    expect(app?.profiles).toBeUndefined();
    expect(app?.environment?.DATABASE_URL).toMatch(/^postgres:\/\/helpdesk:.*@postgres:5432\/helpdesk$/);
    // A .env kept from running `npm start` (env_file) must not move the port nginx and the mapping use, or the config file.
    expect(app?.environment).toMatchObject({ PORT: '3000', HELPDESK_CONFIG: '/app/helpdesk.yml' });
    expect(app?.ports).toEqual(['3000:3000']);
    expect(app?.volumes).toContain('./helpdesk.yml:/app/helpdesk.yml:ro');
    expect(second).toMatchObject({ environment: app?.environment, volumes: app?.volumes, image: app?.image, profiles: ['replicas'] });
    expect(lb?.image).toMatch(/^nginx:/);
    expect(lb?.profiles).toEqual(['replicas']);
    const nginx = read('deploy/nginx.conf');
    const upstreams = [...nginx.matchAll(/^\s*server (\S+):3000/gm)].map((match) => match[1]);
    expect(upstreams).toEqual(['app', 'app-2']);
    expect(nginx).toContain('client_max_body_size 1m;');
    expect(nginx).toContain('location = /slack/events');
  });
});
