export * from './writer';
export * from './reader';
export * from './script';
