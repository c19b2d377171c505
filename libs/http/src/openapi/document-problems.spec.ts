import { Body, Controller, Get, INestApplication, Post } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Public, Roles } from '@app/auth';
import { ErrorCodes, Role } from '@app/domain';
import { ApiProblems, problemCodesOf } from './api-problems.decorator';
import { documentProblems } from './document-problems';

@Controller('things')
@ApiProblems(ErrorCodes.AREA_FORBIDDEN)
class ThingsController {
  @Get(':id')
  @Public()
  @ApiProblems(ErrorCodes.AREA_NOT_FOUND)
  get(): void {}

  @Post()
  @Roles(Role.Admin)
  @ApiProblems([ErrorCodes.AREA_NOT_FOUND, 422], ErrorCodes.AREA_CODE_TAKEN)
  create(@Body() _body: unknown): void {}
}

/** An app whose module graph holds only ThingsController: all documentProblems reads. */
const appWith = (...controllers: unknown[]) =>
  ({
    get: (token: unknown) =>
      token === ModulesContainer
        ? new Map([['m', { controllers: new Map(controllers.map((c, i) => [i, { metatype: c }])) }]])
        : undefined,
  }) as unknown as INestApplication;

const documentOf = (
  operations: Record<string, Record<string, { operationId: string; requestBody?: unknown; parameters?: unknown[] }>>,
): OpenAPIObject =>
  ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: Object.fromEntries(
      Object.entries(operations).map(([path, item]) => [
        path,
        Object.fromEntries(
          Object.entries(item).map(([m, op]) => [m, { ...op, responses: { 200: { description: 'ok' } } }]),
        ),
      ]),
    ),
  }) as OpenAPIObject;

const codesAt = (doc: OpenAPIObject, path: string, method: 'get' | 'post', status: number): unknown => {
  const response = (
    doc.paths[path][method]!.responses as Record<
      string,
      {
        $ref?: string;
        content?: Record<string, { schema: { allOf: { properties?: { code: { enum: string[] } } }[] } }>;
      }
    >
  )[status];
  if (!response) return undefined;
  const resolved = response.$ref
    ? (doc.components!.responses![response.$ref.split('/').pop()!] as typeof response)
    : response;
  return resolved.content!['application/json'].schema.allOf[1].properties!.code.enum;
};

describe('ApiProblems', () => {
  it('lists the controller codes, then the handler codes, each at its registry statuses or at the one given', () => {
    expect(problemCodesOf(ThingsController, ThingsController.prototype.get)).toEqual([
      ['AREA_FORBIDDEN', [403]],
      ['AREA_NOT_FOUND', [404, 422]],
    ]);
    expect(problemCodesOf(ThingsController, ThingsController.prototype.create)).toEqual([
      ['AREA_FORBIDDEN', [403]],
      ['AREA_NOT_FOUND', [422]],
      ['AREA_CODE_TAKEN', [409]],
    ]);
  });
});

describe('documentProblems', () => {
  const doc = documentProblems(
    appWith(ThingsController),
    documentOf({
      '/things/{id}': { get: { operationId: 'Things_get', parameters: [{ name: 'id', in: 'path' }] } },
      '/things': { post: { operationId: 'Things_create', requestBody: {} } },
    }),
  );

  it('declares no security on a @Public() route and the access token on the others', () => {
    expect(doc.paths['/things/{id}'].get!.security).toEqual([]);
    expect(doc.paths['/things'].post!.security).toEqual([{ bearer: [] }]);
  });

  it('answers each status with the declared codes and the shared ones of the route', () => {
    expect(codesAt(doc, '/things/{id}', 'get', 404)).toEqual(['AREA_NOT_FOUND']);
    expect(codesAt(doc, '/things/{id}', 'get', 422)).toEqual(['AREA_NOT_FOUND']);
    expect(codesAt(doc, '/things/{id}', 'get', 401)).toBeUndefined();
    expect(codesAt(doc, '/things', 'post', 404)).toBeUndefined();
    expect(codesAt(doc, '/things', 'post', 422)).toEqual(['AREA_NOT_FOUND']);
    expect(codesAt(doc, '/things', 'post', 409)).toEqual(['AREA_CODE_TAKEN']);
    expect(codesAt(doc, '/things', 'post', 403)).toEqual(['AREA_FORBIDDEN', 'AUTH_ROLE_FORBIDDEN']);
    expect(codesAt(doc, '/things', 'post', 401)).toEqual([
      'AUTH_REQUIRED',
      'AUTH_TOKEN_INVALID',
      'AUTH_TOKEN_EXPIRED',
      'AUTH_TOKEN_REVOKED',
    ]);
    expect(codesAt(doc, '/things', 'post', 415)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
    expect(doc.components!.schemas!.Problem).toMatchObject({ required: ['code', 'message'] });
  });

  it('refuses to document an operation no controller method answers', () => {
    expect(() =>
      documentProblems(appWith(ThingsController), documentOf({ '/gone': { get: { operationId: 'Gone_get' } } })),
    ).toThrow(/GET \/gone \(Gone_get\) matches no controller method/);
  });
});
