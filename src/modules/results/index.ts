// The results area as the rest of the application sees it: other modules import from here only,
// never from live/, frozen/ or the shared files beside them.
export { contentTag } from './etags.ts';
export { liveRankings } from './live/rankings.service.ts';
export { currentPublication, type PublishedSet } from './frozen/result-sets.repo.ts';
export { bodyResults, publishedRankings, publishedSummary, type BodyResult } from './frozen/published.ts';
export { categoryOf, exportTitle, rankingTable, type ExportContext } from './tables.ts';
export { PublicRankingRow, RankingStatus } from './results.schemas.ts';
export { PublicationMode, PublishedAward } from './publication.schemas.ts';
export type { ListFilter, PublicRankingRowBody } from './rows.ts';
export { periodOutcomes, publishedOutcomes, type Outcome, type PeriodOutcomes, type PublishedOutcomes } from './outcomes.ts';
export { scoreSummary } from './summary.ts';
export { countsInBand } from './standings.ts';
export { newestSetWithInputs } from './frozen/rows.repo.ts';
