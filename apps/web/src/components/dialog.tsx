import { ReactNode, useEffect, useRef } from 'react';

/**
 * A modal dialog, open while it is mounted: the browser's <dialog> traps focus and closes on
 * Escape (which calls `onClose`).
 */
export function Dialog({
  labelledBy,
  testId,
  onClose,
  children,
}: {
  labelledBy: string;
  testId?: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={labelledBy} onClose={onClose} data-testid={testId}>
      {children}
    </dialog>
  );
}
