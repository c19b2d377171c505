import { EntityManager } from 'typeorm';
import { DEFAULT_PRICE_RULES } from '@app/domain';
import { PriceRuleEntity } from '../entities';

/** Version 1 of the luggage price rules for every luggage area that has none yet. */
export async function seedLuggagePriceRules(
  em: EntityManager,
  areaIds: Map<string, string>,
  counts: Record<string, number>,
): Promise<void> {
  counts.priceRules = 0;
  const areaId = areaIds.get('freelug');
  if (!areaId) return;
  if (await em.getRepository(PriceRuleEntity).existsBy({ areaId })) return;
  await em.getRepository(PriceRuleEntity).insert({ areaId, version: 1, rules: DEFAULT_PRICE_RULES, createdBy: null });
  counts.priceRules = 1;
}
