import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BEARER_SCHEME, documentProblems, operationIdOf } from '@app/http';

/**
 * The booking API's OpenAPI document: what /docs-json serves and what `npm run lint:openapi`
 * checks and `npm run api:client` generates the client types from (the same function, so the two
 * cannot drift). Needs only the app's module graph: an app created with `preview: true` is enough.
 */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Geomdan Moving Call & Free-Lug API')
    .setDescription(
      'Booking and dispatch API for the Geomdan industrial park shuttle (검단일반산업단지 무빙콜) and Free-Lug luggage delivery (프리러그). ' +
        'Errors are `{ code, message, details, requestId }` with a stable `code`: every operation lists the codes it can answer with, by status. ' +
        'Live events are documented in the gateway section of the README.',
    )
    .setVersion('0.1.0')
    // Relative: the document is served by the api itself, whatever origin it is reached at.
    .addServer('/', 'The api that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The access token from /v1/auth/sign-in or /v1/riders/sign-up.' }, BEARER_SCHEME)
    .build();
  // npm's UNLICENSED: proprietary, no reuse granted; the url says what the term means.
  config.info.license = { name: 'UNLICENSED', url: 'https://docs.npmjs.com/cli/v11/configuring-npm/package-json#license' };
  return documentProblems(app, SwaggerModule.createDocument(app, config, { operationIdFactory: operationIdOf }));
}
