/**
 * A local stand-in for the Actions artifact service (v2) that @actions/artifact talks to on a runner:
 * the Twirp ArtifactService (CreateArtifact / FinalizeArtifact at ACTIONS_RESULTS_URL) and the Azure
 * block-blob endpoint its signed upload URL points at (Put Block / Put Block List). It keeps each
 * uploaded zip so tests can open it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback-server.js';

export interface StoredArtifact {
  id: number;
  name: string;
  /** The zip as uploaded (blocks joined in block-list order). */
  zip: Buffer;
  /** sha256 digest the client reported at finalization, "sha256:<hex>". */
  hash: string | null;
  size: number;
}

const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/';

/** A JWT with the claim @actions/artifact reads the backend ids from (the signature is never checked). */
export function runtimeToken(runBackendId = 'run-backend-id', jobBackendId = 'job-backend-id'): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: `Actions.Results:${runBackendId}:${jobBackendId}` })}.sig`;
}

export class FakeArtifactService extends LoopbackServer {
  readonly artifacts: StoredArtifact[] = [];
  readonly calls: string[] = [];
  private readonly pending = new Map<string, { blocks: Map<string, Buffer>; committed: Buffer | null }>();

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(request.url ?? '/', 'http://localhost');
    this.calls.push(
      `${request.method} ${url.pathname}${url.searchParams.get('comp') ? `?comp=${url.searchParams.get('comp')}` : ''}`,
    );

    if (request.method === 'POST' && url.pathname.startsWith(TWIRP)) {
      const message = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      const method = url.pathname.slice(TWIRP.length);
      if (method === 'CreateArtifact') {
        const name = String(message.name);
        this.pending.set(name, { blocks: new Map(), committed: null });
        const signedUploadUrl = `${this.url}/devstoreaccount1/artifacts/${encodeURIComponent(name)}.zip?sig=fake`;
        this.json(response, 200, { ok: true, signedUploadUrl });
        return;
      }
      if (method === 'FinalizeArtifact') {
        const name = String(message.name);
        const upload = this.pending.get(name);
        if (!upload?.committed) {
          this.json(response, 400, { code: 'failed_precondition', msg: 'nothing uploaded' });
          return;
        }
        const hash = message.hash;
        const artifact: StoredArtifact = {
          id: 1000 + this.artifacts.length + 1,
          name,
          zip: upload.committed,
          hash: typeof hash === 'string' ? hash : null,
          size: Number(message.size),
        };
        this.artifacts.push(artifact);
        this.json(response, 200, { ok: true, artifactId: String(artifact.id) });
        return;
      }
      this.json(response, 404, { code: 'bad_route', msg: method });
      return;
    }

    if (request.method === 'PUT' && url.pathname.startsWith('/devstoreaccount1/artifacts/')) {
      const name = decodeURIComponent(url.pathname.slice('/devstoreaccount1/artifacts/'.length)).replace(
        /\.zip$/,
        '',
      );
      const upload = this.pending.get(name);
      if (!upload) {
        this.blobReply(response, 404);
        return;
      }
      const comp = url.searchParams.get('comp');
      if (comp === 'block') {
        upload.blocks.set(url.searchParams.get('blockid') ?? '', body);
        this.blobReply(response, 201);
        return;
      }
      if (comp === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map(
          (m) => m[1] ?? '',
        );
        upload.committed = Buffer.concat(ids.map((id) => upload.blocks.get(id) ?? Buffer.alloc(0)));
        this.blobReply(response, 201);
        return;
      }
      // Put Blob (single shot).
      upload.committed = body;
      this.blobReply(response, 201);
      return;
    }
    this.json(response, 404, { message: 'no route' });
  }

  private json(response: ServerResponse, status: number, value: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(value));
  }

  private blobReply(response: ServerResponse, status: number): void {
    response.writeHead(status, {
      'x-ms-request-id': 'fake',
      'x-ms-version': '2024-05-04',
      etag: '"0x1"',
      'last-modified': new Date().toUTCString(),
      'content-length': '0',
    });
    response.end();
  }
}
