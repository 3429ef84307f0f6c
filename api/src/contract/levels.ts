export { AREA_LEVELS, type AreaLevel } from '@oshaq/db/levels';
