export declare function folderBytes(dir: string): number;
export declare function heapLimitFor(bytes: number): number;
export declare function nodeFlagsFor(bytes: number): string[];
export declare const RESPAWN_ABOVE_BYTES: number;
