import { useNavigate } from 'react-router';
import { RegisterSteps } from '../../../components/RegisterSteps';
import { useRefreshMe } from '../../../espaceContext';
import { saveProfile } from '../../../family/api';
import { GuardianForm } from './GuardianForm';

export const PROFILE_SAVED_NOTICE =
  'Votre profil est enregistré. Étape 3 : passez en revue chaque rubrique de votre espace (foyer, enfants, documents) en cliquant sur le bouton « crayon ».';

/** ÉTAPE 2 of the guide: coordonnées, informations personnelles et professionnelles, then "Valider". */
export function FirstProfileForm() {
  const navigate = useNavigate();
  const refreshMe = useRefreshMe();
  return (
    <section className="panel" aria-labelledby="etape-2">
      <RegisterSteps current={2} />
      <h2 id="etape-2">Étape 2 : complétez votre profil</h2>
      <p>
        Renseignez vos coordonnées, vos informations personnelles et vos informations professionnelles, puis cliquez
        sur «&nbsp;Valider&nbsp;».
      </p>
      <GuardianForm
        guardian={null}
        groups={['coordonnees', 'personnelles', 'professionnelles']}
        save={saveProfile}
        submitLabel="Valider"
        onSaved={async () => {
          await refreshMe().catch(() => undefined);
          await navigate('/espace', { state: { notice: PROFILE_SAVED_NOTICE } });
        }}
      />
    </section>
  );
}
