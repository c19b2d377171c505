import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@app/config';
import { DEMO_ACCOUNTS } from '@app/database';
import { ERROR_CODES, ErrorCode, isErrorCode, ProblemStatus, Role, statusesOf } from '@app/domain';
import { ApiModule } from '../apps/api/src/api.module';
import { createApiApp } from '../apps/api/src/api.app';
import { buildApiDocument } from '../apps/api/src/openapi/api-document';
import { apiClient, rideStatus, signIn, stopNames } from './contract/api-client';
import { createTestContext, TestContext } from './support/test-context';

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  enum?: string[];
}
interface Operation {
  operationId: string;
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses: Record<string, Response>;
}
interface Response {
  $ref?: string;
  content?: Record<string, { schema?: Schema }>;
}
interface Document {
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Schema>;
    responses: Record<string, Response>;
    securitySchemes: Record<string, unknown>;
  };
}

const rider = DEMO_ACCOUNTS.find((a) => a.role === Role.Rider)!;

/** The document as the app builds it with no database (what `npm run lint:openapi` lints). */
async function previewDocument(config = loadConfig({})): Promise<Document> {
  const app = await NestFactory.create(ApiModule.forRoot(config), { preview: true, logger: false });
  try {
    return JSON.parse(JSON.stringify(buildApiDocument(app))) as Document;
  } finally {
    await app.close();
  }
}

const operationsOf = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })),
  );

/** The codes a problem response lists: the enum its schema narrows Problem's code to. */
function listedCodes(doc: Document, op: Operation, status: string): string[] | null {
  const ref = op.responses[status]?.$ref;
  const response = ref ? doc.components.responses[ref.replace('#/components/responses/', '')] : op.responses[status];
  const schema = response?.content?.['application/json']?.schema;
  if (schema?.allOf?.[0]?.$ref !== '#/components/schemas/Problem') return null;
  return schema.allOf[1]?.properties?.code?.enum ?? null;
}

describe('the OpenAPI document is a contract', () => {
  let ctx: TestContext;
  let api: INestApplication;
  let apiUrl: string;
  let served: Document;

  beforeAll(async () => {
    ctx = await createTestContext({ seed: true });
    api = await createApiApp(ctx.config);
    await api.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
    served = (await (await fetch(`${apiUrl}/docs-json`)).json()) as Document;
  });

  afterAll(async () => {
    await api?.close();
    await ctx?.dispose();
  });

  it('serves at /docs-json the document lint:openapi checks, whatever the configuration', async () => {
    expect(served).toEqual(await previewDocument(ctx.config));
    expect(served).toEqual(await previewDocument());
    expect(served.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('gives every operation an id, a summary, tags and its security: the access token, or explicitly none', () => {
    const operations = operationsOf(served);
    expect(operations.length).toBeGreaterThan(80);
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const bare = operations
      .filter(({ op }) => !op.operationId || !op.summary || !op.tags?.length || !Array.isArray(op.security))
      .map(({ where }) => where);
    expect(bare).toEqual([]);
    // The tags operations use are the ones the document describes, and each has a description.
    expect([...new Set(operations.flatMap(({ op }) => op.tags!))].sort()).toEqual(
      served.tags!.map((t) => t.name).sort(),
    );
    expect(served.tags!.filter((t) => !t.description)).toEqual([]);
    const schemes = new Set(
      operations.flatMap(({ op }) => op.security!.flatMap((requirement) => Object.keys(requirement))),
    );
    expect([...schemes]).toEqual(['bearer']);
    expect(Object.keys(served.components.securitySchemes)).toEqual(['bearer']);
    // Anonymous ones say so, and the rest need the token.
    const anonymous = operations.filter(({ op }) => op.security!.length === 0).map(({ where }) => where);
    expect(anonymous).toEqual(
      expect.arrayContaining([
        'POST /v1/auth/sign-in',
        'GET /v1/tracking/{token}',
        'POST /v1/luggage/quotes',
        'GET /health',
      ]),
    );
    expect(anonymous).not.toContain('GET /v1/rides/{id}');
  });

  it('documents for every operation at least one 4xx, each error status with the problem body and registry codes of that status', () => {
    const faults: string[] = [];
    for (const { where, op } of operationsOf(served)) {
      const problems = Object.keys(op.responses).filter((status) => Number(status) >= 400);
      if (!problems.some((status) => status.startsWith('4'))) faults.push(`${where}: no 4xx`);
      for (const status of problems) {
        const codes = listedCodes(served, op, status);
        if (!codes?.length) {
          faults.push(`${where} ${status}: not a problem response with codes`);
          continue;
        }
        for (const code of codes) {
          if (!isErrorCode(code) || !statusesOf(code).includes(Number(status) as ProblemStatus))
            faults.push(`${where} ${status}: ${code} is not a ${status} code`);
        }
      }
    }
    expect(faults).toEqual([]);
    expect(served.components.schemas.Problem.properties?.code?.enum?.sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('answers real refusals with a code its operation lists for that status (through the generated client)', async () => {
    const anonymous = apiClient(apiUrl);
    const byId = (id: string) => operationsOf(served).find(({ op }) => op.operationId === id)!.op;
    const listed = (id: string, status: number) => listedCodes(served, byId(id), String(status)) ?? [];

    const noToken = await rideStatus(anonymous, randomUUID());
    expect(noToken).toEqual({ refused: 'AUTH_REQUIRED', httpStatus: 401 });
    expect(listed('Rides_get', 401)).toContain('AUTH_REQUIRED');

    expect(await stopNames(anonymous, randomUUID())).toBe('AREA_NOT_FOUND');
    expect(listed('ShuttleAreas_stops', 404)).toContain('AREA_NOT_FOUND');

    expect(await signIn(anonymous, rider.email, `${rider.password}-wrong`)).toBe('AUTH_INVALID_CREDENTIALS');
    expect(listed('Auth_signIn', 401)).toContain('AUTH_INVALID_CREDENTIALS');

    const token = await signIn(anonymous, rider.email, rider.password);
    expect(isErrorCode(token)).toBe(false);
    const unknownRide = await rideStatus(apiClient(apiUrl, token), randomUUID());
    expect(unknownRide).toEqual({ refused: 'RIDE_NOT_FOUND', httpStatus: 404 });
    expect(listed('Rides_get', 404)).toEqual(['RIDE_NOT_FOUND' satisfies ErrorCode]);
  });
});
