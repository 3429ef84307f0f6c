import { useTranslation } from 'react-i18next';
import './account.css';
import type { MfaEnrolment } from './api';

/** The secret to add to an authenticator app: a QR code (drawn by the API, no outside service) and the text. */
export function EnrolmentCard({ enrolment }: { enrolment: MfaEnrolment }) {
  const { t } = useTranslation();
  // Groups of four, as authenticator apps show a typed secret; spaces are ignored when typed in.
  const grouped = enrolment.secret.match(/.{1,4}/g)?.join(' ') ?? enrolment.secret;
  return (
    <div className="enrolment" data-testid="mfa-enrolment">
      <p>{t('account.enrol.scan')}</p>
      <img className="enrolment-qr" src={enrolment.qr_svg} alt={t('account.enrol.qrAlt')} width={200} height={200} />
      <p>{t('account.enrol.typeInstead')}</p>
      <code className="enrolment-secret" data-testid="mfa-secret" translate="no">
        {grouped}
      </code>
    </div>
  );
}
