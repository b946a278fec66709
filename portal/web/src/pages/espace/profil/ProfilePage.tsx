import { useLocation } from 'react-router';
import { SuccessPanel } from '../../../components/SuccessPanel';
import { LoadedPage } from '../../../components/LoadedPage';
import { saveProfile } from '../../../family/api';
import { useFamilyFile } from '../../../family/useFamilyFile';
import { ConnectionSection } from './ConnectionSection';
import { FirstProfileForm } from './FirstProfileForm';
import { GuardianSection } from './GuardianSection';

/** `/espace/profil`: ÉTAPE 2 while the profile is empty, then "Mon profil" reviewed section by section. */
export function ProfilePage() {
  const { resource, set } = useFamilyFile();
  // "Votre adresse e-mail est confirmée…", passed by /confirmer-email.
  const notice = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  return (
    <LoadedPage title="Mon profil" resource={resource}>
      {({ responsable, account }) =>
        responsable === null ? (
          <>
            {notice && (
              <SuccessPanel>
                <p>{notice}</p>
              </SuccessPanel>
            )}
            <FirstProfileForm />
          </>
        ) : (
          <>
            <ConnectionSection email={account.email} />
            {(['coordonnees', 'personnelles', 'professionnelles'] as const).map((group) => (
              <GuardianSection key={group} group={group} guardian={responsable} save={saveProfile} onSaved={set} />
            ))}
          </>
        )
      }
    </LoadedPage>
  );
}
