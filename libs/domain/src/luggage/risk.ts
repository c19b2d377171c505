/**
 * A booking's risk is stored as one reason, "CODE: English words" (the words are for logs and the
 * audit; people read the code in their language). These two keep the format in one place.
 */
export function riskReason(code: string, words: string): string {
  return `${code}: ${words}`.slice(0, 200);
}

/** The stable code of a stored risk reason ("SHIFT_END: …" → SHIFT_END); null for none. */
export function riskCode(reason: string | null): string | null {
  return reason ? (/^([A-Z_]+):/.exec(reason)?.[1] ?? null) : null;
}
