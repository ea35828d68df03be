declare module 'node-gyp-build' {
  /** Loads the prebuild or build/Release addon found under `root`. */
  function load(root: string): unknown;
  export = load;
}
