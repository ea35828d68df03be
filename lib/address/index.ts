export * from './errors';
export * from './base58';
export * from './bech32';
export * from './address';
