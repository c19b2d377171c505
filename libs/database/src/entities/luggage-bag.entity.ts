import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LuggageBookingEntity } from './luggage-booking.entity';

/** One bag taken into custody: its tag, its photo at pickup, and any damage seen. */
@Entity('luggage_bags')
@Index('ix_luggage_bags_booking', ['bookingId'])
export class LuggageBagEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'booking_id', type: 'uuid' })
  bookingId: string;

  @ManyToOne(() => LuggageBookingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'booking_id' })
  booking?: LuggageBookingEntity;

  @Index('uq_luggage_bags_tag', { unique: true })
  @Column({ name: 'tag_code', type: 'varchar', length: 40 })
  tagCode: string;

  /** Key in the photo storage (local disk path or S3 object key). */
  @Column({ name: 'photo_key', type: 'varchar', length: 300 })
  photoKey: string;

  @Column({ name: 'damage_note', type: 'varchar', length: 500, nullable: true })
  damageNote: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
