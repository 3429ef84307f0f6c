import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, Route, Routes } from 'react-router';
import { useSession } from '../api/hooks';
import { canManageUsers } from '../auth/permissions';
import { AuditSection } from './AuditSection';
import { BoundariesSection } from './BoundariesSection';
import { ReferenceSection } from './ReferenceSection';
import { SignInLocksSection } from './SignInLocksSection';
import { UsersSection } from './UsersSection';
import './admin.css';

/** The sections, in the order an administrator setting up a city needs them. */
const SECTIONS = [
  { path: 'users', label: 'admin.tabs.users' },
  { path: 'categories', label: 'admin.tabs.categories' },
  { path: 'agencies', label: 'admin.tabs.agencies' },
  { path: 'boundaries', label: 'admin.tabs.boundaries' },
  { path: 'audit', label: 'admin.tabs.audit' },
] as const;

/** Where the lead mounts the page (as /admin/*). */
const ADMIN_BASE = '/admin';

/**
 * The section links are absolute: under a splat route react-router 7 resolves relative links against
 * the whole URL, so "users" from /admin/users would lead to /admin/users/users.
 */
function AdminFrame({ base }: { base: string }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <nav className="admin-tabs" aria-label={t('admin.sections')}>
        {SECTIONS.map((section) => (
          <NavLink key={section.path} to={`${base}/${section.path}`} data-section={section.path}>
            {t(section.label)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}

/**
 * Administrators' screens, mounted at /admin/*. The API refuses everyone else anyway; the check
 * here only spares them a page of 403s, and holds even if the route is ever mounted without one.
 */
export default function AdminPage({ base = ADMIN_BASE }: { base?: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const user = session.data?.user;
  if (session.isPending) return <p className="loading">{t('common.loading')}</p>;
  if (!user || !canManageUsers(user)) {
    return (
      <div className="admin-page">
        <p role="alert" className="admin-error" data-testid="admin-forbidden">
          {t('common.errors.forbidden')}
        </p>
      </div>
    );
  }
  const toUsers = <Navigate to={`${base}/users`} replace />;
  return (
    <div className="admin-page">
      <Routes>
        <Route element={<AdminFrame base={base} />}>
          <Route index element={toUsers} />
          <Route
            path="users"
            element={
              <>
                <UsersSection />
                <SignInLocksSection />
              </>
            }
          />
          <Route path="categories" element={<ReferenceSection key="categories" kind="categories" />} />
          <Route path="agencies" element={<ReferenceSection key="agencies" kind="agencies" />} />
          <Route path="boundaries" element={<BoundariesSection />} />
          <Route path="audit" element={<AuditSection />} />
          <Route path="*" element={toUsers} />
        </Route>
      </Routes>
    </div>
  );
}
