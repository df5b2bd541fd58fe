// Route table. Pages are split into their own chunks so the first screen loads fast.
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { PageLoader } from '../ui/feedback.tsx';
import { AppLayout, RequireAuth } from './layout.tsx';
import { NotFoundPage } from './not-found.tsx';

const LoginPage = lazy(() => import('../features/auth/components/LoginPage.tsx'));
const SetupPage = lazy(() => import('../features/auth/components/SetupPage.tsx'));
const SubjectsPage = lazy(() => import('../features/subjects/components/SubjectsPage.tsx'));
const ImportPage = lazy(() => import('../features/import/components/ImportPage.tsx'));
const SubjectPage = lazy(() => import('../features/subject/components/SubjectPage.tsx'));
const InterviewAssistPage = lazy(() => import('../features/verification/components/InterviewAssistPage.tsx'));
const SignalsPage = lazy(() => import('../features/signals/components/SignalsPage.tsx'));
const ScreenPage = lazy(() => import('../features/sanctions/components/ScreenPage.tsx'));
const SettingsPage = lazy(() => import('../features/settings/components/SettingsPage.tsx'));
const NetworkPage = lazy(() => import('../features/network/components/NetworkPage.tsx'));
const LinksPage = lazy(() => import('../features/links/components/LinksPage.tsx'));
const AboutPage = lazy(() => import('../features/about/components/AboutPage.tsx'));
const VerifyPage = lazy(() => import('../features/verify/components/VerifyPage.tsx'));
const InboxPage = lazy(() => import('../features/alerts/components/InboxPage.tsx'));

export function AppRoutes() {
  return (
    <Suspense fallback={<PageLoader />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/setup" element={<SetupPage />} />
        {/* The candidate's identity check: public (the link's token is the only credential), no app shell. */}
        <Route path="/verify/:token" element={<VerifyPage />} />
        <Route element={<RequireAuth />}>
          <Route element={<AppLayout />}>
            <Route index element={<SubjectsPage />} />
            <Route path="/subjects" element={<SubjectsPage />} />
            <Route path="/subjects/new" element={<SubjectsPage addOpen />} />
            <Route path="/import" element={<ImportPage />} />
            <Route path="/subjects/:id" element={<SubjectPage />} />
            <Route path="/subjects/:id/interview-assist" element={<InterviewAssistPage />} />
            <Route path="/signals" element={<SignalsPage />} />
            <Route path="/screen" element={<ScreenPage />} />
            <Route path="/network" element={<NetworkPage />} />
            <Route path="/links" element={<LinksPage />} />
            <Route path="/inbox" element={<InboxPage />} />
            <Route path="/about" element={<AboutPage />} />
            {/* Every role may read the sanctions lists tab; the other tabs check for admin themselves. */}
            <Route path="/settings" element={<SettingsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}
