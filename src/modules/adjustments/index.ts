// The adjustments area as others see it: a participant's adjustments as the API shows them (the
// score explanation lists them).
export { adjustmentDtos, type AdjustmentDto } from './adjustments.service.ts';
export { Adjustment } from './adjustments.schemas.ts';
