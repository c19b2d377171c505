import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BEARER_SCHEME, documentProblems, operationIdOf } from '@app/http';

/** Every tag the controllers use, in reading order, with what it covers (the e2e contract test holds the two lists together). */
export const API_TAGS: readonly [name: string, description: string][] = [
  ['auth', 'Sign-in, token refresh, the signed-in account, staff invitations'],
  ['catalog', 'Service areas and their places, for anyone'],
  ['shuttle riders', 'Rider sign-up with an employer code; the stops of a shuttle area'],
  ['shuttle rides', 'A rider books, follows and cancels rides'],
  ['shuttle dispatch', 'Dispatchers book by phone, watch an area and move rides between vans'],
  ['shuttle drivers', "A driver's shift, position, manifest and the steps of each ride"],
  ['luggage', 'Free-Lug quotes and bookings; dispatchers list, cancel and unlock them'],
  ['luggage tracking', "The traveller's link: the tracking token in the path is the only credential"],
  ['luggage courier', "A courier's tasks and the custody steps of each booking"],
  ['luggage price rules', 'The price rules of an area, their history and changes'],
  ['dispatch figures', 'The figures of a service day'],
  ['diagnostics', 'End-to-end checks of the booking pipeline'],
  ['admin: service areas', 'Areas: boundary, hours, holidays, settings'],
  ['admin: places and stops', 'Stops, hubs and addresses of an area'],
  ['admin: fleet', 'Vans: capacity, home, service state'],
  ['admin: staff', 'Drivers, couriers and dispatchers, their areas and credentials'],
  ['admin: rosters', 'Shifts and breaks'],
  ['admin: companies', 'Park companies, their employer codes and riders'],
  ['admin: audit log', 'Who changed what'],
  [
    'admin: notifications',
    'The messages sent about a ride, booking or staff member: channel, masked recipient, status',
  ],
  ['web', 'What the web pages need to start (map tiles, gateway URL)'],
  ['health', 'Liveness and readiness'],
];

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
    .addServer('/', 'The api that serves this document');
  for (const [name, description] of API_TAGS) config.addTag(name, description);
  const document = config
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The access token from /v1/auth/sign-in or /v1/riders/sign-up.',
      },
      BEARER_SCHEME,
    )
    .build();
  // npm's UNLICENSED: proprietary, no reuse granted; the url says what the term means.
  document.info.license = {
    name: 'UNLICENSED',
    url: 'https://docs.npmjs.com/cli/v11/configuring-npm/package-json#license',
  };
  return documentProblems(app, SwaggerModule.createDocument(app, document, { operationIdFactory: operationIdOf }));
}
