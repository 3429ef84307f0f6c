import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { request, setCsrfToken } from '../api/client';
import { sessionKey, useSession } from '../api/hooks';
import { canCreateHotspots, canManageUsers } from '../auth/permissions';
import { followsUpInstructions } from '../instructions/permissions';
import { hasTasks } from '../meetings/permissions';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of every signed-in screen: navigation (carrying the current filters), language, who is signed in. */
export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { search } = useLocation();
  const user = session.data?.user;

  async function signOut() {
    await request('/api/session', { method: 'DELETE' }).catch(() => undefined);
    setCsrfToken('');
    client.clear();
    client.setQueryData(sessionKey, null);
    void navigate('/sign-in', { replace: true });
  }

  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="top-bar">
        <span className="brand" title={t('common.appTitle')}>
          {t('common.appName')}
        </span>
        <nav aria-label={t('common.appName')}>
          <NavLink to={{ pathname: '/', search }} end>
            {t('common.nav.map')}
          </NavLink>
          <NavLink to={{ pathname: '/dashboard', search }}>{t('common.nav.dashboard')}</NavLink>
          <NavLink to={{ pathname: '/meeting', search }}>{t('common.nav.meeting')}</NavLink>
          <NavLink to={{ pathname: '/print', search }}>{t('common.nav.print')}</NavLink>
          <NavLink to="/meetings">{t('meetings.nav.meetings')}</NavLink>
          {user && hasTasks(user) && <NavLink to="/tasks">{t('meetings.nav.tasks')}</NavLink>}
          {user && followsUpInstructions(user) && <NavLink to="/instructions">{t('instructions.nav')}</NavLink>}
          <NavLink to="/discipline">{t('meetings.nav.discipline')}</NavLink>
          {user && canCreateHotspots(user) && <NavLink to="/imports">{t('imports.nav')}</NavLink>}
          {user && canManageUsers(user) && <NavLink to="/admin">{t('admin.title')}</NavLink>}
        </nav>
        <LanguageSwitch />
        {user && (
          <NavLink to="/account" className="who" data-testid="signed-in-as" title={t('account.nav')}>
            {t('common.signedInAs', { name: user.full_name, role: t(`common.role.${user.role}`) })}
          </NavLink>
        )}
        <button type="button" onClick={() => void signOut()} data-action="sign-out">
          {t('common.signOut')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
