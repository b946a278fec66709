// The strength rule alone, without argon2, so that the portal's forms can bundle it and tell the
// parent what is wrong before the request is sent.

/** The rule as shown next to a new-password field. */
export const PASSWORD_RULES =
  'Au moins 10 caractères, avec au moins trois types de caractères parmi : minuscules, majuscules, chiffres, symboles.';

/** Why a password is too weak, in French, or null when it is acceptable. */
export function passwordWeakness(password: string): string | null {
  if (password.length < 10) return 'Le mot de passe doit contenir au moins 10 caractères.';
  if (password.length > 128) return 'Le mot de passe ne doit pas dépasser 128 caractères.';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3)
    return 'Le mot de passe doit mélanger au moins trois types de caractères : minuscules, majuscules, chiffres, symboles.';
  return null;
}
