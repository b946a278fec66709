import type { Commune } from '../settings/definitions';

/** The texts of the account e-mails: French, polite, signed by the commune. Pure functions. */
export interface EmailText {
  subject: string;
  text: string;
}

export const VERIFY_HOURS = 48;
export const RESET_HOURS = 2;

/** The portal's page addresses that e-mails link to (the portal app routes them). */
export function accountLinks(publicUrl: string) {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    verify: (token: string) => `${base}/confirmer-email?token=${encodeURIComponent(token)}`,
    changeEmail: (token: string) => `${base}/confirmer-email?token=${encodeURIComponent(token)}&change=1`,
    reset: (token: string) => `${base}/reinitialiser-mot-de-passe?token=${encodeURIComponent(token)}`,
    forgotPassword: `${base}/mot-de-passe-oublie`,
    login: `${base}/`,
  };
}

function signature(commune: Commune): string {
  const contact = [commune.phone, commune.email].filter((v) => v.trim() !== '').join(' — ');
  return ['Cordialement,', '', 'Le pôle enfance-jeunesse', commune.name, ...(contact ? [contact] : [])].join('\n');
}

const compose = (commune: Commune, subject: string, paragraphs: string[]): EmailText => ({
  subject: `${subject} — ${commune.name}`,
  text: ['Bonjour,', ...paragraphs, signature(commune)].join('\n\n'),
});

const IGNORE = 'Si vous n’êtes pas à l’origine de cette demande, ignorez simplement ce message : rien ne sera modifié.';

export function verifyEmailText(commune: Commune, link: string): EmailText {
  return compose(commune, 'Confirmez votre adresse e-mail', [
    'Vous venez de créer votre compte sur le portail famille. Pour le confirmer, cliquez sur le lien ci-dessous (ou copiez-le dans votre navigateur) :',
    link,
    `Ce lien est valable ${VERIFY_HOURS} heures et ne peut servir qu’une fois. Passé ce délai, demandez un nouveau lien depuis le portail.`,
    'Une fois votre adresse confirmée, vous pourrez compléter votre profil, votre foyer et les fiches de vos enfants, puis transmettre votre dossier pour validation.',
    IGNORE,
  ]);
}

/** To the owner of an address someone tried to register again: no second account, a way back in. */
export function accountExistsText(commune: Commune, links: { forgotPassword: string; login: string; verify: string | null }): EmailText {
  return compose(commune, 'Vous avez déjà un compte sur le portail famille', [
    'Une demande de création de compte vient d’être faite avec votre adresse e-mail. Un compte existe déjà pour cette adresse : aucun nouveau compte n’a été créé.',
    ...(links.verify
      ? [
          'Votre adresse n’a pas encore été confirmée. Pour la confirmer, cliquez sur ce lien (valable 48 heures) :',
          links.verify,
        ]
      : [`Pour vous connecter, rendez-vous sur ${links.login}`]),
    'Si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau ici :',
    links.forgotPassword,
    'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre compte n’a pas été modifié.',
  ]);
}

export function resetPasswordText(commune: Commune, link: string): EmailText {
  return compose(commune, 'Réinitialisation de votre mot de passe', [
    'Vous avez demandé à choisir un nouveau mot de passe pour votre compte du portail famille. Cliquez sur le lien ci-dessous :',
    link,
    `Ce lien est valable ${RESET_HOURS} heures et ne peut servir qu’une fois. Après la réinitialisation, toutes vos sessions ouvertes seront fermées.`,
    'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.',
  ]);
}

export function passwordChangedText(commune: Commune, when: 'reset' | 'change'): EmailText {
  return compose(commune, 'Votre mot de passe a été modifié', [
    when === 'reset'
      ? 'Le mot de passe de votre compte du portail famille vient d’être réinitialisé. Toutes les sessions ouvertes ont été fermées.'
      : 'Le mot de passe de votre compte du portail famille vient d’être modifié. Les autres sessions ouvertes ont été fermées.',
    'Si vous n’êtes pas à l’origine de ce changement, contactez sans attendre le pôle enfance-jeunesse.',
  ]);
}

export function confirmNewEmailText(commune: Commune, link: string): EmailText {
  return compose(commune, 'Confirmez votre nouvelle adresse e-mail', [
    'Vous avez demandé à utiliser cette adresse e-mail pour vous connecter au portail famille. Pour confirmer ce changement, cliquez sur le lien ci-dessous :',
    link,
    `Ce lien est valable ${VERIFY_HOURS} heures et ne peut servir qu’une fois. Tant que vous ne l’avez pas utilisé, votre ancienne adresse reste votre identifiant.`,
    IGNORE,
  ]);
}

export function emailChangeRequestedText(commune: Commune, newEmail: string): EmailText {
  return compose(commune, 'Demande de changement d’adresse e-mail', [
    `Une demande a été faite pour remplacer l’adresse de connexion de votre compte du portail famille par ${newEmail}. Le changement ne prendra effet qu’une fois confirmé depuis cette nouvelle adresse.`,
    'Si vous n’êtes pas à l’origine de cette demande, changez votre mot de passe et contactez le pôle enfance-jeunesse.',
  ]);
}

export function emailChangedText(commune: Commune, newEmail: string): EmailText {
  return compose(commune, 'Votre adresse e-mail a été modifiée', [
    `L’adresse de connexion de votre compte du portail famille est désormais ${newEmail}. Les prochains messages du portail seront envoyés à cette adresse.`,
    'Si vous n’êtes pas à l’origine de ce changement, contactez sans attendre le pôle enfance-jeunesse.',
  ]);
}
