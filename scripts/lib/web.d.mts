export declare const ROOT: string
/** Why the console needs building, or null when apps/web/dist is up to date. */
export declare function webBuildReason(): string | null
/** Runs `npm run build -w apps/web` if needed; resolves to 0 when up to date or built. */
export declare function ensureWebBuilt(options?: { log?: (message: string) => void }): Promise<number>
