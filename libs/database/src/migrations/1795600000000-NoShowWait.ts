import { MigrationInterface, QueryRunner } from 'typeorm';

export class NoShowWait1795600000000 implements MigrationInterface {
  name = 'NoShowWait1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rides" ADD "no_show_allowed_at" TIMESTAMP WITH TIME ZONE`);
    // Vans waiting at a stop right now keep the wait they were promised: the area's setting,
    // else the shipped default (3 minutes), from the recorded arrival.
    await queryRunner.query(
      `UPDATE "rides" r SET "no_show_allowed_at" = r."arrived_at" + make_interval(mins => COALESCE((a."settings"->>'noShowAfterMin')::int, 3))
       FROM "service_areas" a WHERE a."id" = r."area_id" AND r."status" = 'arrived' AND r."arrived_at" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rides" DROP COLUMN "no_show_allowed_at"`);
  }
}
