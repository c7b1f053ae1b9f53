// The Indonesian catalogue: each English template of a t`…` message (src/i18n/message.ts) → its
// Indonesian template, with the same {0}, {1}… in whatever order Indonesian needs. Words of the
// commission's own (DOMAIN.md glossary): periode, badan publik, peserta, kategori, tahap, penilai,
// juri, SK, sanggah, nilai, predikat, kuesioner (SAQ). Grouped by where the messages are raised.
export const id: Record<string, string> = {
};
