export * from './types';
export * from './states';
export * from './officials';
export * from './agencies';
export * from './negotiations';
export * from './issues';
export * from './metrics';
