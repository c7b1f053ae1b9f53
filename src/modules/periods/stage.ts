// Moved to lifecycle.ts. Kept only so the modules that still import it from here compile until
// their imports move to ./index.ts; delete with the last of them.
export { STAGES, assertStage, stagePath, type Stage } from './lifecycle.ts';
