/** How staff lists name a family: after its responsable, as the portal does ("Famille Durand"). */
export function familyDisplayName(responsableLastName: string | null | undefined, familyId: number): string {
  return responsableLastName ? `Famille ${responsableLastName}` : `Famille n° ${familyId}`;
}
