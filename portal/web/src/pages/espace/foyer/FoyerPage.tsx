import { LoadedPage } from '../../../components/LoadedPage';
import { useFamilyFile } from '../../../family/useFamilyFile';
import { ConjointSection } from './ConjointSection';
import { HouseholdSection } from './HouseholdSection';
import { MandatesSection } from './MandatesSection';

/** `/espace/foyer`: the conjoint, the informations complémentaires and the SEPA mandates. */
export function FoyerPage() {
  const { resource, set, refresh } = useFamilyFile();
  return (
    <LoadedPage title="Mon foyer" resource={resource}>
      {(file) => (
        <>
          <ConjointSection conjoint={file.conjoint} onSaved={set} />
          <HouseholdSection household={file.household} onSaved={set} />
          <MandatesSection mandates={file.mandates} onChanged={refresh} />
        </>
      )}
    </LoadedPage>
  );
}
