/** Set by vite.config.ts at build time: the weight files in public/models/cophy/ (none until training ships them). */
declare const __COPHY_WEIGHT_FILES__: readonly string[];
