import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ApiError, setUnauthorizedHandler } from '../api/client';
import { useSession } from '../api/hooks';
import { SignInPage } from '../auth/SignInPage';
import { Layout } from './Layout';
import { MapPage } from '../map/MapPage';

const DashboardPage = lazy(() => import('../dashboard/DashboardPage'));
const MeetingPage = lazy(() => import('../meeting/MeetingPage'));
const PrintPage = lazy(() => import('../print/PrintPage'));
const AdminPage = lazy(() => import('../admin/AdminPage'));
const MeetingsPage = lazy(() => import('../meetings/MeetingsPage'));
const NewMeetingPage = lazy(() => import('../meetings/NewMeetingPage'));
const MeetingDetailPage = lazy(() => import('../meetings/MeetingDetailPage'));
const TasksPage = lazy(() => import('../tasks/TasksPage'));
const DisciplinePage = lazy(() => import('../discipline/DisciplinePage'));
const InstructionsPage = lazy(() => import('../instructions/InstructionsPage'));
const ImportsPage = lazy(() => import('../imports/ImportsPage'));
const AccountPage = lazy(() => import('../account/AccountPage'));

/** Signed-in pages loaded on first visit, each with the same waiting message. */
const lazyPages = [
  ['/meetings', MeetingsPage],
  ['/meetings/new', NewMeetingPage],
  ['/meetings/:id', MeetingDetailPage],
  ['/tasks', TasksPage],
  ['/discipline', DisciplinePage],
  ['/instructions', InstructionsPage],
  ['/imports', ImportsPage],
  ['/account', AccountPage],
] as const;

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not mend itself by asking again; a dropped connection may.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
        refetchOnWindowFocus: true,
        staleTime: 15_000,
      },
    },
  });
}

/**
 * When the session ends (idle, expired, signed out elsewhere): to sign-in, then back to this very view.
 * Only the navigation happens here; the sign-in page forgets the session once it shows. Clearing it here
 * too raced the navigation: RequireSession redirected first and the "session ended" note was lost.
 */
function SessionExpiry() {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (location.pathname === '/sign-in') return;
      const next = encodeURIComponent(location.pathname + location.search);
      void navigate(`/sign-in?expired=1&next=${next}`, { replace: true });
    });
    return () => setUnauthorizedHandler(undefined);
  }, [navigate, location]);
  return null;
}

function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <p className="loading">{t('common.loading')}</p>;
  if (session.isError) return <p role="alert">{t('common.errors.network')}</p>;
  if (!session.data) {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return <>{children}</>;
}

function Loading() {
  const { t } = useTranslation();
  return <p className="loading">{t('common.loading')}</p>;
}

function AppRoutes() {
  return (
    <>
      <SessionExpiry />
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route
          path="/meeting"
          element={
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <MeetingPage />
              </Suspense>
            </RequireSession>
          }
        />
        <Route
          path="/print"
          element={
            <RequireSession>
              <Suspense fallback={<Loading />}>
                <PrintPage />
              </Suspense>
            </RequireSession>
          }
        />
        <Route
          element={
            <RequireSession>
              <Layout />
            </RequireSession>
          }
        >
          <Route index element={<MapPage />} />
          <Route
            path="/dashboard"
            element={
              <Suspense fallback={<Loading />}>
                <DashboardPage />
              </Suspense>
            }
          />
          {lazyPages.map(([path, Page]) => (
            <Route
              key={path}
              path={path}
              element={
                <Suspense fallback={<Loading />}>
                  <Page />
                </Suspense>
              }
            />
          ))}
          <Route
            path="/admin/*"
            element={
              <Suspense fallback={<Loading />}>
                <AdminPage />
              </Suspense>
            }
          />
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </>
  );
}

export function App({ client = createQueryClient() }: { client?: QueryClient }) {
  return (
    <QueryClientProvider client={client}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  );
}
