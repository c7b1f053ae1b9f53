// Questionnaires are read with nearly every score (a score explanation, a rescore, a result set)
// and change rarely: each version is validated once and the same object is shared, so the scoring
// module's compiled form of it (cached per object) is reused too. The key is the row's id and the
// id of the transaction that last wrote it (`xmin`), read each time: an edited questionnaire gets a
// new key, and so does a later edit after one that was rolled back (transaction ids are not reused).
import { LRUCache } from 'lru-cache';
import { validateQuestionnaire, type Questionnaire } from '../../scoring/index.ts';

const validated = new LRUCache<string, { value: Questionnaire | null }>({ max: 256 });

/** The validated questionnaire of a stored row (its definition read only when not cached), or null when it is not valid. */
export async function storedQuestionnaire(id: string, writtenBy: string, definition: () => Promise<unknown>): Promise<Questionnaire | null> {
  const key = `${id}:${writtenBy}`;
  let entry = validated.get(key);
  if (!entry) {
    const checked = validateQuestionnaire(await definition());
    entry = { value: checked.ok ? checked.value : null };
    validated.set(key, entry);
  }
  return entry.value;
}
