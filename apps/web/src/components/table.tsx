import { ReactNode } from 'react';
import { useI18n } from '../i18n';

/** A table that scrolls sideways on a phone, reachable by keyboard. */
export function TableRegion({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('admin.table')}>
      {children}
    </div>
  );
}

/**
 * A list as a table: one header per column (a false entry leaves the column out, e.g. the actions
 * of a reader who may not change anything) and the rows the caller renders.
 */
export function DataTable({
  testId,
  columns,
  caption,
  children,
}: {
  testId: string;
  columns: ReadonlyArray<string | false>;
  caption?: string;
  children: ReactNode;
}) {
  return (
    <TableRegion>
      <table className="table" data-testid={testId}>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c, n) =>
              c === false ? null : (
                <th key={n} scope="col">
                  {c}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableRegion>
  );
}
