export const MAX_PIN_ATTEMPTS = 5;

export interface PinState {
  attempts: number;
  locked: boolean;
}

/**
 * Handover PIN rule: each wrong PIN counts; the fifth locks the handover until a dispatcher
 * releases it. A right PIN on a locked handover is still refused (the lock is the point).
 */
export function afterPinAttempt(state: PinState, correct: boolean): PinState & { accepted: boolean } {
  if (state.locked) return { ...state, accepted: false };
  if (correct) return { attempts: state.attempts, locked: false, accepted: true };
  const attempts = state.attempts + 1;
  return { attempts, locked: attempts >= MAX_PIN_ATTEMPTS, accepted: false };
}

/** Six digits, leading zeros allowed. */
export const PIN_PATTERN = /^\d{6}$/;
