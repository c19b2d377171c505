import { MigrationInterface, QueryRunner } from 'typeorm';

export class LuggageIdempotency1795515760138 implements MigrationInterface {
  name = 'LuggageIdempotency1795515760138';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "luggage_bookings" ADD "idempotency_key" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "luggage_bookings" ADD "request_fingerprint" character varying(64)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_luggage_bookings_idempotency" ON "luggage_bookings"  ("idempotency_key") WHERE idempotency_key IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_luggage_bookings_idempotency"`);
    await queryRunner.query(`ALTER TABLE "luggage_bookings" DROP COLUMN "request_fingerprint"`);
    await queryRunner.query(`ALTER TABLE "luggage_bookings" DROP COLUMN "idempotency_key"`);
  }
}
