// Work from the coin daemon: templates, jobs, shares, blocks, submission and updates.
export * from './errors';
export * from './template';
export * from './coinbase';
export * from './job';
export * from './block';
export * from './submit-outcome';
export * from './block-submitter';
export * from './work-source';
export * from './notify-channel';
