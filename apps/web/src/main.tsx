import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from './i18n';
import { AdminPage } from './pages/admin/AdminPage';
import { BoardPage } from './pages/board/BoardPage';
import { HomePage } from './pages/home/HomePage';
import { InvitePage } from './pages/invite/InvitePage';
import { RiderPage } from './pages/rider/RiderPage';
import { StaffPage } from './pages/staff/StaffPage';
import { TrackPage } from './pages/track/TrackPage';
import { TravelPage } from './pages/travel/TravelPage';
import './styles.css';

/** Pages by path; the api serves index.html for exactly these paths. */
function Page() {
  const path = window.location.pathname.replace(/\/+$/, '');
  const track = /^\/track\/([^/]+)$/.exec(path);
  if (track) return <TrackPage token={decodeURIComponent(track[1])} />;
  const invite = /^\/invite\/([^/]+)$/.exec(path);
  if (invite) return <InvitePage token={decodeURIComponent(invite[1])} />;
  switch (path) {
    case '/rider':
      return <RiderPage />;
    case '/travel':
      return <TravelPage />;
    case '/staff':
      return <StaffPage />;
    case '/board':
      return <BoardPage />;
    case '/admin':
      return <AdminPage />;
    default:
      return <HomePage />;
  }
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Page />
    </I18nProvider>
  </StrictMode>,
);
