import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from './i18n';
import { AdminPage } from './pages/Admin';
import { BoardPage } from './pages/Board';
import { HomePage } from './pages/Home';
import { InvitePage } from './pages/Invite';
import { RiderPage } from './pages/Rider';
import { StaffPage } from './pages/Staff';
import { TrackPage } from './pages/Track';
import { TravelPage } from './pages/Travel';
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
