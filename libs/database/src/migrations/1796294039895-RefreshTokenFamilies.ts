import { MigrationInterface, QueryRunner } from 'typeorm';

export class RefreshTokenFamilies1796294039895 implements MigrationInterface {
  name = 'RefreshTokenFamilies1796294039895';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Tokens issued before families existed each start their own.
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD "family_id" uuid`);
    await queryRunner.query(`UPDATE "refresh_tokens" SET "family_id" = "id"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ALTER COLUMN "family_id" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens"  ("family_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_family"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "family_id"`);
  }
}
