import { EditableSection } from '../../../components/EditableSection';
import { Facts } from '../../../components/Facts';
import { EmailChangeForm } from './EmailChangeForm';
import { PasswordChangeForm } from './PasswordChangeForm';

/** "Vos informations de connexion": the e-mail (identifiant) and the password. */
export function ConnectionSection({ email }: { email: string | null }) {
  return (
    <section className="panel" aria-labelledby="connexion">
      <h2 id="connexion">Informations de connexion</h2>
      <EditableSection
        variant="sub"
        level={3}
        title="Identifiant (adresse e-mail)"
        editLabel="Modifier l’adresse e-mail"
        form={({ close, saved }) => <EmailChangeForm onCancel={close} onSaved={saved} />}
      >
        <Facts items={[{ label: 'Adresse e-mail', value: email }]} />
      </EditableSection>
      <EditableSection
        variant="sub"
        level={3}
        title="Mot de passe"
        editLabel="Modifier le mot de passe"
        form={({ close, saved }) => <PasswordChangeForm onCancel={close} onSaved={saved} />}
      >
        <p className="muted">Pour votre sécurité, votre mot de passe n’est jamais affiché.</p>
      </EditableSection>
    </section>
  );
}
