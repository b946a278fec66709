// Shown next to new-password fields; the rule itself is in the shared account schemas.
export { PASSWORD_RULES } from '../../../shared/auth/passwordPolicy';

export const PASSWORD_MISMATCH = 'Les deux mots de passe saisis ne sont pas identiques.';
