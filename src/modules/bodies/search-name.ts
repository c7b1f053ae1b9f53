// What body-name search matches against: lower case, accents removed, whitespace collapsed.
// The same function builds the stored `searchName` and normalises the `?q=` of a search, so
// "Dinas Pendidikan" finds "DINAS PENDÍDIKAN" and duplicates differing only in case are caught.
export function searchNameOf(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards in the text escaped. */
export function containsPattern(text: string): string {
  return `%${searchNameOf(text).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
