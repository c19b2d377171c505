export * from './params';
export * from './demand';
export * from './day';
export * from './metrics';
export { simulateBaseline } from './baseline';
export { simulatePooled, PooledOptions } from './pooled';
export { formatComparison, summaryLine } from './report';
export { GEOMDAN_DAY } from './geomdan-day';
