// postject ships no types: the one function the module build calls.
declare module 'postject' {
  /** Injects `resourceData` into `filename` as `resourceName` and flips the sentinel fuse. */
  export function inject(
    filename: string,
    resourceName: string,
    resourceData: Buffer,
    options?: { sentinelFuse?: string; machoSegmentName?: string; overwrite?: boolean },
  ): Promise<void>;
}
