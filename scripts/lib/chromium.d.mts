/** Launch flags that make Chromium work headless as root in a container, without phoning home. */
export declare const CHROMIUM_ARGS: string[]
/** The Chromium binary to use (CHROMIUM_PATH wins), or null. */
export declare function findChromium(): string | null
/** A usable Chromium's path; installs it with apt as root when missing, else throws with instructions. */
export declare function ensureChromium(): string
