export declare function folderBytes(dir: string): number;
export declare function heapLimitFor(bytes: number): number;
export declare const RESPAWN_ABOVE_BYTES: number;
