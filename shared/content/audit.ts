/** Audit changes of an item created (every field from null) or deleted (every field to null). */
export function createdChanges(view: Record<string, unknown>): Record<string, [unknown, unknown]> {
  return Object.fromEntries(Object.entries(view).map(([key, value]) => [key, [null, value]]));
}

export function deletedChanges(view: Record<string, unknown>): Record<string, [unknown, unknown]> {
  return Object.fromEntries(Object.entries(view).map(([key, value]) => [key, [value, null]]));
}
