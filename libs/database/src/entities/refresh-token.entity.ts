import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * Refresh tokens are single-use: rotation revokes the old one, so a stolen copy fails. Every
 * token descends from one sign-in (its family); a revoked token presented again means a copy
 * is in someone else's hands, so the whole family is revoked (OAuth 2.0 Security BCP).
 */
@Entity('refresh_tokens')
@Index('ix_refresh_tokens_user', ['userId'])
@Index('ix_refresh_tokens_family', ['familyId'])
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** The id of the family's first token (the sign-in's). */
  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
