// Public API of the hashpool package.
export * from './hash';
