import { useI18n } from '../../i18n';
import { Shell } from '../../shell';

export function HomePage() {
  const { t } = useI18n();
  const links: Array<[string, Parameters<typeof t>[0], Parameters<typeof t>[0]]> = [
    ['/rider', 'home.rider', 'home.riderHint'],
    ['/travel', 'home.travel', 'home.travelHint'],
    ['/staff', 'home.staff', 'home.staffHint'],
    ['/board', 'home.board', 'home.boardHint'],
    ['/admin', 'home.admin', 'home.adminHint'],
  ];
  return (
    <Shell title={t('app.title')}>
      <nav aria-label={t('home.nav')} className="stack">
        {links.map(([href, title, hint]) => (
          <a key={href} href={href} className="card tile">
            <strong>{t(title)}</strong>
            <span className="muted">{t(hint)}</span>
          </a>
        ))}
      </nav>
    </Shell>
  );
}
